package io.linkguard.evidence;

/** Exact counts of an identity's Connections events over the whole look-back (not only the timeline). */
public record EventCounts(
        long connects,
        long cleanDisconnects,
        long conflicts409002,
        long conflicts400027,
        long drops404104,
        long authExpired401003,
        long serverErrors5xx,
        long platformFaults,
        long otherErrors) {

    public long conflicts() {
        return conflicts409002 + conflicts400027;
    }

    public long total() {
        return connects + cleanDisconnects + conflicts() + drops404104 + authExpired401003 + serverErrors5xx
                + platformFaults + otherErrors;
    }
}
