package io.linkguard.evidence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the evidence contract from a stream of events in any order (the offline path). Memory grows
 * with the number of identities, not with the number of rows: each identity keeps exact counts and its
 * latest {@code timelineCap} events, packed; {@link #finish} keeps the events of conflicting identities only.
 */
public final class ObservationCollector {
    private final int timelineCap;
    private final Map<Identity, IdentityAccumulator> byIdentity = new HashMap<>();
    private final SharedValues shared = new SharedValues();
    private IdentityAccumulator[] byNumber = new IdentityAccumulator[64];
    private long touched;

    public ObservationCollector(int timelineCap) {
        if (timelineCap < 8) {
            throw new IllegalArgumentException("timeline size must be at least 8, was " + timelineCap);
        }
        this.timelineCap = timelineCap;
    }

    public void add(ConnectionEvent event) {
        accumulatorOf(event.identity()).add(event);
    }

    /**
     * As {@link #add(ConnectionEvent)}, with a number the caller gives each distinct identity ({@code number >= 0},
     * the same for all events of an identity, small: an array is indexed by it), such as
     * {@link ConnectionRowParser#identityNumber()}: the collector then finds the identity by that number instead of
     * hashing it. A number that turns out to stand for another identity costs time, never a wrong count.
     */
    public void add(ConnectionEvent event, int number) {
        if (number < 0) {
            add(event);
            return;
        }
        IdentityAccumulator acc = number < byNumber.length ? byNumber[number] : null;
        if (acc == null || acc.identity != event.identity() && !acc.identity.equals(event.identity())) {
            acc = accumulatorOf(event.identity());
            if (number >= byNumber.length) {
                byNumber = Arrays.copyOf(byNumber, Math.max(number + 1, 2 * byNumber.length));
            }
            byNumber[number] = acc;
        }
        acc.add(event);
    }

    /**
     * {@link #add(ConnectionEvent, int)} for {@code count} events in order. Rows come in no order of identity, so
     * each add waits for memory no recent row touched; a first pass only reads the accumulators' memory the adds
     * will need, all rows' reads at once, so the waits overlap instead of following one another.
     */
    public void addAll(ConnectionEvent[] events, int[] numbers, int count) {
        long touched = 0;
        for (int i = 0; i < count; i++) {
            int number = numbers[i];
            IdentityAccumulator acc = number >= 0 && number < byNumber.length ? byNumber[number] : null;
            if (acc != null) {
                touched += acc.touch();
            }
        }
        this.touched = touched; // kept, so that the reads above are not optimised away
        for (int i = 0; i < count; i++) {
            add(events[i], numbers[i]);
        }
    }

    private IdentityAccumulator accumulatorOf(Identity identity) {
        IdentityAccumulator acc = byIdentity.get(identity);
        if (acc == null) { // not computeIfAbsent: its lambda would capture this, one allocation per row
            acc = new IdentityAccumulator(identity, timelineCap, shared);
            byIdentity.put(identity, acc);
        }
        return acc;
    }

    public int identities() {
        return byIdentity.size();
    }

    /** What a batch needs of the identities: the conflicting ones in identity order, per-hub activity and populations. */
    public record Collected(List<IdentityObservations> identities, List<HubActivity> hubs,
                            List<HubPopulation> populations) {
    }

    /**
     * Everything in one pass over the identities, releasing each identity's events once it is passed: only the
     * conflicting identities' timelines (packed, 8 bytes per event) outlive it. The collector is empty afterwards.
     */
    public Collected finish(long binMillis, long renewalWindowMillis) {
        return pass(binMillis, renewalWindowMillis, true);
    }

    /** Observations of every identity with at least one conflict, in identity order. */
    public List<IdentityObservations> conflictingIdentities() {
        return pass(Long.MAX_VALUE, 0, false).identities();
    }

    /** Per hub, every identity seen (with or without conflicts) counted by attribute value: the cohort baseline. */
    public List<HubPopulation> hubPopulations() {
        return pass(Long.MAX_VALUE, 0, false).populations();
    }

    /**
     * Per-hub activity over all identities (with or without conflicts), for fleet-event detection: the
     * active identities of each hub and, per bin, the distinct identities dropping by signal.
     */
    public List<HubActivity> hubActivity(long binMillis, long renewalWindowMillis) {
        return pass(binMillis, renewalWindowMillis, false).hubs();
    }

    private Collected pass(long binMillis, long renewalWindowMillis, boolean release) {
        List<IdentityObservations> conflicting = new ArrayList<>();
        Map<String, HubPopulation.Counter> populations = new TreeMap<>();
        Map<String, HubBins> activity = new TreeMap<>();
        if (release) {
            byNumber = new IdentityAccumulator[0]; // else every accumulator stays reachable until the pass ends
        }
        for (Iterator<IdentityAccumulator> it = byIdentity.values().iterator(); it.hasNext(); ) {
            IdentityAccumulator acc = it.next();
            IdentityAccumulator.Timeline timeline = acc.timeline();
            populations.computeIfAbsent(acc.identity.hub(), HubPopulation.Counter::new).add(acc.identity, timeline);
            activity.computeIfAbsent(acc.identity.hub(), h -> new HubBins()).add(acc, timeline, binMillis, renewalWindowMillis);
            if (acc.hasConflict()) {
                conflicting.add(new IdentityObservations(acc.identity, acc.counts(), acc.firstSeen, acc.lastSeen,
                        timeline, acc.omitted()));
            }
            if (release) {
                it.remove();
            }
        }
        conflicting.sort((a, b) -> a.identity().compareTo(b.identity()));
        List<HubActivity> hubs = new ArrayList<>();
        activity.forEach((hub, h) -> hubs.add(h.build(hub, binMillis)));
        return new Collected(conflicting, hubs, populations.values().stream().map(HubPopulation.Counter::build).toList());
    }

    private static final FleetSignal[] SIGNALS = FleetSignal.values();

    /** One hub's fleet activity as identities are added: per bin, the distinct identities dropping by signal. */
    private static final class HubBins {
        final TreeMap<Long, int[]> bins = new TreeMap<>();
        long identities;
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;

        /** Times and kinds are read from the (time-ordered) timeline without building its events. */
        void add(IdentityAccumulator acc, IdentityAccumulator.Timeline timeline, long binMillis, long renewalWindowMillis) {
            identities++;
            from = Math.min(from, acc.firstSeen);
            to = Math.max(to, acc.lastSeen);
            SasRenewals renewals = new SasRenewals(renewalWindowMillis);
            // The timeline is in time order, so each bin's events come together: one bin open at a time.
            long openBin = Long.MIN_VALUE;
            int openSignals = 0; // a bit per FleetSignal seen in the open bin
            for (int i = 0, n = timeline.size(); i < n; i++) {
                long time = timeline.timeAt(i);
                EventKind kind = timeline.kindAt(i);
                if (renewals.isFleetDrop(time, kind)) {
                    long bin = Math.floorDiv(time, binMillis) * binMillis;
                    if (bin != openBin) {
                        count(openBin, openSignals);
                        openBin = bin;
                        openSignals = 0;
                    }
                    openSignals |= 1 << FleetSignal.of(kind).ordinal();
                }
            }
            count(openBin, openSignals);
        }

        /** One identity in one bin: counted once, and once for each signal it showed there. */
        private void count(long bin, int signals) {
            if (signals == 0) {
                return;
            }
            int[] c = bins.computeIfAbsent(bin, b -> new int[SIGNALS.length + 1]);
            c[SIGNALS.length]++;
            for (int s = 0; s < SIGNALS.length; s++) {
                c[s] += (signals >>> s) & 1;
            }
        }

        HubActivity build(String hub, long binMillis) {
            TreeMap<Long, HubActivity.Bin> converted = new TreeMap<>();
            bins.forEach((bin, c) -> converted.put(bin, new HubActivity.Bin(c[SIGNALS.length],
                    c[FleetSignal.UPGRADE.ordinal()], c[FleetSignal.SERVER_ERRORS.ordinal()],
                    c[FleetSignal.CONNECTION_LOSS.ordinal()])));
            return new HubActivity(hub, binMillis, from, to, identities, converted);
        }
    }
}
