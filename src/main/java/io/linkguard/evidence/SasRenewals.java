package io.linkguard.evidence;

/**
 * The one definition of an MQTT SAS renewal: among an identity's precursor events (401003, 404104, 5xx,
 * 400029/400030) in time order, a 404104 that directly follows a 401003 within the renewal window. It is
 * healthy noise, and it is not a drop for fleet detection: renewals synchronise across a fleet (every
 * device reconnected after the last outage renews in the same minute each hour) and must not look like an
 * outage. fleet-bins.kql applies the same rule with prev() over the same rows.
 */
public final class SasRenewals {
    private final long windowMillis;
    private EventKind previous;
    private long previousTime;

    public SasRenewals(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    /** Feed one identity's events in time order; true when this one is the 404104 completing a renewal. */
    public boolean completesRenewal(long timeMillis, EventKind kind) {
        if (!kind.isPrecursor()) {
            return false;
        }
        boolean renewal = kind == EventKind.DROP && previous == EventKind.AUTH_EXPIRED
                && timeMillis - previousTime <= windowMillis;
        previous = kind;
        previousTime = timeMillis;
        return renewal;
    }

    /** Feed one identity's events in time order; true when this one counts as a drop for fleet detection. */
    public boolean isFleetDrop(long timeMillis, EventKind kind) {
        return !completesRenewal(timeMillis, kind) && kind.isFleetDrop();
    }
}
