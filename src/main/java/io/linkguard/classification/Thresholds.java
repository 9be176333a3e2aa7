package io.linkguard.classification;

import java.time.Duration;

/**
 * Decision thresholds, each overridable by an app setting (see {@code io.linkguard.config}). All of them
 * are per identity or shares of a hub, so none grows with the fleet.
 *
 * <p>Grounding of the defaults: the SDKs retry the first reconnect immediately, so one conflict per
 * recovery is normal and up to two are tolerated, so a device that twice answers a drop with a storm of
 * three or more conflicts is fighting its own SDK ({@code faultyMinStormyRecoveries} = 2); a faulty client
 * that re-opens while connected produces conflicts with no drop before them, so five unexplained
 * conflicts making at least half of the identity's conflicts is a pattern, not chance; two clients on
 * one identity take the connection from each other (a conflict with no drop before it whose closed
 * connection came from another address) and come back (A B A, A B C A): three such takeovers with two
 * returns, or three returns to an earlier SDK version in at least 30% of connects, rule out a device that
 * merely moved network. Fleet events: {@link FleetThresholds}.
 */
public record Thresholds(
        int minConflicts,
        int faultyMinUnexplained,
        double faultyMinUnexplainedShare,
        int faultyMinStormyRecoveries,
        int sharedMinReturns,
        double sharedMinAlternation,
        FleetThresholds fleet) {

    public static final Thresholds DEFAULTS = new Thresholds(3, 5, 0.5, 2, 3, 0.3, FleetThresholds.DEFAULTS);

    public Duration fleetBin() {
        return fleet.bin();
    }
}
