package io.linkguard.hub;

import io.linkguard.pacing.Ticker;
import java.time.Duration;
import java.util.Objects;

/**
 * A token bucket that hands out reservations: each caller learns how long to wait for its permits and
 * sleeps on its own, so callers are served first come, first served. Permits are paid for after the
 * fact (a request that takes the bucket into debt goes now; the next one waits the debt off), which lets
 * one large request (a job over many devices, a large method payload) through without waiting for a
 * bucket bigger than its capacity. Thread-safe.
 *
 * <p>Hand-written rather than Guava's {@code RateLimiter}: that one always stores up to 1 s of permits (not
 * settable in its public API) and reads its own stopwatch (tests cannot drive it with a {@code Ticker}); these
 * buckets hold 0.2 s so a run never spends the hub's one-second burst the customer's services share.
 * RemediationBenchmark, S1: 2,000 tag writes and 2,000 methods at 0.95 of the hub's limits with 0 429s, where a
 * loop that spends the burst and retries at once reaches 1.14x / 1.11x and is refused 10,954 / 23,000 times
 * for 400 calls (docs/benchmarks.md, "Remediation benchmark").
 */
final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1e9;

    private final Ticker clock;
    private final double capacity;
    private double ratePerSecond;
    /** Available permits; negative while reservations are queued or the bucket is paused. */
    private double tokens;
    private long refilledAt;

    TokenBucket(double ratePerSecond, double capacity, Ticker clock) {
        if (!(ratePerSecond > 0) || !(capacity > 0)) {
            throw new IllegalArgumentException("rate and capacity must be positive: " + ratePerSecond + ", " + capacity);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ratePerSecond = ratePerSecond;
        this.capacity = capacity;
        this.tokens = capacity;
        this.refilledAt = clock.nanoTime();
    }

    /**
     * Reserves {@code permits} and returns how long the caller must wait before using them, or a negative
     * duration of the wait it would have needed when that exceeds {@code maxWait}; nothing is reserved then.
     */
    synchronized Duration reserve(double permits, Duration maxWait) {
        refill();
        double debt = Math.max(0, -tokens);
        long waitNanos = (long) Math.ceil(debt / ratePerSecond * NANOS_PER_SECOND);
        if (waitNanos > maxWait.toNanos()) {
            return Duration.ofNanos(-waitNanos);
        }
        tokens -= permits;
        return Duration.ofNanos(waitNanos);
    }

    /** Gives back permits reserved for a request that was not sent (or that the hub refused outright). */
    synchronized void refund(double permits) {
        refill();
        tokens = Math.min(capacity, tokens + permits);
    }

    /** Stops handing out permits for {@code pause} (from now), queueing later reservations behind it. */
    synchronized void pause(Duration pause) {
        refill();
        tokens = Math.min(tokens, -pause.toNanos() / NANOS_PER_SECOND * ratePerSecond);
    }

    /**
     * Starts over as if a request had just taken the bucket's last permit: no burst left, the next reservation
     * waits one permit's refill. Whatever the bucket saved up (or owed) before is forgotten unless it owes more.
     */
    synchronized void drain() {
        refill();
        tokens = Math.min(tokens, -1);
    }

    /** How long a reservation made now would wait. */
    synchronized Duration pendingWait() {
        refill();
        double debt = Math.max(0, -tokens);
        return Duration.ofNanos((long) Math.ceil(debt / ratePerSecond * NANOS_PER_SECOND));
    }

    synchronized double rate() {
        return ratePerSecond;
    }

    /** Changes the refill rate from now on; the debt already queued is repaid at the new rate. */
    synchronized void setRate(double newRate) {
        if (!(newRate > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + newRate);
        }
        refill();
        ratePerSecond = newRate;
    }

    private void refill() {
        long now = clock.nanoTime();
        long elapsed = now - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed / NANOS_PER_SECOND * ratePerSecond);
            refilledAt = now;
        }
    }
}
