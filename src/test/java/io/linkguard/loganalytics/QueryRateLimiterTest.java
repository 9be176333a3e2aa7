package io.linkguard.loganalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QueryRateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.EPOCH.plusSeconds(1));

    @Test
    void letsTheFirstMaxRequestsThroughAtOnce() throws InterruptedException {
        QueryRateLimiter limiter = new QueryRateLimiter(200, Duration.ofSeconds(30), clock);
        for (int i = 0; i < 200; i++) {
            assertThat(limiter.acquire()).isZero();
        }
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void theNextRequestWaitsUntilTheOldestLeavesTheWindow() throws InterruptedException {
        QueryRateLimiter limiter = new QueryRateLimiter(3, Duration.ofSeconds(30), clock);
        limiter.acquire();
        clock.advance(Duration.ofSeconds(10));
        limiter.acquire();
        limiter.acquire();
        clock.advance(Duration.ofSeconds(5)); // t = 15 s

        assertThat(limiter.acquire()).isEqualTo(Duration.ofSeconds(15)); // the first left at t = 30 s
        assertThat(limiter.acquire()).isEqualTo(Duration.ofSeconds(10)); // the second leaves at t = 40 s
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(15), Duration.ofSeconds(10));
        assertThat(limiter.totalWait()).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void reservationsQueueUpWithoutSleeping() {
        QueryRateLimiter limiter = new QueryRateLimiter(2, Duration.ofSeconds(30), clock);
        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isEqualTo(Duration.ofSeconds(30));
        assertThat(limiter.reserve()).isEqualTo(Duration.ofSeconds(30));
        assertThat(limiter.reserve()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void isFreeAgainAfterAQuietWindow() throws InterruptedException {
        QueryRateLimiter limiter = new QueryRateLimiter(2, Duration.ofSeconds(30), clock);
        limiter.acquire();
        limiter.acquire();
        clock.advance(Duration.ofSeconds(31));
        assertThat(limiter.acquire()).isZero();
        assertThat(limiter.acquire()).isZero();
    }

    @Test
    void neverAdmitsMoreThanTheLimitInAnySlidingWindow() throws InterruptedException {
        int max = 200;
        Duration window = Duration.ofSeconds(30);
        QueryRateLimiter limiter = new QueryRateLimiter(max, window, clock);
        Random random = new Random(42);
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            // bursts and pauses: up to 400 ms between callers, often none
            if (random.nextInt(4) == 0) {
                clock.advance(Duration.ofMillis(random.nextInt(400)));
            }
            limiter.acquire();
            starts.add(clock.nanoTime());
        }
        // Any max+1 consecutive starts span at least a full window, so no window of 30 s holds more
        // than max starts (a token bucket of 200 refilled at 200/30 s would fail this).
        for (int i = max; i < starts.size(); i++) {
            assertThat(starts.get(i) - starts.get(i - max)).isGreaterThanOrEqualTo(window.toNanos());
        }
        assertThat(clock.sleeps()).isNotEmpty();
    }

    @Test
    void defaultsAreTheQueryApiLimit() {
        QueryRateLimiter limiter = QueryRateLimiter.forQueryApi();
        assertThat(limiter.maxRequests()).isEqualTo(200);
        assertThat(limiter.window()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new QueryRateLimiter(0, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueryRateLimiter(10, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
