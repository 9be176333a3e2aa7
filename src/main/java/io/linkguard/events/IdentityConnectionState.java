package io.linkguard.events;

import java.time.Instant;
import java.util.List;

/**
 * What LinkGuard remembers about one identity's connection events: the newest snapshot applied, the flaps
 * seen inside the window (newest last, at most {@link FlapTracker#MAX_FLAPS_KEPT}), and how many events
 * were ignored as duplicates or out of order.
 */
public record IdentityConnectionState(SequenceNumber lastSequence, ConnectionState lastState, Instant lastEventTime,
                                      List<Instant> flaps, long duplicates, long outOfOrder) {

    public IdentityConnectionState {
        flaps = List.copyOf(flaps);
    }
}
