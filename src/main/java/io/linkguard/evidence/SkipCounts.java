package io.linkguard.evidence;

import java.util.LinkedHashMap;
import java.util.Map;

/** Skipped rows counted by reason; never silently dropped. */
public final class SkipCounts {
    private final long[] counts = new long[SkipReason.values().length];

    public void add(SkipReason reason) {
        counts[reason.ordinal()]++;
    }

    public void addAll(SkipCounts other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
    }

    public long total() {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    public long get(SkipReason reason) {
        return counts[reason.ordinal()];
    }

    /** Non-zero counts by label, in the enum's order. */
    public Map<String, Long> byLabel() {
        Map<String, Long> map = new LinkedHashMap<>();
        for (SkipReason reason : SkipReason.values()) {
            if (counts[reason.ordinal()] > 0) {
                map.put(reason.label(), counts[reason.ordinal()]);
            }
        }
        return map;
    }
}
