package io.linkguard.evidence;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A hub's active identities (every identity with any Connections row in the look-back, conflicting or not)
 * and how many of them show each attribute value ({@link IdentityAttribute#latestOf}): the baseline fleet
 * cohorts are compared with. Memory is bounded by the distinct values (masked addresses at most one per
 * identity), not by rows. The production query folds the masked addresses no conflicting identity showed into
 * the value "" ({@link #FOLDED}): counted in the attribute's total, never a cohort candidate.
 */
public record HubPopulation(String hub, int identities, Map<IdentityAttribute, Map<String, Integer>> identitiesByValue) {

    /** The value under which hub-population.kql counts the masked addresses that cannot be a cohort. */
    public static final String FOLDED = "";

    /** Identities with a known value of the attribute (the denominator of its shares). */
    public int identitiesWith(IdentityAttribute attribute) {
        return identitiesByValue.getOrDefault(attribute, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Counts one hub's identities as they are added. */
    public static final class Counter {
        private final String hub;
        private int identities;
        private final Map<IdentityAttribute, Map<String, Integer>> counts = new EnumMap<>(IdentityAttribute.class);

        public Counter(String hub) {
            this.hub = hub;
        }

        public Counter add(Identity identity, List<TimelineEvent> timeline) {
            identities++;
            IdentityAttribute.latestOf(identity, timeline)
                    .forEach((a, v) -> counts.computeIfAbsent(a, x -> new HashMap<>()).merge(v, 1, Integer::sum));
            return this;
        }

        public HubPopulation build() {
            Map<IdentityAttribute, Map<String, Integer>> copy = new EnumMap<>(IdentityAttribute.class);
            counts.forEach((a, m) -> copy.put(a, Collections.unmodifiableMap(new HashMap<>(m))));
            return new HubPopulation(hub, identities, Collections.unmodifiableMap(copy));
        }
    }
}
