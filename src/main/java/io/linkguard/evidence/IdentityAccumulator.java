package io.linkguard.evidence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-identity state while a log stream is read: exact counts plus the latest {@code timelineCap}
 * events, kept in two primitive arrays (time, packed kind and dictionary indexes) so memory stays
 * bounded by the cap however long the input is, and input order does not matter.
 */
final class IdentityAccumulator {
    private static final int DICT_MAX = 127;
    private static final int FIELD_BITS = 7;
    private static final int MASK = (1 << FIELD_BITS) - 1;

    final Identity identity;
    private final int timelineCap;
    final long[] kindCounts = new long[EventKind.values().length];
    long conflicts400027;
    long firstSeen = Long.MAX_VALUE;
    long lastSeen = Long.MIN_VALUE;
    private long[] times = new long[4];
    private int[] packed = new int[4];
    private int size;
    private long omitted;
    private String[] dictionary = new String[4];
    private int dictionarySize = 1; // index 0 means "absent"
    private List<TimelineEvent> finished;

    IdentityAccumulator(Identity identity, int timelineCap) {
        this.identity = identity;
        this.timelineCap = timelineCap;
    }

    void add(ConnectionEvent e) {
        finished = null;
        kindCounts[e.kind().ordinal()]++;
        if ("400027".equals(e.code())) {
            conflicts400027++;
        }
        firstSeen = Math.min(firstSeen, e.timeMillis());
        lastSeen = Math.max(lastSeen, e.timeMillis());
        if (size == times.length) {
            if (size >= 2 * timelineCap) {
                keepLatest(timelineCap, 2 * timelineCap);
            } else {
                int grown = Math.min(2 * timelineCap, size * 2);
                times = Arrays.copyOf(times, grown);
                packed = Arrays.copyOf(packed, grown);
            }
        }
        times[size] = e.timeMillis();
        packed[size] = e.kind().ordinal()
                | index(e.code()) << 3
                | index(e.maskedIp()) << (3 + FIELD_BITS)
                | index(e.sdkVersion()) << (3 + 2 * FIELD_BITS)
                | index(e.protocol()) << (3 + 3 * FIELD_BITS);
        size++;
    }

    boolean hasConflict() {
        return kindCounts[EventKind.CONFLICT.ordinal()] > 0;
    }

    EventCounts counts() {
        long conflicts = kindCounts[EventKind.CONFLICT.ordinal()];
        return new EventCounts(
                kindCounts[EventKind.CONNECT.ordinal()],
                kindCounts[EventKind.DISCONNECT.ordinal()],
                conflicts - conflicts400027,
                conflicts400027,
                kindCounts[EventKind.DROP.ordinal()],
                kindCounts[EventKind.AUTH_EXPIRED.ordinal()],
                kindCounts[EventKind.SERVER_ERROR.ordinal()],
                kindCounts[EventKind.PLATFORM_FAULT.ordinal()],
                kindCounts[EventKind.OTHER_ERROR.ordinal()]);
    }

    /**
     * The latest {@code timelineCap} events in time order, sorted and built once; a later {@link #add}
     * makes the next call build it again.
     */
    List<TimelineEvent> timeline() {
        if (finished != null) {
            return finished;
        }
        keepLatest(timelineCap, Math.min(size, timelineCap));
        List<TimelineEvent> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int p = packed[i];
            events.add(new TimelineEvent(times[i], EventKind.ofOrdinal(p & 7),
                    dictionary[(p >>> 3) & MASK],
                    dictionary[(p >>> (3 + FIELD_BITS)) & MASK],
                    dictionary[(p >>> (3 + 2 * FIELD_BITS)) & MASK],
                    dictionary[(p >>> (3 + 3 * FIELD_BITS)) & MASK]));
        }
        finished = List.copyOf(events);
        return finished;
    }

    long omitted() {
        return omitted;
    }

    /**
     * Sorts by time, ties by kind and then by the event's values (not by arrival, so input order never
     * matters), and keeps the newest {@code keep} events in arrays of {@code capacity} slots.
     */
    private void keepLatest(int keep, int capacity) {
        if (size == 0) {
            return;
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int byTime = Long.compare(times[a], times[b]);
            if (byTime != 0) {
                return byTime;
            }
            int byKind = Integer.compare(packed[a] & 7, packed[b] & 7);
            return byKind != 0 ? byKind : valuesOf(packed[a]).compareTo(valuesOf(packed[b]));
        });
        int from = Math.max(0, size - keep);
        long[] newTimes = new long[Math.max(4, capacity)];
        int[] newPacked = new int[newTimes.length];
        for (int j = from; j < size; j++) {
            newTimes[j - from] = times[order[j]];
            newPacked[j - from] = packed[order[j]];
        }
        omitted += from;
        times = newTimes;
        packed = newPacked;
        size -= from;
    }

    private String valuesOf(int p) {
        return String.valueOf(dictionary[(p >>> 3) & MASK]) + '\u0000' + dictionary[(p >>> (3 + FIELD_BITS)) & MASK]
                + '\u0000' + dictionary[(p >>> (3 + 2 * FIELD_BITS)) & MASK] + '\u0000' + dictionary[(p >>> (3 + 3 * FIELD_BITS)) & MASK];
    }

    private int index(String value) {
        if (value == null) {
            return 0;
        }
        for (int i = 1; i < dictionarySize; i++) {
            String s = dictionary[i];
            if (s == value || s.equals(value)) {
                return i;
            }
        }
        if (dictionarySize == DICT_MAX) {
            return DICT_MAX - 1; // the last slot stands for "one of many others"; never reached in practice
        }
        if (dictionarySize == dictionary.length) {
            dictionary = Arrays.copyOf(dictionary, Math.min(DICT_MAX, dictionary.length * 2));
        }
        dictionary[dictionarySize] = value;
        return dictionarySize++;
    }
}
