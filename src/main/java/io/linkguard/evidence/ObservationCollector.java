package io.linkguard.evidence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the evidence contract from a stream of events in any order (the offline path). Memory grows
 * with the number of identities, not with the number of rows: each identity keeps exact counts and its
 * latest {@code timelineCap} events.
 */
public final class ObservationCollector {
    private final int timelineCap;
    private final Map<Identity, IdentityAccumulator> byIdentity = new HashMap<>();

    public ObservationCollector(int timelineCap) {
        if (timelineCap < 8) {
            throw new IllegalArgumentException("timeline size must be at least 8, was " + timelineCap);
        }
        this.timelineCap = timelineCap;
    }

    public void add(ConnectionEvent event) {
        byIdentity.computeIfAbsent(event.identity(), id -> new IdentityAccumulator(id, timelineCap)).add(event);
    }

    public int identities() {
        return byIdentity.size();
    }

    /** Observations of every identity with at least one conflict, in identity order. */
    public List<IdentityObservations> conflictingIdentities() {
        List<IdentityObservations> result = new ArrayList<>();
        for (IdentityAccumulator acc : byIdentity.values()) {
            if (acc.hasConflict()) {
                result.add(new IdentityObservations(acc.identity, acc.counts(), acc.firstSeen, acc.lastSeen,
                        acc.timeline(), acc.omitted()));
            }
        }
        result.sort((a, b) -> a.identity().compareTo(b.identity()));
        return result;
    }

    /** Per hub, every identity seen (with or without conflicts) counted by attribute value: the cohort baseline. */
    public List<HubPopulation> hubPopulations() {
        Map<String, HubPopulation.Counter> byHub = new TreeMap<>();
        for (IdentityAccumulator acc : byIdentity.values()) {
            byHub.computeIfAbsent(acc.identity.hub(), HubPopulation.Counter::new).add(acc.identity, acc.timeline());
        }
        return byHub.values().stream().map(HubPopulation.Counter::build).toList();
    }

    /** Per-hub drop activity over all identities (with or without conflicts), for fleet-event detection. */
    public List<HubActivity> hubActivity(long binMillis, long renewalWindowMillis) {
        Map<String, TreeMap<Long, int[]>> binsByHub = new TreeMap<>();
        Map<String, long[]> spanByHub = new HashMap<>();
        for (IdentityAccumulator acc : byIdentity.values()) {
            String hub = acc.identity.hub();
            long[] span = spanByHub.computeIfAbsent(hub, h -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
            span[0] = Math.min(span[0], acc.firstSeen);
            span[1] = Math.max(span[1], acc.lastSeen);
            Set<Long> dropBins = new HashSet<>();
            Set<Long> platformBins = new HashSet<>();
            SasRenewals renewals = new SasRenewals(renewalWindowMillis);
            for (TimelineEvent e : acc.timeline()) {
                if (renewals.isFleetDrop(e.timeMillis(), e.kind())) {
                    long bin = Math.floorDiv(e.timeMillis(), binMillis) * binMillis;
                    dropBins.add(bin);
                    if (e.kind() != EventKind.DROP) {
                        platformBins.add(bin);
                    }
                }
            }
            TreeMap<Long, int[]> bins = binsByHub.computeIfAbsent(hub, h -> new TreeMap<>());
            for (Long bin : dropBins) {
                int[] c = bins.computeIfAbsent(bin, b -> new int[2]);
                c[0]++;
                if (platformBins.contains(bin)) {
                    c[1]++;
                }
            }
        }
        List<HubActivity> result = new ArrayList<>();
        binsByHub.forEach((hub, bins) -> {
            TreeMap<Long, HubActivity.Bin> converted = new TreeMap<>();
            bins.forEach((bin, c) -> converted.put(bin, new HubActivity.Bin(c[0], c[1])));
            long[] span = spanByHub.get(hub);
            result.add(new HubActivity(hub, binMillis, span[0], span[1], converted));
        });
        return result;
    }
}
