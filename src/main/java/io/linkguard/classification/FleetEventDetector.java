package io.linkguard.classification;

import io.linkguard.evidence.FleetSignal;
import io.linkguard.evidence.HubActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Finds hub-wide drop events, per hub and signal, against the hub's own population and baseline (see
 * {@link FleetThresholds} for the tests a bin must pass). The baseline of a signal is the mean per bin of
 * the bins that are not events, found by re-estimating after setting the event bins aside.
 */
public final class FleetEventDetector {
    private static final FleetSignal[] SIGNALS = FleetSignal.values();
    private static final int BASELINE_PASSES = 3;
    private final FleetThresholds t;

    public FleetEventDetector(FleetThresholds thresholds) {
        this.t = thresholds;
    }

    public List<FleetEvent> detect(List<HubActivity> hubs) {
        List<FleetEvent> events = new ArrayList<>();
        for (HubActivity hub : hubs) {
            events.addAll(detect(hub));
        }
        return events;
    }

    List<FleetEvent> detect(HubActivity hub) {
        HubSeries series = HubSeries.of(hub);
        double[] baseline = new double[SIGNALS.length];
        int[] need = new int[SIGNALS.length];
        boolean[] eventBin = new boolean[series.bins()];
        for (int pass = 0; pass < BASELINE_PASSES; pass++) {
            for (FleetSignal s : SIGNALS) {
                baseline[s.ordinal()] = series.meanOutside(bin -> bin.identities(s), eventBin);
                need[s.ordinal()] = threshold(s, baseline[s.ordinal()], series);
            }
            eventBin = series.binsReaching(need);
        }
        double baselineDropping = series.meanOutside(HubActivity.Bin::droppingIdentities, eventBin);
        List<FleetEvent> events = new ArrayList<>();
        int maxBins = (int) Math.max(1, t.maxEvent().toMillis() / hub.binMillis());
        int i = 0;
        while (i < series.bins()) {
            if (!eventBin[i]) {
                i++;
                continue;
            }
            int first = i;
            while (i < series.bins() && eventBin[i] && i - first < maxBins) {
                i++;
            }
            events.add(event(hub, series, first, i - 1, baseline, need, baselineDropping));
        }
        return events;
    }

    private int threshold(FleetSignal s, double baseline, HubSeries series) {
        double share = s == FleetSignal.UPGRADE ? t.upgradeMinShare() : t.dropMinShare();
        double lambda = Math.max(baseline, 1.0 / series.bins());
        long x = Math.max(t.minIdentities(), (long) Math.ceil(Math.max(share * series.active(), t.spikeFactor() * baseline)));
        x = Math.max(x, (long) Math.floor(lambda + 3 * Math.sqrt(lambda)));
        while (PoissonTail.atLeast(x, lambda) > t.significance()) {
            x++;
        }
        return (int) Math.min(Integer.MAX_VALUE, x);
    }

    private FleetEvent event(HubActivity hub, HubSeries series, int first, int last, double[] baseline, int[] need,
                             double baselineDropping) {
        FleetSignal trigger = null;
        double strongest = 0;
        int peakDropping = 0;
        int peakPlatform = 0;
        int[] peak = new int[SIGNALS.length];
        for (int b = first; b <= last; b++) {
            HubActivity.Bin bin = series.bin(b);
            peakDropping = Math.max(peakDropping, bin.droppingIdentities());
            peakPlatform = Math.max(peakPlatform, bin.platformIdentities());
            for (FleetSignal s : SIGNALS) {
                int x = bin.identities(s);
                peak[s.ordinal()] = Math.max(peak[s.ordinal()], x);
                if (x >= need[s.ordinal()] && outranks(s, (double) x / need[s.ordinal()], trigger, strongest)) {
                    trigger = s;
                    strongest = (double) x / need[s.ordinal()];
                }
            }
        }
        int k = trigger.ordinal();
        long from = series.binStart(first);
        long to = series.binStart(last) + hub.binMillis() + t.grace().toMillis();
        String explanation = String.format(Locale.ROOT,
                "%d of %d active identities (%.1f%%) %s in one %d-minute bin, against the hub's own %.2f per bin "
                        + "(an event bin needs %d)%s", peak[k], series.active(), 100.0 * peak[k] / series.active(),
                trigger.description(), Duration.ofMillis(hub.binMillis()).toMinutes(), baseline[k], need[k],
                last > first ? String.format(Locale.ROOT, "; %d bins in a row", last - first + 1) : "");
        return new FleetEvent(hub.hub(), Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), trigger.trigger(),
                peakDropping, peakPlatform, round(baselineDropping), series.active(), peak[k], round(baseline[k]),
                need[k], explanation);
    }

    /** The upgrade codes name their cause, so they trigger whenever they reach their threshold; else the strongest. */
    private static boolean outranks(FleetSignal s, double strength, FleetSignal current, double currentStrength) {
        if (current == null) {
            return true;
        }
        if ((s == FleetSignal.UPGRADE) != (current == FleetSignal.UPGRADE)) {
            return s == FleetSignal.UPGRADE;
        }
        return strength > currentStrength;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** A hub's bins laid out densely over its observed span (bins outside the span widen it). */
    private record HubSeries(long firstBin, long binMillis, long active, HubActivity.Bin[] byIndex) {
        private static final HubActivity.Bin EMPTY = new HubActivity.Bin(0, 0, 0, 0);

        static HubSeries of(HubActivity hub) {
            long first = hub.firstBin();
            long last = Math.floorDiv(hub.toMillis(), hub.binMillis()) * hub.binMillis();
            if (!hub.bins().isEmpty()) {
                first = Math.min(first, hub.bins().firstKey());
                last = Math.max(last, hub.bins().lastKey());
            }
            int n = (int) Math.max(1, (last - first) / hub.binMillis() + 1);
            HubActivity.Bin[] bins = new HubActivity.Bin[n];
            for (Map.Entry<Long, HubActivity.Bin> e : hub.bins().entrySet()) {
                bins[(int) ((e.getKey() - first) / hub.binMillis())] = e.getValue();
            }
            long active = Math.max(1, hub.activeIdentities());
            return new HubSeries(first, hub.binMillis(), active, bins);
        }

        int bins() {
            return byIndex.length;
        }

        HubActivity.Bin bin(int i) {
            return byIndex[i] == null ? EMPTY : byIndex[i];
        }

        long binStart(int i) {
            return firstBin + i * binMillis;
        }

        double meanOutside(ToIntFunction<HubActivity.Bin> count, boolean[] excluded) {
            long sum = 0;
            int n = 0;
            for (int i = 0; i < byIndex.length; i++) {
                if (!excluded[i]) {
                    sum += count.applyAsInt(bin(i));
                    n++;
                }
            }
            return n == 0 ? 0 : (double) sum / n;
        }

        boolean[] binsReaching(int[] need) {
            boolean[] reached = new boolean[byIndex.length];
            for (int i = 0; i < byIndex.length; i++) {
                for (FleetSignal s : SIGNALS) {
                    reached[i] |= bin(i).identities(s) >= need[s.ordinal()];
                }
            }
            return reached;
        }
    }
}
