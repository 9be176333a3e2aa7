package io.linkguard.device.reconnect;

import java.time.Duration;

/**
 * How long to wait before each reconnect attempt: {@code min · 2^attempt}, capped at {@code max}, multiplied by
 * a random factor in {@code [1 − jitter, 1 + jitter]} so that a fleet does not reconnect in step.
 */
public record ReconnectPolicy(Duration min, Duration max, double jitter) {

    public ReconnectPolicy {
        if (min == null || max == null || min.isNegative() || min.isZero()) {
            throw new IllegalArgumentException("min must be a positive duration, got " + min);
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("max (" + max + ") must be >= min (" + min + ")");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be within 0..1, got " + jitter);
        }
    }

    public static ReconnectPolicy ofSeconds(int minSeconds, int maxSeconds, double jitter) {
        return new ReconnectPolicy(Duration.ofSeconds(minSeconds), Duration.ofSeconds(maxSeconds), jitter);
    }

    /**
     * The wait before reconnect attempt {@code attempt} (0 = the first attempt after a loss).
     *
     * @param random uniform in [0, 1): the jitter draw
     */
    public Duration delayBefore(int attempt, double random) {
        double exponential = min.toMillis() * Math.pow(2, Math.min(Math.max(attempt, 0), 62));
        double capped = Math.min(max.toMillis(), exponential);
        double factor = 1 - jitter + 2 * jitter * random;
        return Duration.ofMillis(Math.round(capped * factor));
    }

    /** The longest single wait this policy can ask for. */
    public Duration longestDelay() {
        return Duration.ofMillis(Math.round(max.toMillis() * (1 + jitter)));
    }

    /** For logs and method answers: e.g. {@code 30s..600s, jitter 0.5}. */
    public String describe() {
        return seconds(min) + ".." + seconds(max) + ", jitter " + jitter;
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
