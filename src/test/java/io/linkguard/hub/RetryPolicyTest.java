package io.linkguard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
}
