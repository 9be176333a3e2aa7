package io.linkguard.tickets;

import io.linkguard.pacing.RetryAfter;
import java.time.Duration;
import java.time.Instant;

/**
 * What the orchestrator remembers about one sink between calls: misconfigured in this run (reported
 * once, then left alone until the next run), rate limited until an instant (left alone until then), or
 * failing again and again in this run (left alone after a few failures so a dead sink does not cost a
 * timeout per device). A new run id clears the per-run memory. Thread-safe.
 */
final class SinkHealth {
    /** Longest pause a sink's answer may impose (x-ratelimit-reset included), as for any Retry-After. */
    static final Duration MAX_PAUSE = RetryAfter.MAX;

    private final int failuresBeforePause;
    private String runId;
    private String misconfiguration;
    private int consecutiveFailures;
    private Instant pausedUntil = Instant.MIN;

    SinkHealth(int failuresBeforePause) {
        this.failuresBeforePause = failuresBeforePause;
    }

    /** Why the sink must not be called now, or null when it may. */
    synchronized String skipReason(String run, Instant now) {
        enter(run);
        if (misconfiguration != null) {
            return "misconfigured (reported earlier in this run): " + misconfiguration;
        }
        if (now.isBefore(pausedUntil)) {
            return "rate limited until " + pausedUntil;
        }
        if (consecutiveFailures >= failuresBeforePause) {
            return "paused for the rest of the run after " + consecutiveFailures + " failures in a row";
        }
        return null;
    }

    /** Records a misconfiguration; true for the first report in this run. */
    synchronized boolean misconfigured(String run, String message) {
        enter(run);
        if (misconfiguration != null) {
            return false;
        }
        misconfiguration = message;
        return true;
    }

    synchronized void rateLimited(Instant now, Duration retryAfter) {
        Duration pause = retryAfter.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : retryAfter;
        Instant until = now.plus(pause);
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    synchronized void failed(String run) {
        enter(run);
        consecutiveFailures++;
    }

    synchronized void succeeded() {
        consecutiveFailures = 0;
    }

    private void enter(String run) {
        if (run == null ? runId != null : !run.equals(runId)) {
            runId = run;
            misconfiguration = null;
            consecutiveFailures = 0;
        }
    }
}
