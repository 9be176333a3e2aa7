package io.linkguard.tickets;

import java.time.Duration;
import java.util.Optional;

/**
 * A ticket system refused or failed a call. The message names the sink, the operation and the HTTP
 * status with the system's own error text, already scrubbed of secrets; it never holds a header or a
 * request body.
 */
public final class TicketSinkException extends Exception {

    public enum Kind {
        /** 5xx, 408, 409, a timeout or a broken connection: try again next run. */
        TRANSIENT,
        /** 429, or GitHub's 403 with its rate-limit headers: leave the sink alone until retryAfter. */
        RATE_LIMITED,
        /** 400/422 and other 4xx for this one ticket: not the sink's fault, not fixed by waiting. */
        REJECTED,
        /** 401/403/404 on the project, a redirect, a token that cannot be had: the setup is wrong. */
        MISCONFIGURED
    }

    private final Kind kind;
    private final transient Duration retryAfter;

    public TicketSinkException(Kind kind, String message) {
        this(kind, message, null);
    }

    public TicketSinkException(Kind kind, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
