package io.linkguard.remediation;

import java.time.Duration;

/** An IoT Hub job as seen by remediation. */
public record JobResult(String jobId, Status status, int succeeded, int failed, Duration retryAfter,
                        String detail) {

    public enum Status {
        QUEUED, RUNNING, COMPLETED, FAILED,
        /** 429004: the hub already runs its maximum of active jobs; try again later. */
        TOO_MANY_JOBS,
        THROTTLED
    }
}
