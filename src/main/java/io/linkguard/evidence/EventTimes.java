package io.linkguard.evidence;

import java.util.Arrays;

/**
 * One identity's event times in epoch milliseconds, kept as int offsets from a base (4 bytes an event instead of
 * 8: the times are a third of the collector's memory). An event more than 24 days from the base widens the
 * identity's times to longs, so any span is kept exactly.
 */
final class EventTimes {
    private final long base;
    private int[] offsets;
    private long[] wide;

    EventTimes(long base, int capacity) {
        this.base = base;
        this.offsets = new int[capacity];
    }

    long get(int i) {
        return wide != null ? wide[i] : base + offsets[i];
    }

    void set(int i, long millis) {
        if (wide == null) {
            long offset = millis - base;
            if (offset == (int) offset) {
                offsets[i] = (int) offset;
                return;
            }
            wide = new long[offsets.length];
            for (int j = 0; j < offsets.length; j++) {
                wide[j] = base + offsets[j];
            }
            offsets = null;
        }
        wide[i] = millis;
    }

    int capacity() {
        return wide != null ? wide.length : offsets.length;
    }

    /** Grows (or shrinks) to {@code capacity} slots, keeping the values of the slots that remain. */
    void resize(int capacity) {
        if (wide != null) {
            wide = Arrays.copyOf(wide, capacity);
        } else {
            offsets = Arrays.copyOf(offsets, capacity);
        }
    }

    /** Empty times of {@code capacity} slots on the same base. */
    EventTimes emptyLike(int capacity) {
        return new EventTimes(base, capacity);
    }
}
