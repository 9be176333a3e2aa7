package io.linkguard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.remediation.HubLimits;
import io.linkguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two processes handing one hub's writer lease back and forth, each with its own throttle, each sending as fast as
 * its buckets allow while it holds the lease (fake clock, ten simulated minutes, random tenures): what the hub
 * receives in any window of its published throttle stays within it only when the new holder starts drained.
 */
class HubThrottleHandOverTest {
    private static final Duration FOREVER = Duration.ofHours(1);
    private static final long SECOND = 1_000_000_000L;

    private final HubLimits s1 = PublishedThrottles.forSku("h", "h", "S1", 1);

    @Test
    void queriesStayWithinThePublishedMinuteAcrossHandOvers() {
        for (long seed = 1; seed <= 20; seed++) {
            List<Long> sent = greedyHandOvers(Meter.QUERIES, 0.5, seed, true);
            assertThat(maxInWindow(sent, 60 * SECOND)).as("queries in any minute, S1 x1: 20 (seed %d)", seed)
                    .isLessThanOrEqualTo(20);
            assertThat(sent.size()).as("the hub is still used at the share's rate: 10/min over 10 min")
                    .isGreaterThanOrEqualTo(95);
        }
    }

    @Test
    void newHoldersStartingWithFullBucketsWouldExceedThePublishedMinute() {
        List<Long> sent = greedyHandOvers(Meter.QUERIES, 0.5, 1, false);
        assertThat(maxInWindow(sent, 60 * SECOND)).as("the gap this test guards against: (2 - share) x 20")
                .isGreaterThan(20);
    }

    @Test
    void twinReadsAndUpdatesStayWithinThePublishedSecondAcrossHandOvers() {
        for (double share : new double[] {0.5, 1.0}) {
            for (long seed = 1; seed <= 5; seed++) {
                assertThat(maxInWindow(greedyHandOvers(Meter.TWIN_READS, share, seed, true), SECOND))
                        .as("twin reads in any second, S1: 100").isLessThanOrEqualTo(100);
                assertThat(maxInWindow(greedyHandOvers(Meter.TWIN_UPDATES, share, seed, true), SECOND))
                        .as("twin updates in any second, S1: 50").isLessThanOrEqualTo(50);
            }
        }
    }

    /** The send times of one-permit requests by two alternating greedy holders of {@code meter}. */
    private List<Long> greedyHandOvers(Meter meter, double share, long seed, boolean handOver) {
        MutableClock clock = new MutableClock(Instant.EPOCH.plusSeconds(5));
        HubThrottle[] processes = {new HubThrottle(s1, share, clock), new HubThrottle(s1, share, clock)};
        Random random = new Random(seed);
        long start = clock.nanoTime();
        long end = start + 600 * SECOND;
        long tenureScale = meter == Meter.QUERIES ? 20 * SECOND : SECOND / 4;
        List<Long> sent = new ArrayList<>();
        int holder = 0;
        while (clock.nanoTime() < end) {
            HubThrottle throttle = processes[holder];
            if (handOver) {
                throttle.handedOver();
            }
            long tenureEnd = clock.nanoTime() + (long) (random.nextDouble() * tenureScale);
            while (clock.nanoTime() < tenureEnd) {
                clock.advance(throttle.reserve(meter, 1, FOREVER));
                sent.add(clock.nanoTime() - start);
            }
            holder = 1 - holder;
        }
        return sent;
    }

    private static int maxInWindow(List<Long> times, long window) {
        int max = 0;
        int from = 0;
        for (int to = 0; to < times.size(); to++) {
            while (times.get(to) - times.get(from) >= window) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        return max;
    }
}
