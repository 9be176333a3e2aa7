package io.linkguard.hub;

import io.linkguard.config.SettingsReader;
import java.time.Duration;
import java.util.Set;

/**
 * The hub adapter's app settings.
 *
 * @param rateShare    the share of each published hub throttle LinkGuard may use (the rest stays with the
 *                     customer's own services on the hub)
 * @param callDeadline how long one gateway call may spend waiting for the throttle and backing off
 * @param maxAttempts  HTTP attempts per gateway call (429s, and 5xx where repeating is safe)
 * @param httpTimeout  connect and read timeout of twin and job requests (methods add their own timeouts)
 */
public record HubSettings(double rateShare, Duration callDeadline, int maxAttempts, Duration httpTimeout) {

    public static final String RATE_SHARE = "LINKGUARD_HUB_RATE_SHARE";
    public static final String CALL_DEADLINE_SECONDS = "LINKGUARD_HUB_CALL_DEADLINE_SECONDS";
    public static final String MAX_ATTEMPTS = "LINKGUARD_HUB_MAX_ATTEMPTS";
    public static final String HTTP_TIMEOUT_SECONDS = "LINKGUARD_HUB_HTTP_TIMEOUT_SECONDS";

    public static final Set<String> NAMES = Set.of(RATE_SHARE, CALL_DEADLINE_SECONDS, MAX_ATTEMPTS, HTTP_TIMEOUT_SECONDS);

    public static final HubSettings DEFAULTS =
            new HubSettings(0.5, Duration.ofSeconds(30), 5, Duration.ofSeconds(20));

    /** Reads the settings; problems are collected in {@code reader}, defaults fill the gaps. */
    public static HubSettings read(SettingsReader reader) {
        return new HubSettings(
                reader.decimal(RATE_SHARE, DEFAULTS.rateShare, 0.01, 1.0),
                reader.seconds(CALL_DEADLINE_SECONDS, DEFAULTS.callDeadline, Duration.ofSeconds(1), Duration.ofMinutes(10)),
                reader.integer(MAX_ATTEMPTS, DEFAULTS.maxAttempts, 1, 10),
                reader.seconds(HTTP_TIMEOUT_SECONDS, DEFAULTS.httpTimeout, Duration.ofSeconds(1), Duration.ofMinutes(2)));
    }

    /** The retry policy these settings describe (back-off 1 s doubling to 30 s, 20 % jitter). */
    public RetryPolicy retryPolicy() {
        return RetryPolicy.DEFAULT.withMaxAttempts(maxAttempts).withDeadline(callDeadline);
    }
}
