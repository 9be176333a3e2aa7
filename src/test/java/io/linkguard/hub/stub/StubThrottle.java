package io.linkguard.hub.stub;

import java.time.Duration;

/**
 * The stub hub's enforcement of one throttle: a token bucket of {@code ratePerSecond} holding up to
 * {@code burst} requests (or 4 KB method units) on the real clock. A request that finds it empty is
 * answered 429 with the seconds until enough tokens are back as Retry-After. Guarded by the stub's lock.
 */
final class StubThrottle {
    private final double ratePerSecond;
    private final double burst;
    private double tokens;
    private long refilledAt = System.nanoTime();

    StubThrottle(double ratePerSecond, double burst) {
        if (!(ratePerSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1: " + ratePerSecond + ", " + burst);
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.tokens = burst;
    }

    /** Takes {@code cost} tokens and returns null, or returns how long until they would be there. */
    Duration take(double cost) {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * ratePerSecond);
        refilledAt = now;
        double needed = Math.min(cost, burst);
        if (tokens >= needed) {
            tokens -= cost;
            return null;
        }
        return Duration.ofNanos((long) ((needed - tokens) / ratePerSecond * 1e9));
    }

    double ratePerSecond() {
        return ratePerSecond;
    }
}
