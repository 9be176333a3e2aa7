package io.linkguard.tickets.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.loganalytics.QueryRateLimiter;
import io.linkguard.pacing.RetryAfterCases;
import io.linkguard.tickets.Redactor;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The ticket sinks read Retry-After exactly as the shared table says; x-ratelimit-reset only without one. */
class SinkHttpRetryAfterTest {
    private final SinkHttp http = new SinkHttp("test", HttpClient.newHttpClient(), Duration.ofSeconds(1),
            new QueryRateLimiter(100, Duration.ofSeconds(1)), null, new Redactor(),
            Clock.fixed(RetryAfterCases.NOW, ZoneOffset.UTC));

    static Stream<RetryAfterCases.Case> cases() {
        return RetryAfterCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithTheSharedTable(RetryAfterCases.Case c) {
        assertThat(http.retryAfter(headers(c.headers()))).isEqualTo(c.expected());
    }

    @Test
    void rateLimitResetCountsOnlyWhenRetryAfterSaysNothing() {
        long reset = RetryAfterCases.NOW.getEpochSecond() + 600;
        Map<String, String> github = Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", String.valueOf(reset));
        assertThat(http.retryAfter(headers(github))).contains(Duration.ofSeconds(601));
        assertThat(http.retryAfter(headers(Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset",
                String.valueOf(reset), "Retry-After", "5")))).contains(Duration.ofSeconds(5));
        assertThat(http.retryAfter(headers(Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset",
                String.valueOf(reset), "Retry-After", "-5")))).as("a bad Retry-After falls back")
                .contains(Duration.ofSeconds(601));
        assertThat(http.retryAfter(headers(Map.of()))).isEqualTo(Optional.empty());
    }

    private static HttpHeaders headers(Map<String, String> h) {
        Map<String, List<String>> map = h.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
        return HttpHeaders.of(map, (name, value) -> true);
    }
}
