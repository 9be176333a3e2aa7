package io.linkguard.device.takeover;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.device.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TakeoverDetectorTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    final TakeoverDetector detector = new TakeoverDetector(3, Duration.ofMinutes(10), Duration.ofMinutes(15), clock, () -> 0.5);

    @Test
    void threeTakeoversOfEstablishedConnectionsWithinTheWindowMeanASharedIdentity() {
        assertThat(takeoverAfter(Duration.ofSeconds(20))).isFalse();
        assertThat(takeoverAfter(Duration.ofSeconds(20))).isFalse();
        assertThat(detector.yielding()).isFalse();

        connect();
        clock.advance(Duration.ofSeconds(20));
        TakeoverDetector.Suspicion suspicion = detector.connectionLost(true).orElseThrow();

        assertThat(suspicion.takeovers()).isEqualTo(3);
        assertThat(suspicion.lastConnectionLasted()).isEqualTo(Duration.ofSeconds(20));
        assertThat(suspicion.onProbation()).isFalse();
        assertThat(suspicion.yieldUntil()).as("cool-down 15 min, jitter draw in the middle").isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(detector.yielding()).isTrue();
    }

    @Test
    void takeoversFurtherApartThanTheWindowAreOrdinaryDrops() {
        takeoverAfter(Duration.ofMinutes(6));
        takeoverAfter(Duration.ofMinutes(6));
        takeoverAfter(Duration.ofMinutes(6));
        takeoverAfter(Duration.ofMinutes(6));

        assertThat(detector.yielding()).isFalse();
    }

    @Test
    void onlyEstablishedConnectionsClosedByTheOtherEndCount() {
        for (int i = 0; i < 5; i++) {
            connect();
            clock.advance(Duration.ofSeconds(5));
            assertThat(detector.connectionLost(false)).as("timeout / client side").isEmpty();
            assertThat(detector.connectionLost(true)).as("not connected: a failed reconnect, not a takeover").isEmpty();
        }

        assertThat(detector.yielding()).isFalse();
    }

    @Test
    void afterTheCoolDownOneMoreQuickTakeoverYieldsAgainAtOnce() {
        takeoverAfter(Duration.ofSeconds(10));
        takeoverAfter(Duration.ofSeconds(10));
        takeoverAfter(Duration.ofSeconds(10));
        clock.advance(Duration.ofMinutes(15));
        detector.resumed();

        assertThat(detector.yielding()).isFalse();
        assertThat(detector.onProbation()).isTrue();
        connect();
        clock.advance(Duration.ofSeconds(3));
        TakeoverDetector.Suspicion again = detector.connectionLost(true).orElseThrow();

        assertThat(again.onProbation()).isTrue();
        assertThat(again.takeovers()).isEqualTo(1);
        assertThat(detector.yielding()).isTrue();
    }

    @Test
    void aConnectionThatLastsTheWholeWindowEndsTheProbation() {
        takeoverAfter(Duration.ofSeconds(10));
        takeoverAfter(Duration.ofSeconds(10));
        takeoverAfter(Duration.ofSeconds(10));
        detector.resumed();

        assertThat(takeoverAfter(Duration.ofMinutes(11))).as("one takeover after a long connection is a drop").isFalse();
        assertThat(detector.onProbation()).isFalse();
    }

    @Test
    void theCoolDownIsJitteredSoTwoClonesDoNotReturnTogether() {
        TakeoverDetector early = new TakeoverDetector(1, Duration.ofMinutes(10), Duration.ofMinutes(10), clock, () -> 0.0);
        TakeoverDetector late = new TakeoverDetector(1, Duration.ofMinutes(10), Duration.ofMinutes(10), clock, () -> 0.999);
        early.connected();
        late.connected();

        Instant now = clock.instant();
        assertThat(early.connectionLost(true).orElseThrow().yieldUntil()).isEqualTo(now.plus(Duration.ofMinutes(8)));
        assertThat(late.connectionLost(true).orElseThrow().yieldUntil()).isBetween(now.plus(Duration.ofMinutes(11)), now.plus(Duration.ofMinutes(12)));
    }

    private boolean takeoverAfter(Duration connectedFor) {
        connect();
        clock.advance(connectedFor);
        return detector.connectionLost(true).isPresent();
    }

    private void connect() {
        detector.connected();
    }
}
