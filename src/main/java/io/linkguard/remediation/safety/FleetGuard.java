package io.linkguard.remediation.safety;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs that would back off or ticket more than {@code maxShare} of a hub's identities (and more than
 * {@code minIdentities}, so small hubs are not blocked by one device) within {@code window} act on none of that
 * hub: at that scale the cause is the fleet or LinkGuard, not the devices. The identities earlier runs acted on
 * within the window count too ({@link UsageLog}), so a storm arriving as one alert run per device trips the
 * guard as it would in one run. A hub whose size is unknown is held too.
 */
public record FleetGuard(double maxShare, int minIdentities, Duration window) {
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(60);

    public FleetGuard(double maxShare, int minIdentities) {
        this(maxShare, minIdentities, DEFAULT_WINDOW);
    }

    /** Why the hub is held back, or empty when the run may act. */
    public Optional<String> check(String hub, int acting, long hubIdentities) {
        return check(hub, acting, 0, hubIdentities);
    }

    /**
     * @param earlier identities earlier runs backed off or ticketed on this hub within the window
     * @return why the hub is held back, or empty when the run may act
     */
    public Optional<String> check(String hub, int acting, int earlier, long hubIdentities) {
        if (acting == 0) {
            return Optional.empty();
        }
        if (hubIdentities <= 0) {
            return Optional.of(String.format(Locale.ROOT,
                    "fleet guard: %d identities of %s would be backed off or ticketed, but the hub's size is unknown",
                    acting, hub));
        }
        double limit = Math.max(maxShare * hubIdentities, minIdentities);
        int total = acting + earlier;
        if (total > limit) {
            String before = earlier == 0 ? "" : String.format(Locale.ROOT,
                    " (%d now, %d by earlier runs in the last %d min)", acting, earlier, window.toMinutes());
            return Optional.of(String.format(Locale.ROOT,
                    "fleet guard: %d of %d identities of %s (%.1f %%) would be backed off or ticketed%s, above the limit of %.0f "
                            + "(LINKGUARD_FLEET_GUARD_SHARE %.3f, LINKGUARD_FLEET_GUARD_MIN_IDENTITIES %d): nothing done on this hub",
                    total, hubIdentities, hub, 100.0 * total / hubIdentities, before, Math.floor(limit), maxShare,
                    minIdentities));
        }
        return Optional.empty();
    }
}
