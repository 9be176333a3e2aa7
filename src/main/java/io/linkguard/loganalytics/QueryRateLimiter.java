package io.linkguard.loganalytics;

import io.linkguard.pacing.Ticker;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Client-side limit on Log Analytics query requests: at most {@code maxRequests} request starts in any
 * window of {@code window} length. The query API allows 200 requests per 30 s per identity (see
 * iothub-facts.md §1); going over it earns 429s, which the retry policy would then multiply.
 *
 * <p>Why not a plain token bucket: a bucket of capacity N refilled at N per window lets through a full
 * burst plus a window's refill, i.e. up to 2N in one window. This limiter keeps the start times of the
 * last {@code maxRequests} grants in a ring (a "sliding log"), which bounds every window exactly at the
 * same cost (one long per permitted request). Grants are reserved in order, so callers are served
 * first-come first-served and each caller only sleeps for its own reservation.
 *
 * <p>One instance should be shared by every runner that queries with the same identity: the service
 * counts per identity, not per workspace. Thread-safe. Time comes from an injectable {@link Ticker} so
 * tests run without sleeping.
 */
public final class QueryRateLimiter {

    /** The Log Analytics query API limit: 200 requests per 30 s per identity. */
    public static final int DEFAULT_MAX_REQUESTS = 200;
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(30);

    private final int maxRequests;
    private final long windowNanos;
    private final Ticker clock;
    /** Grant times (clock nanos) of the last maxRequests grants; slot {@code next} holds the oldest. */
    private final long[] grants;
    private int next;
    private int granted;
    private long waitedNanos;

    /** The query API's own limit (200 per 30 s) on the system clock. */
    public static QueryRateLimiter forQueryApi() {
        return new QueryRateLimiter(DEFAULT_MAX_REQUESTS, DEFAULT_WINDOW, Ticker.SYSTEM);
    }

    public QueryRateLimiter(int maxRequests, Duration window) {
        this(maxRequests, window, Ticker.SYSTEM);
    }

    public QueryRateLimiter(int maxRequests, Duration window, Ticker clock) {
        if (maxRequests < 1) {
            throw new IllegalArgumentException("maxRequests must be at least 1: " + maxRequests);
        }
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.maxRequests = maxRequests;
        this.windowNanos = window.toNanos();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.grants = new long[maxRequests];
        Arrays.fill(grants, Long.MIN_VALUE);
    }

    /**
     * Reserves the next permitted start time and returns how long the caller must wait for it (zero when
     * a request may start now). The reservation counts even if the caller then gives up.
     */
    public synchronized Duration reserve() {
        long now = clock.nanoTime();
        long grantAt = now;
        if (granted >= maxRequests) {
            // The request maxRequests grants ago must be at least one window back.
            long earliest = grants[next] + windowNanos;
            if (earliest - now > 0) {
                grantAt = earliest;
            }
        }
        waitedNanos += grantAt - now;
        grants[next] = grantAt;
        next = (next + 1) % maxRequests;
        if (granted < maxRequests) {
            granted++;
        }
        return Duration.ofNanos(grantAt - now);
    }

    /**
     * Blocks until a request may start.
     *
     * @return how long the caller was held back
     * @throws InterruptedException if interrupted while waiting
     */
    public Duration acquire() throws InterruptedException {
        Duration wait = reserve();
        if (!wait.isZero()) {
            clock.sleep(wait);
        }
        return wait;
    }

    /** How long all callers together were (or will be) held back so far: for throttling metrics. */
    public synchronized Duration totalWait() {
        return Duration.ofNanos(waitedNanos);
    }

    public int maxRequests() {
        return maxRequests;
    }

    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    @Override
    public String toString() {
        return "QueryRateLimiter[" + maxRequests + " per " + window() + "]";
    }
}
