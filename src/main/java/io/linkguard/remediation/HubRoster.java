package io.linkguard.remediation;

import io.linkguard.evidence.Identity;
import java.util.List;

/**
 * What a run needs to know of a hub beyond the plan: how many identities it has (the fleet guard's
 * denominator; -1 when unknown) and the identities whose {@code tags.linkguard} is still active, so those
 * without a finding this run can be resolved once quiet. The caller lists them, e.g. with
 * {@code SELECT COUNT() AS n FROM devices} and
 * {@code SELECT deviceId FROM devices WHERE is_defined(tags.linkguard.stage) AND tags.linkguard.stage != 'resolved'}
 * (and the same over {@code devices.modules}).
 */
public record HubRoster(String hub, long identities, List<Identity> tagged) {
    public static final long UNKNOWN = -1;

    public HubRoster {
        tagged = List.copyOf(tagged);
        for (Identity identity : tagged) {
            if (!identity.hub().equals(hub)) {
                throw new IllegalArgumentException(identity.display() + " is not an identity of hub " + hub);
            }
        }
    }

    public static HubRoster unknown(String hub) {
        return new HubRoster(hub, UNKNOWN, List.of());
    }
}
