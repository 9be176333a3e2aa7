package io.linkguard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backOffDoublesUpToTheCapAndNeverUndercutsRetryAfter() {
        RetryPolicy p = RetryPolicy.DEFAULT;
        assertThat(p.delay(1, Duration.ZERO, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.delay(2, Duration.ZERO, 0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.delay(5, Duration.ZERO, 0)).isEqualTo(Duration.ofSeconds(16));
        assertThat(p.delay(9, Duration.ZERO, 0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.delay(40, Duration.ZERO, 0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.delay(1, Duration.ofSeconds(7), 0)).isEqualTo(Duration.ofSeconds(7));
        assertThat(p.delay(1, Duration.ofSeconds(90), 0)).as("Retry-After is not capped").isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void jitterOnlyStretchesTheWait() {
        RetryPolicy p = RetryPolicy.DEFAULT;
        assertThat(p.delay(1, Duration.ofSeconds(10), 0.999)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(12));
        assertThat(p.delay(3, Duration.ZERO, 0.5)).isEqualTo(Duration.ofMillis(4400));
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 0, Duration.ofSeconds(1)))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), 0, Duration.ofSeconds(1)))
                .hasMessageContaining("baseDelay");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 2, Duration.ofSeconds(1)))
                .hasMessageContaining("jitter");
    }

    @Test
    void retryAfterIsReadInEveryFormTheServicesUse() {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        assertThat(RetryAfterTap.parse(Map.of("Retry-After", List.of("3")), now)).isEqualTo(Duration.ofSeconds(3));
        assertThat(RetryAfterTap.parse(Map.of("retry-after", List.of("Thu, 26 Nov 2026 10:00:05 GMT")), now))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryAfterTap.parse(Map.of("Retry-After", List.of("2"), "x-ms-retry-after-ms", List.of("1500")), now))
                .as("the millisecond header is more precise").isEqualTo(Duration.ofMillis(1500));
        assertThat(RetryAfterTap.parse(Map.of("Retry-After", List.of("soon")), now)).isNull();
        assertThat(RetryAfterTap.parse(Map.of("Content-Type", List.of("application/json")), now)).isNull();
    }
}
