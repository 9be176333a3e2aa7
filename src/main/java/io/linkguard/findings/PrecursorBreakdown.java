package io.linkguard.findings;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Transient conflicts by the drop that preceded them, over a group of identities: per cause, the conflicts it
 * preceded and the identities for which it was the most frequent cause.
 */
public record PrecursorBreakdown(int identities, Map<PrecursorCause, Count> byCause) {

    public record Count(int identities, int conflicts) {
    }

    public static final PrecursorBreakdown EMPTY = new PrecursorBreakdown(0, Map.of());

    /** The cause with the most identities, or null when none. */
    public PrecursorCause dominant() {
        return byCause.entrySet().stream().max((a, b) -> Integer.compare(a.getValue().identities(), b.getValue().identities()))
                .map(Map.Entry::getKey).orElse(null);
    }

    static final class Builder {
        private int identities;
        private final Map<PrecursorCause, int[]> counts = new EnumMap<>(PrecursorCause.class);

        Builder add(Map<PrecursorCause, Integer> conflictsByCause) {
            if (conflictsByCause.isEmpty()) {
                return this;
            }
            identities++;
            PrecursorCause top = null;
            for (Map.Entry<PrecursorCause, Integer> e : conflictsByCause.entrySet()) {
                counts.computeIfAbsent(e.getKey(), c -> new int[2])[1] += e.getValue();
                if (top == null || e.getValue() > conflictsByCause.get(top)) {
                    top = e.getKey();
                }
            }
            counts.get(top)[0]++;
            return this;
        }

        PrecursorBreakdown build() {
            Map<PrecursorCause, Count> byCause = new EnumMap<>(PrecursorCause.class);
            counts.forEach((c, n) -> byCause.put(c, new Count(n[0], n[1])));
            return new PrecursorBreakdown(identities, Collections.unmodifiableMap(byCause));
        }
    }
}
