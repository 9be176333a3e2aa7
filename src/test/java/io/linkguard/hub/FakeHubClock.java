package io.linkguard.hub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when someone sleeps on it (or the test advances it); records every sleep. */
final class FakeHubClock implements HubClock {
    private long now = 5_000_000_000L;
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now += duration.toNanos();
    }

    synchronized void advance(Duration d) {
        now += d.toNanos();
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    synchronized List<Duration> nonZeroSleeps() {
        return sleeps.stream().filter(d -> !d.isZero()).toList();
    }
}
