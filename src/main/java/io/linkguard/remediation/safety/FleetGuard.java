package io.linkguard.remediation.safety;

import java.util.Locale;
import java.util.Optional;

/**
 * A run that would back off or ticket more than {@code maxShare} of a hub's identities (and more than
 * {@code minIdentities}, so small hubs are not blocked by one device) acts on none of that hub: at that
 * scale the cause is the fleet or LinkGuard, not the devices. A hub whose size is unknown is held too.
 */
public record FleetGuard(double maxShare, int minIdentities) {

    /** Why the hub is held back, or empty when the run may act. */
    public Optional<String> check(String hub, int acting, long hubIdentities) {
        if (acting == 0) {
            return Optional.empty();
        }
        if (hubIdentities <= 0) {
            return Optional.of(String.format(Locale.ROOT,
                    "fleet guard: %d identities of %s would be backed off or ticketed, but the hub's size is unknown",
                    acting, hub));
        }
        double limit = Math.max(maxShare * hubIdentities, minIdentities);
        if (acting > limit) {
            return Optional.of(String.format(Locale.ROOT,
                    "fleet guard: %d of %d identities of %s (%.1f %%) would be backed off or ticketed, above the limit of %.0f "
                            + "(LINKGUARD_FLEET_GUARD_SHARE %.3f, LINKGUARD_FLEET_GUARD_MIN_IDENTITIES %d): nothing done on this hub",
                    acting, hubIdentities, hub, 100.0 * acting / hubIdentities, Math.floor(limit), maxShare, minIdentities));
        }
        return Optional.empty();
    }
}
