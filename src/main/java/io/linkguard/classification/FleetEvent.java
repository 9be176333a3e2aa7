package io.linkguard.classification;

import io.linkguard.evidence.TimeWindow;
import java.time.Instant;

/**
 * A hub-wide event: many identities of one hub dropping within minutes. {@code trigger} is
 * "platform-codes" (400029/400030/5xx from many identities) or "mass-drop" (a spike of drops of any
 * kind over the hub's own rate). {@code peakDroppingIdentities} is the busiest bin's distinct count.
 */
public record FleetEvent(String hub, Instant from, Instant to, String trigger, int peakDroppingIdentities,
                         int peakPlatformIdentities, double baselineDroppingPerBin) {

    public TimeWindow window() {
        return new TimeWindow(from.toEpochMilli(), to.toEpochMilli());
    }
}
