package io.linkguard.testing;

import io.linkguard.pacing.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The one test clock: a UTC wall clock and a monotonic sleeper that only move when the test moves them or
 * someone sleeps on them. Sleeps are recorded, never slept. {@link #nanoTime()} counts nanoseconds since the
 * epoch, so {@code new MutableClock(Instant.EPOCH.plusSeconds(5))} starts the monotonic time at 5e9.
 */
public final class MutableClock extends Clock implements Ticker {
    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    public MutableClock(Instant start) {
        this.now = start;
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    public synchronized void set(Instant instant) {
        now = instant;
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public synchronized long nanoTime() {
        return Duration.between(Instant.EPOCH, now).toNanos();
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
    }

    /** Every sleep so far, zero-length ones included. */
    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    public synchronized List<Duration> nonZeroSleeps() {
        return sleeps.stream().filter(d -> !d.isZero()).toList();
    }
}
