package io.linkguard.functions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * At most {@code perMinute} requests per calendar minute on this worker; the rest are refused (HTTP 429 with
 * Retry-After to the next minute). A flood cannot fill the queue and the ledger; what reaches the hubs is bounded
 * anyway by the per-hub writer lease and budget. Per worker: with N instances the app accepts up to N times the
 * bound (docs/functions.md). Thread-safe.
 */
final class RequestRateBound {
    private final int perMinute;
    private final Clock clock;
    private long minute = Long.MIN_VALUE;
    private int used;

    RequestRateBound(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Empty when the request may go; otherwise how long until the next minute starts. */
    synchronized Duration refusal() {
        Instant now = clock.instant();
        long current = now.getEpochSecond() / 60;
        if (current != minute) {
            minute = current;
            used = 0;
        }
        if (used < perMinute) {
            used++;
            return Duration.ZERO;
        }
        return Duration.ofSeconds((current + 1) * 60 - now.getEpochSecond());
    }

    int perMinute() {
        return perMinute;
    }
}
