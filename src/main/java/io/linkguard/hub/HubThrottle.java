package io.linkguard.hub;

import io.linkguard.pacing.Ticker;
import io.linkguard.remediation.HubLimits;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The client-side throttle of one hub: a token bucket per {@link Meter}, sized to a share of the hub's
 * published throttles and shared by every call the gateway makes to that hub.
 *
 * <p>When the hub still answers 429 (the share was too large, the published figure is not what this hub
 * enforces, or other clients use the same budget), {@link #throttled} pauses the meter for the Retry-After
 * so every caller waits, not just the one that got the 429, and halves the meter's rate (at most once per
 * pause, never below {@link #MIN_RATE_FRACTION} of its nominal rate). Successes then raise it again by
 * {@link #RECOVERY_PER_SECOND} of the nominal rate per second since the last change: additive increase,
 * multiplicative decrease, paced by time rather than by call volume.
 */
public final class HubThrottle {
    /** A bucket holds this many seconds of its rate: small, so a full bucket cannot outrun the hub's window. */
    static final double BURST_SECONDS = 0.2;
    static final double DECREASE_FACTOR = 0.5;
    static final double MIN_RATE_FRACTION = 0.05;
    static final double RECOVERY_PER_SECOND = 0.1;

    private final Map<Meter, TokenBucket> buckets = new EnumMap<>(Meter.class);
    private final Map<Meter, Double> nominal = new EnumMap<>(Meter.class);
    private final Map<Meter, Long> lastDecrease = new EnumMap<>(Meter.class);
    private final Map<Meter, Long> lastChange = new EnumMap<>(Meter.class);
    private final Ticker clock;

    /** No client-side limit at all: only the hub's 429s slow the caller down (the naive baseline). */
    public static HubThrottle unlimited(Ticker clock) {
        return new HubThrottle(clock);
    }

    private HubThrottle(Ticker clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param share the fraction (0..1] of each published throttle this client may use; the rest is left
     *              to the customer's own services on the same hub
     */
    public HubThrottle(HubLimits limits, double share, Ticker clock) {
        if (!(share > 0) || share > 1) {
            throw new IllegalArgumentException("share must be in (0, 1]: " + share);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        for (Meter meter : Meter.values()) {
            double published = meter.publishedRate(limits);
            if (published > 0) {
                double rate = published * share;
                double capacity = meter == Meter.JOB_DEVICE_OPS ? 1
                        : meter == Meter.QUERIES ? queryBurst(published, share) : Math.max(1, rate * BURST_SECONDS);
                buckets.put(meter, new TokenBucket(rate, capacity, clock));
                nominal.put(meter, rate);
            }
        }
    }

    /**
     * Queries are throttled per minute: a full bucket plus a minute of refill must stay within the published
     * minute, so the burst is the part of the minute's budget the share leaves (at least one query).
     */
    static double queryBurst(double publishedPerSecond, double share) {
        return Math.max(1, Math.floor(publishedPerSecond * 60 * (1 - share)));
    }

    /**
     * This process has just become the hub's writer (taken its writer lease): the previous writer, in another
     * process, may have spent the hub's budget up to this moment, so every meter starts drained, as if that writer
     * had just sent a request on it. From here the hub sees one bucket that never refilled faster than its rate,
     * so the published per-second and per-minute throttles hold across the hand-over (docs/hub-adapter.md).
     */
    public void handedOver() {
        buckets.values().forEach(TokenBucket::drain);
    }

    /**
     * Reserves {@code permits} on {@code meter}: the wait before the call may go, or a negative duration
     * (the wait it would have needed) when that is longer than {@code maxWait}.
     */
    public Duration reserve(Meter meter, double permits, Duration maxWait) {
        TokenBucket bucket = buckets.get(meter);
        return bucket == null ? Duration.ZERO : bucket.reserve(permits, maxWait);
    }

    /** Gives back permits of a request that did not run (e.g. a job the hub refused with 429004). */
    public void refund(Meter meter, double permits) {
        TokenBucket bucket = buckets.get(meter);
        if (bucket != null) {
            bucket.refund(permits);
        }
    }

    /** The hub answered 429 on {@code meter}: every caller waits {@code retryAfter}; the rate drops. */
    public void throttled(Meter meter, Duration retryAfter) {
        TokenBucket bucket = buckets.get(meter);
        if (bucket == null) {
            return;
        }
        long now = clock.nanoTime();
        synchronized (lastDecrease) {
            Long last = lastDecrease.get(meter);
            if (last == null || now - last >= retryAfter.toNanos()) {
                double floor = nominal.get(meter) * MIN_RATE_FRACTION;
                bucket.setRate(Math.max(floor, bucket.rate() * DECREASE_FACTOR));
                lastDecrease.put(meter, now);
                lastChange.put(meter, now);
            }
        }
        // After the rate change: the pause is booked as debt at the rate that will repay it.
        bucket.pause(retryAfter);
    }

    /** A call on {@code meter} went through: the rate creeps back towards its nominal value, paced by time. */
    public void succeeded(Meter meter) {
        TokenBucket bucket = buckets.get(meter);
        if (bucket == null) {
            return;
        }
        double target = nominal.get(meter);
        if (bucket.rate() >= target) {
            return;
        }
        long now = clock.nanoTime();
        synchronized (lastDecrease) {
            double rate = bucket.rate();
            long since = now - lastChange.getOrDefault(meter, now);
            if (rate < target && since > 0) {
                bucket.setRate(Math.min(target, rate + target * RECOVERY_PER_SECOND * since / 1e9));
                lastChange.put(meter, now);
            }
        }
    }

    /** How long a reservation on {@code meter} made now would wait (zero for an unmetered meter). */
    public Duration pendingWait(Meter meter) {
        TokenBucket bucket = buckets.get(meter);
        return bucket == null ? Duration.ZERO : bucket.pendingWait();
    }

    /** The current rate of {@code meter} per second (after any 429 decrease); 0 when unmetered. */
    public double rate(Meter meter) {
        TokenBucket bucket = buckets.get(meter);
        return bucket == null ? 0 : bucket.rate();
    }
}
