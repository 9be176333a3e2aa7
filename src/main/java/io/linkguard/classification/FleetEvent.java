package io.linkguard.classification;

import io.linkguard.evidence.FleetSignal;
import io.linkguard.evidence.TimeWindow;
import java.time.Instant;

/**
 * A hub-wide event: far more of one hub's active identities dropping with one signal within minutes than
 * the hub's own baseline explains. {@code trigger} names the signal ({@link FleetSignal#trigger()});
 * {@code peakIdentities} is the busiest bin's count of that signal, against {@code baselinePerBin} and the
 * {@code thresholdIdentities} a bin needed; {@code to} includes the reconnection grace.
 * {@code peakDroppingIdentities}, {@code peakPlatformIdentities} and {@code baselineDroppingPerBin} count
 * every drop signal together.
 */
public record FleetEvent(String hub, Instant from, Instant to, String trigger, int peakDroppingIdentities,
                         int peakPlatformIdentities, double baselineDroppingPerBin, long activeIdentities,
                         int peakIdentities, double baselinePerBin, int thresholdIdentities, String explanation) {

    public TimeWindow window() {
        return new TimeWindow(from.toEpochMilli(), to.toEpochMilli());
    }

    public double peakShare() {
        return activeIdentities == 0 ? 0 : Math.round(10_000.0 * peakIdentities / activeIdentities) / 10_000.0;
    }
}
