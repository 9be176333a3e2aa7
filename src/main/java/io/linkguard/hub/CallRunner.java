package io.linkguard.hub;

import io.linkguard.pacing.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

/**
 * Runs one SDK call the way every gateway call runs: wait for the hub's client-side budget, send, and on
 * a 429 (or another failure the caller says is safe to repeat) back off and try again, within the
 * retry policy's attempts and deadline. Never throws: the outcome is a value or the last failure.
 */
final class CallRunner {

    /** An SDK call. */
    @FunctionalInterface
    interface HubAction<T> {
        T run() throws Exception;
    }

    /** A value, or the last failure. */
    record Result<T>(T value, HubFailure failure, int attempts) {
        boolean ok() {
            return failure == null;
        }
    }

    private final HubThrottle throttle;
    private final RetryPolicy policy;
    private final Ticker clock;
    private final DoubleSupplier random;
    private final RetryAfterTap tap;
    private final GatewayStats stats;

    CallRunner(HubThrottle throttle, RetryPolicy policy, Ticker clock, DoubleSupplier random, RetryAfterTap tap,
               GatewayStats stats) {
        this.throttle = Objects.requireNonNull(throttle);
        this.policy = Objects.requireNonNull(policy);
        this.clock = Objects.requireNonNull(clock);
        this.random = Objects.requireNonNull(random);
        this.tap = tap;
        this.stats = Objects.requireNonNull(stats);
    }

    RetryPolicy policy() {
        return policy;
    }

    /**
     * @param meter     the budget the call draws from (null: unmetered)
     * @param permits   what one attempt costs on that meter
     * @param repeatable which failures may be retried besides 429 (e.g. 5xx for an ETag-guarded write)
     */
    <T> Result<T> run(HubOperation op, Meter meter, double permits, Predicate<HubFailure> repeatable,
                      HubAction<T> action) {
        stats.call(op);
        long deadline = clock.nanoTime() + policy.deadline().toNanos();
        HubFailure last = null;
        for (int attempt = 1; ; attempt++) {
            if (meter != null) {
                Duration remaining = Duration.ofNanos(Math.max(0, deadline - clock.nanoTime()));
                Duration wait = throttle.reserve(meter, permits, remaining);
                if (wait.isNegative()) {
                    stats.clientRefused(op);
                    return fail(op, last != null ? last : refused(meter, wait.negated()), attempt - 1);
                }
                if (!sleep(op, wait)) {
                    return fail(op, interrupted(), attempt - 1);
                }
            }
            stats.attempt(op);
            if (tap != null) {
                tap.clear();
            }
            try {
                T value = action.run();
                if (meter != null) {
                    throttle.succeeded(meter);
                }
                return new Result<>(value, null, attempt);
            } catch (Exception e) {
                Duration retryAfter = tap == null ? Duration.ZERO : tap.lastRetryAfter().orElse(Duration.ZERO);
                last = HubFailure.of(e, retryAfter);
            }
            if (last.throttled() || last.kind() == HubFailure.Kind.TOO_MANY_JOBS) {
                stats.hubThrottled(op);
            }
            if (last.throttled() && meter != null) {
                throttle.throttled(meter, last.retryAfter().isZero() ? policy.baseDelay() : last.retryAfter());
            }
            boolean retry = last.throttled() || repeatable.test(last);
            if (!retry || attempt >= policy.maxAttempts()) {
                return fail(op, last, attempt);
            }
            Duration delay = policy.delay(attempt, last.retryAfter(), random.getAsDouble());
            if (clock.nanoTime() + delay.toNanos() > deadline) {
                return fail(op, withRetryAfter(last, delay), attempt);
            }
            if (!sleep(op, delay)) {
                return fail(op, interrupted(), attempt);
            }
        }
    }

    private <T> Result<T> fail(HubOperation op, HubFailure failure, int attempts) {
        stats.failed(op);
        return new Result<>(null, failure, attempts);
    }

    private boolean sleep(HubOperation op, Duration d) {
        if (d.isZero()) {
            return true;
        }
        stats.waited(op, d);
        try {
            clock.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static HubFailure refused(Meter meter, Duration needed) {
        return new HubFailure(HubFailure.Kind.THROTTLED, 0, "client-side: the " + meter
                + " budget is booked for the next " + needed.toMillis() + " ms, past this call's deadline", needed);
    }

    private static HubFailure withRetryAfter(HubFailure f, Duration delay) {
        return f.retryAfter().compareTo(delay) >= 0 ? f
                : new HubFailure(f.kind(), f.errorCode(), f.message(), delay);
    }

    private static HubFailure interrupted() {
        return new HubFailure(HubFailure.Kind.OTHER, 0, "interrupted while waiting", Duration.ZERO);
    }
}
