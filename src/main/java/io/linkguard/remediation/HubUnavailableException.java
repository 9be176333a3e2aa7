package io.linkguard.remediation;

import java.time.Duration;

/**
 * {@link HubGateway#readTwin} could not learn whether the identity exists or what its twin holds: the hub
 * kept answering 429, 5xx or nothing within the gateway's retries. Nothing was changed; skip the identity
 * in this run and try again in a later one (after {@link #retryAfter()} at the earliest).
 */
public final class HubUnavailableException extends RuntimeException {
    private final transient Duration retryAfter;

    public HubUnavailableException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
