package io.linkguard.classification;

import java.time.Duration;

/**
 * Decision thresholds, each overridable by an app setting (see {@code io.linkguard.config}).
 *
 * <p>Grounding of the defaults: the SDKs retry the first reconnect immediately, so one conflict per
 * recovery is normal and up to two are tolerated, so a device that twice answers a drop with a storm of
 * three or more conflicts is fighting its own SDK ({@code faultyMinStormyRecoveries} = 2); a faulty client
 * that re-opens while connected produces conflicts with no drop before them, so five unexplained
 * conflicts making at least half of the identity's conflicts is a pattern, not chance; two clients on
 * one identity alternate addresses or SDK versions (A B A, A B C A), and three such returns in at least
 * 30% of connects rule out a device that merely moved network; hub upgrades close many connections with
 * 400029/400030 in a few minutes, hence 5-minute bins, 10 identities and a 5x spike over the hub's own
 * drop rate, with 10 minutes of grace for the reconnection storm.
 */
public record Thresholds(
        int minConflicts,
        int faultyMinUnexplained,
        double faultyMinUnexplainedShare,
        int faultyMinStormyRecoveries,
        int sharedMinReturns,
        double sharedMinAlternation,
        Duration fleetBin,
        int fleetMinIdentities,
        double fleetSpikeFactor,
        Duration fleetGrace) {

    public static final Thresholds DEFAULTS = new Thresholds(3, 5, 0.5, 2, 3, 0.3,
            Duration.ofMinutes(5), 10, 5.0, Duration.ofMinutes(10));
}
