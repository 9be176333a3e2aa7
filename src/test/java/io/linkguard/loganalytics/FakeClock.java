package io.linkguard.loganalytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when told to, or when someone sleeps on it. */
final class FakeClock implements QueryRateLimiter.Clock {
    private long now = 1_000_000_000L;
    final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now += duration.toNanos();
    }

    synchronized void advance(Duration duration) {
        now += duration.toNanos();
    }
}
