package io.linkguard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.linkguard.remediation.HubLimits;
import io.linkguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The client-side buckets on a fake clock: rates, debt, pauses on 429 and the recovery after them. */
class HubThrottleTest {
    private static final Duration FOREVER = Duration.ofHours(1);
    private final MutableClock clock = new MutableClock(Instant.EPOCH.plusSeconds(5));
    private final HubLimits s1 = PublishedThrottles.forSku("h", "h", "S1", 1);

    @Test
    void reservationsQueueAtTheSharedRateAfterASmallBurst() {
        HubThrottle throttle = new HubThrottle(s1, 1.0, clock);
        // twin updates: 50/s, burst 0.2 s = 10
        long free = 0;
        Duration last = Duration.ZERO;
        for (int i = 0; i < 60; i++) {
            Duration wait = throttle.reserve(Meter.TWIN_UPDATES, 1, FOREVER);
            if (wait.isZero()) {
                free++;
            }
            last = wait;
        }
        assertThat(free).isEqualTo(11);
        assertThat(last.toMillis()).as("the 60th waits for 49 more permits at 50/s").isCloseTo(980L, within(2L));
    }

    @Test
    void theShareScalesEveryMeter() {
        HubThrottle half = new HubThrottle(s1, 0.5, clock);
        assertThat(half.rate(Meter.TWIN_READS)).isEqualTo(50);
        assertThat(half.rate(Meter.TWIN_UPDATES)).isEqualTo(25);
        assertThat(half.rate(Meter.METHOD_UNITS)).isEqualTo(20);
        assertThat(half.rate(Meter.JOB_DEVICE_OPS)).isEqualTo(5);
    }

    @Test
    void aReservationLongerThanTheCallersDeadlineIsRefusedAndBooksNothing() {
        HubThrottle throttle = new HubThrottle(s1, 1.0, clock);
        assertThat(throttle.reserve(Meter.JOB_DEVICE_OPS, 100, FOREVER)).isZero();
        Duration refused = throttle.reserve(Meter.JOB_DEVICE_OPS, 5, Duration.ofSeconds(3));
        assertThat(refused).isNegative();
        assertThat(refused.negated().toMillis()).isCloseTo(9_900L, within(5L));
        assertThat(throttle.pendingWait(Meter.JOB_DEVICE_OPS).toMillis()).as("unchanged by the refusal").isCloseTo(9_900L, within(5L));
        throttle.refund(Meter.JOB_DEVICE_OPS, 100);
        assertThat(throttle.pendingWait(Meter.JOB_DEVICE_OPS)).isZero();
    }

    @Test
    void a429PausesEveryCallerForTheRetryAfterAndHalvesTheRateOncePerPause() {
        HubThrottle throttle = new HubThrottle(s1, 1.0, clock);
        throttle.throttled(Meter.TWIN_UPDATES, Duration.ofSeconds(2));
        throttle.throttled(Meter.TWIN_UPDATES, Duration.ofSeconds(2));

        assertThat(throttle.rate(Meter.TWIN_UPDATES)).as("two 429s of one pause: one decrease").isEqualTo(25);
        assertThat(throttle.reserve(Meter.TWIN_UPDATES, 1, FOREVER).toMillis()).isCloseTo(2_000L, within(1L));
        assertThat(throttle.reserve(Meter.TWIN_UPDATES, 1, FOREVER).toMillis()).as("queued behind at the new rate")
                .isCloseTo(2_040L, within(1L));

        clock.advance(Duration.ofSeconds(3));
        throttle.throttled(Meter.TWIN_UPDATES, Duration.ofSeconds(1));
        assertThat(throttle.rate(Meter.TWIN_UPDATES)).isEqualTo(12.5);
    }

    @Test
    void theRateNeverFallsBelowTheFloorAndSuccessesBringItBack() {
        HubThrottle throttle = new HubThrottle(s1, 1.0, clock);
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofSeconds(1));
            throttle.throttled(Meter.TWIN_READS, Duration.ofSeconds(1));
        }
        assertThat(throttle.rate(Meter.TWIN_READS)).isEqualTo(100 * HubThrottle.MIN_RATE_FRACTION);
        for (int i = 0; i < 100; i++) {
            throttle.succeeded(Meter.TWIN_READS);
        }
        assertThat(throttle.rate(Meter.TWIN_READS)).as("recovery is paced by time, not by call volume").isEqualTo(5);
        clock.advance(Duration.ofSeconds(5));
        throttle.succeeded(Meter.TWIN_READS);
        assertThat(throttle.rate(Meter.TWIN_READS)).as("10 % of nominal per second").isCloseTo(55, within(0.01));
        clock.advance(Duration.ofSeconds(60));
        throttle.succeeded(Meter.TWIN_READS);
        assertThat(throttle.rate(Meter.TWIN_READS)).isEqualTo(100);
    }

    @Test
    void unlimitedNeverWaits() {
        HubThrottle none = HubThrottle.unlimited(clock);
        for (int i = 0; i < 1000; i++) {
            assertThat(none.reserve(Meter.TWIN_UPDATES, 1, Duration.ZERO)).isZero();
        }
        none.throttled(Meter.TWIN_UPDATES, Duration.ofSeconds(5));
        assertThat(none.reserve(Meter.TWIN_UPDATES, 1, Duration.ZERO)).isZero();
    }

    @Test
    void aBasicHubMetersNothing() {
        HubThrottle basic = new HubThrottle(PublishedThrottles.forSku("h", "h", "B1", 1), 1.0, clock);
        assertThat(basic.rate(Meter.TWIN_UPDATES)).isZero();
        assertThat(basic.reserve(Meter.TWIN_UPDATES, 1, Duration.ZERO)).isZero();
    }
}
