package io.linkguard.evidence;

import java.time.Instant;
import java.util.List;

/**
 * The evidence contract: what the classifier sees of one identity, whichever source it came from.
 * Documented field by field in docs/evidence-contract.md. Fields named "...InTimeline" and the
 * sequence measures (precursors, gaps, alternation) are computed over the retained timeline; the counts
 * are exact over the whole look-back.
 */
public record IdentityEvidence(
        long conflicts,
        long conflicts409002,
        long conflicts400027,
        long drops404104,
        long authExpired401003,
        long serverErrors5xx,
        long platformFaults,
        long connects,
        int conflictsInTimeline,
        int conflictsAfterPrecursor,
        int conflictsWithoutPrecursor,
        int conflictsInFleetEvent,
        int maxConflictsAfterOnePrecursor,
        int stormyRecoveries,
        Double medianSecondsFromPrecursor,
        Double medianSecondsBetweenConflicts,
        int maxConflictsInBurstWindow,
        double conflictsPerHour,
        int sasRenewals,
        int distinctIps,
        int distinctSdkVersions,
        int distinctProtocols,
        List<String> ips,
        List<String> sdkVersions,
        List<String> protocols,
        int connectsInTimeline,
        int conflictsAcrossAddresses,
        int takeovers,
        int ipReturns,
        int sdkReturns,
        double alternationRatio,
        Instant firstSeen,
        Instant lastSeen,
        Instant firstConflict,
        Instant lastConflict,
        int timelineEvents,
        long timelineOmitted) {

    /** Conflicts outside fleet events that no drop explains: the share that points at the device. */
    public double unexplainedShare() {
        int considered = conflictsInTimeline - conflictsInFleetEvent;
        return considered <= 0 ? 0 : (double) conflictsWithoutPrecursor / considered;
    }
}
