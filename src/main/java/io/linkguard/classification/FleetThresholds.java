package io.linkguard.classification;

import java.time.Duration;

/**
 * When a hub's drops are a fleet event. A bin is an event bin for a signal when the identities dropping
 * with it pass every test at once:
 * <ul>
 *   <li>a share of the hub's active identities: {@code upgradeMinShare} (1 %) for 400029/400030, the documented
 *       upgrade codes, whose background is near zero, and {@code dropMinShare} (2 %) for 5xx and lost
 *       connections, which have a steady per-device background;</li>
 *   <li>{@code spikeFactor} (5) times the hub's own baseline of that signal per bin (the mean of the bins
 *       that are not events), so a busy hub's usual rate is never an event;</li>
 *   <li>a Poisson tail below {@code significance} (1e-6) at that baseline: with ~300 bins a day and three
 *       signals, a hub sees a false event about once in three years;</li>
 *   <li>at least {@code minIdentities} (5): the small-fleet floor. It is a count, and it does not grow with the
 *       fleet because it only binds where the share is smaller than it, on hubs of fewer than 500 identities.</li>
 * </ul>
 * Bins of 5 minutes match an upgrade draining a gateway within minutes. Consecutive event bins form one event,
 * at most {@code maxEvent} (30 minutes) long, so a long run of bins cannot cover a whole look-back; the
 * reconnection storm within {@code grace} (10 minutes) after the last bin still belongs to the event.
 */
public record FleetThresholds(
        Duration bin,
        int minIdentities,
        double upgradeMinShare,
        double dropMinShare,
        double spikeFactor,
        double significance,
        Duration maxEvent,
        Duration grace) {

    public static final FleetThresholds DEFAULTS = new FleetThresholds(Duration.ofMinutes(5), 5, 0.01, 0.02, 5.0,
            1e-6, Duration.ofMinutes(30), Duration.ofMinutes(10));
}
