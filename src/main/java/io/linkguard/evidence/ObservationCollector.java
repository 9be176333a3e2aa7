package io.linkguard.evidence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        IdentityAccumulator acc = byIdentity.get(event.identity());
        if (acc == null) { // not computeIfAbsent: its lambda would capture this, one allocation per row
            acc = new IdentityAccumulator(event.identity(), timelineCap);
            byIdentity.put(event.identity(), acc);
        }
        acc.add(event);
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
            byHub.computeIfAbsent(acc.identity.hub(), HubPopulation.Counter::new).add(acc.identity, acc.timelineForFleetPass());
        }
        return byHub.values().stream().map(HubPopulation.Counter::build).toList();
    }

    /**
     * Per-hub activity over all identities (with or without conflicts), for fleet-event detection: the
     * active identities of each hub and, per bin, the distinct identities dropping by signal.
     */
    public List<HubActivity> hubActivity(long binMillis, long renewalWindowMillis) {
        Map<String, HubBins> byHub = new TreeMap<>();
        for (IdentityAccumulator acc : byIdentity.values()) {
            HubBins hub = byHub.computeIfAbsent(acc.identity.hub(), h -> new HubBins());
            hub.identities++;
            hub.from = Math.min(hub.from, acc.firstSeen);
            hub.to = Math.max(hub.to, acc.lastSeen);
            Map<Long, int[]> signalsByBin = new HashMap<>();
            SasRenewals renewals = new SasRenewals(renewalWindowMillis);
            for (TimelineEvent e : acc.timelineForFleetPass()) {
                if (renewals.isFleetDrop(e.timeMillis(), e.kind())) {
                    long bin = Math.floorDiv(e.timeMillis(), binMillis) * binMillis;
                    signalsByBin.computeIfAbsent(bin, b -> new int[SIGNALS.length])[FleetSignal.of(e.kind()).ordinal()] = 1;
                }
            }
            signalsByBin.forEach((bin, signals) -> {
                int[] c = hub.bins.computeIfAbsent(bin, b -> new int[SIGNALS.length + 1]);
                c[SIGNALS.length]++;
                for (int s = 0; s < SIGNALS.length; s++) {
                    c[s] += signals[s];
                }
            });
        }
        List<HubActivity> result = new ArrayList<>();
        byHub.forEach((hub, h) -> {
            TreeMap<Long, HubActivity.Bin> converted = new TreeMap<>();
            h.bins.forEach((bin, c) -> converted.put(bin, new HubActivity.Bin(c[SIGNALS.length],
                    c[FleetSignal.UPGRADE.ordinal()], c[FleetSignal.SERVER_ERRORS.ordinal()],
                    c[FleetSignal.CONNECTION_LOSS.ordinal()])));
            result.add(new HubActivity(hub, binMillis, h.from, h.to, h.identities, converted));
        });
        return result;
    }

    private static final FleetSignal[] SIGNALS = FleetSignal.values();

    private static final class HubBins {
        final TreeMap<Long, int[]> bins = new TreeMap<>();
        long identities;
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
    }
}
