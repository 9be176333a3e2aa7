package io.linkguard.hub;

import java.time.Duration;
import java.util.Objects;

/**
 * How the gateway retries a call the hub turned away (429, and for reads and ETag-guarded writes also
 * 5xx and I/O failures): exponential back-off from {@code baseDelay}, doubled per attempt up to
 * {@code maxDelay}, never shorter than the hub's Retry-After, stretched by a random factor in
 * [1, 1 + {@code jitter}) so callers that were turned away together do not come back together. Every
 * call has a {@code deadline}: a wait that would end after it is not taken, and the call returns its
 * last outcome (THROTTLED, FAILED) for a later run to retry.
 *
 * <p>Not azure-core's {@code RetryPolicy}: that works only inside an azure-core {@code HttpPipeline}, and
 * iot-service-client 2.1.9 sends over {@code HttpsURLConnection} without one. RemediationBenchmark, S1: this
 * loop behind the token buckets keeps 0.95 of the hub's limit with 0 429s; a loop that only honours Retry-After
 * is refused 7 and 9 times per 400 calls (docs/benchmarks.md, "Remediation benchmark").
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, double jitter, Duration deadline) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2, Duration.ofSeconds(30));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(deadline, "deadline");
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay: " + baseDelay + ", " + maxDelay);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1]: " + jitter);
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive: " + deadline);
        }
    }

    /**
     * The wait before attempt {@code attempt + 1}, after {@code attempt} (1-based) failed.
     *
     * @param retryAfter the hub's Retry-After, or zero when it sent none
     * @param random a uniform number in [0, 1)
     */
    public Duration delay(int attempt, Duration retryAfter, double random) {
        long base = baseDelay.toNanos();
        long exponential = base << Math.min(30, Math.max(0, attempt - 1));
        if (exponential < 0 || exponential > maxDelay.toNanos()) {
            exponential = maxDelay.toNanos();
        }
        long floor = Math.max(exponential, retryAfter.toNanos());
        return Duration.ofNanos((long) (floor * (1 + jitter * random)));
    }

    public RetryPolicy withDeadline(Duration newDeadline) {
        return new RetryPolicy(maxAttempts, baseDelay, maxDelay, jitter, newDeadline);
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, baseDelay, maxDelay, jitter, deadline);
    }
}
