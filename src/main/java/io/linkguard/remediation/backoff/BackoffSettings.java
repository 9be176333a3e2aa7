package io.linkguard.remediation.backoff;

import java.time.Duration;

/**
 * The back-off instruction's parameters (docs/backoff-contract.md) and the direct method's timeouts, which
 * are always explicit and short (never the service SDK's 200 s defaults).
 */
public record BackoffSettings(String methodName, int minBackoffSeconds, int maxBackoffSeconds, double jitter,
                              Duration hold, String advice, Duration connectTimeout, Duration responseTimeout) {

    public static final String DEFAULT_ADVICE = "Keep one client per identity; let the SDK own reconnection; "
            + "do not re-create the client while it is retrying.";

    public static final BackoffSettings DEFAULTS = new BackoffSettings("linkguardBackoff", 30, 600, 0.5,
            Duration.ofMinutes(60), DEFAULT_ADVICE, Duration.ofSeconds(5), Duration.ofSeconds(10));
}
