package io.linkguard.remediation;

import java.time.Duration;
import java.util.Map;

/** The outcome of a direct method: the device's status and payload when it answered. */
public record MethodResult(Outcome outcome, int status, Map<String, Object> payload, Duration retryAfter,
                           String detail) {

    public enum Outcome {
        /** The device answered (any status it chose; 200 means it accepted). */
        ANSWERED,
        /** 404: not online within the connect timeout, or no handler: fall back to the desired property. */
        NOT_REACHABLE,
        /** 504: no answer within the response timeout: fall back to the desired property. */
        TIMED_OUT,
        THROTTLED,
        FAILED
    }
}
