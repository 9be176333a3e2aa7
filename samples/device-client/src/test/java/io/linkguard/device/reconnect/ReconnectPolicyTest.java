package io.linkguard.device.reconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    @Test
    void delaysDoubleFromMinAndStopAtMax() {
        ReconnectPolicy policy = ReconnectPolicy.ofSeconds(30, 600, 0);

        assertThat(policy.delayBefore(0, 0.7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayBefore(1, 0.7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.delayBefore(4, 0.7)).isEqualTo(Duration.ofSeconds(480));
        assertThat(policy.delayBefore(5, 0.7)).isEqualTo(Duration.ofSeconds(600));
        assertThat(policy.delayBefore(10_000, 0.7)).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void jitterMultipliesByAFactorWithinOneMinusToOnePlusJitter() {
        ReconnectPolicy policy = ReconnectPolicy.ofSeconds(30, 600, 0.5);

        assertThat(policy.delayBefore(0, 0.0)).isEqualTo(Duration.ofSeconds(15));
        assertThat(policy.delayBefore(0, 0.5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayBefore(0, 0.999_999)).isBetween(Duration.ofMillis(44_999), Duration.ofSeconds(45));
        assertThat(policy.delayBefore(9, 0.0)).isEqualTo(Duration.ofSeconds(300));
        assertThat(policy.longestDelay()).isEqualTo(Duration.ofSeconds(900));
    }

    @Test
    void rejectsPoliciesThatMakeNoSense() {
        assertThatThrownBy(() -> ReconnectPolicy.ofSeconds(0, 10, 0)).hasMessageContaining("min must be a positive duration");
        assertThatThrownBy(() -> ReconnectPolicy.ofSeconds(10, 5, 0)).hasMessageContaining("max (PT5S) must be >= min (PT10S)");
        assertThatThrownBy(() -> ReconnectPolicy.ofSeconds(1, 5, 1.5)).hasMessageContaining("jitter must be within 0..1, got 1.5");
        assertThatThrownBy(() -> ReconnectPolicy.ofSeconds(1, 5, Double.NaN)).hasMessageContaining("jitter must be within 0..1");
    }

    @Test
    void describesItselfInSecondsOrMilliseconds() {
        assertThat(ReconnectPolicy.ofSeconds(30, 600, 0.5).describe()).isEqualTo("30s..600s, jitter 0.5");
        assertThat(new ReconnectPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), 0).describe()).isEqualTo("100ms..2s, jitter 0.0");
    }
}
