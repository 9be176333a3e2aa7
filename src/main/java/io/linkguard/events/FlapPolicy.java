package io.linkguard.events;

import java.time.Duration;

/**
 * When connection events call for a targeted evaluation: {@code threshold} flaps of one identity within
 * {@code window}, at most one evaluation per identity per {@code debounce}.
 */
public record FlapPolicy(int threshold, Duration window, Duration debounce) {

    /**
     * The hub sends a snapshot at most every 60 s, so one snapshot shows at most one flap: 5 flaps in 15 min
     * is a client reconnecting every 3 minutes or faster, far above a healthy MQTT client's hourly SAS renewal.
     */
    public static final FlapPolicy DEFAULTS = new FlapPolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(30));

    public FlapPolicy {
        if (threshold < 1 || window.isNegative() || window.isZero() || debounce.isNegative()) {
            throw new IllegalArgumentException("flap policy needs threshold >= 1, a positive window and a debounce >= 0");
        }
    }
}
