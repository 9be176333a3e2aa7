package io.linkguard.pacing;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table every client's header reading must agree with: {@link RetryAfterTest} checks
 * {@link RetryAfter} itself, and each adapter's test (the hub's tap, the ticket sinks' HTTP) runs the same rows
 * through its own header type, so an adapter that parses on its own again would fail there.
 */
public final class RetryAfterCases {
    public static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    /** Response headers (name to value, names as servers spell them) and the wait they mean. */
    public record Case(String why, Map<String, String> headers, Optional<Duration> expected) {
        @Override
        public String toString() {
            return why;
        }
    }

    private RetryAfterCases() {
    }

    public static List<Case> all() {
        return List.of(
                wait("delta-seconds", Duration.ofSeconds(3), "Retry-After", "3"),
                wait("zero seconds", Duration.ZERO, "Retry-After", "0"),
                wait("spaces around the value", Duration.ofSeconds(7), "retry-after", " 7 "),
                wait("IMF-fixdate ahead", Duration.ofSeconds(5), "Retry-After", "Thu, 26 Nov 2026 10:00:05 GMT"),
                wait("IMF-fixdate past: now", Duration.ZERO, "Retry-After", "Thu, 26 Nov 2026 09:59:00 GMT"),
                wait("obsolete RFC 850 date", Duration.ofSeconds(30), "Retry-After", "Thursday, 26-Nov-26 10:00:30 GMT"),
                wait("obsolete asctime date", Duration.ofSeconds(60), "Retry-After", "Thu Nov 26 10:01:00 2026"),
                wait("asctime with a one-digit day", Duration.ZERO, "Retry-After", "Sun Nov  6 08:49:37 1994"),
                wait("RFC 850 two-digit year 94 is 1994 (past)", Duration.ZERO, "Retry-After", "Sunday, 06-Nov-94 08:49:37 GMT"),
                wait("seconds capped", RetryAfter.MAX, "Retry-After", "86400"),
                wait("seconds beyond a long capped", RetryAfter.MAX, "Retry-After", "99999999999999999999999"),
                wait("date far ahead capped", RetryAfter.MAX, "Retry-After", "Fri, 01 Jan 2100 00:00:00 GMT"),
                wait("Azure milliseconds win", Duration.ofMillis(1500), "Retry-After", "2", "x-ms-retry-after-ms", "1500"),
                wait("retry-after-ms", Duration.ofMillis(250), "retry-after-ms", "250"),
                wait("milliseconds capped", RetryAfter.MAX, "retry-after-ms", "360000000"),
                wait("garbage milliseconds fall back to seconds", Duration.ofSeconds(2),
                        "retry-after-ms", "soon", "Retry-After", "2"),
                none("negative seconds ignored", "Retry-After", "-5"),
                none("signed seconds are not delta-seconds", "Retry-After", "+5"),
                none("fractional seconds are not delta-seconds", "Retry-After", "1.5"),
                none("words ignored", "Retry-After", "soon"),
                none("empty ignored", "Retry-After", ""),
                none("impossible date ignored", "Retry-After", "Thu, 32 Nov 2026 10:00:05 GMT"),
                none("negative milliseconds ignored", "x-ms-retry-after-ms", "-100"),
                none("no such header", "Content-Type", "application/json"));
    }

    private static Case wait(String why, Duration expected, String... nameValues) {
        return new Case(why, headers(nameValues), Optional.of(expected));
    }

    private static Case none(String why, String... nameValues) {
        return new Case(why, headers(nameValues), Optional.empty());
    }

    private static Map<String, String> headers(String... nameValues) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            h.put(nameValues[i], nameValues[i + 1]);
        }
        return h;
    }
}
