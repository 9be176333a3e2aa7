package io.linkguard.remediation;

import java.time.Duration;

/** The outcome of an ETag-guarded twin write. */
public record WriteResult(Status status, String newEtag, Duration retryAfter, String detail) {

    public enum Status {
        WRITTEN,
        /** 412: someone else wrote the twin since it was read; re-read and re-decide. */
        PRECONDITION_FAILED,
        NOT_FOUND,
        /** 429 after the gateway's own waiting gave up; retry in a later run. */
        THROTTLED,
        /** 5xx, timeout, I/O: retry in a later run. */
        FAILED
    }

    public static WriteResult written(String newEtag) {
        return new WriteResult(Status.WRITTEN, newEtag, Duration.ZERO, "");
    }

    public static WriteResult of(Status status, String detail) {
        return new WriteResult(status, null, Duration.ZERO, detail);
    }
}
