package io.linkguard.evidence;

/**
 * Which events count as an identity "dropping" for fleet-event detection. Among an identity's
 * 401003/404104/5xx/400029/400030 events in time order, a 404104 that directly follows a 401003 within
 * the renewal window is an MQTT SAS renewal, not a drop: renewals synchronise across a fleet (every device
 * reconnected after the last outage renews in the same minute each hour) and must not look like an
 * outage. The production KQL (fleet-bins.kql) applies the same rule with prev() over the same rows.
 */
public final class FleetDrops {
    private final long renewalWindowMillis;
    private EventKind previous;
    private long previousTime;

    public FleetDrops(long renewalWindowMillis) {
        this.renewalWindowMillis = renewalWindowMillis;
    }

    /** Feed one identity's events in time order; true when this one is a fleet drop. */
    public boolean isFleetDrop(long timeMillis, EventKind kind) {
        if (!kind.isPrecursor()) {
            return false;
        }
        boolean renewal = kind == EventKind.DROP && previous == EventKind.AUTH_EXPIRED
                && timeMillis - previousTime <= renewalWindowMillis;
        previous = kind;
        previousTime = timeMillis;
        return kind.isFleetDrop() && !renewal;
    }
}
