package io.linkguard.hub;

import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJob;
import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJobStatus;
import io.linkguard.remediation.JobResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An SDK job as remediation's {@link JobResult}. */
final class JobResults {

    private JobResults() {
    }

    /** {@code requestedId} stands in when the answer carries no id. */
    static JobResult of(ScheduledJob job, String requestedId) {
        ScheduledJobStatus s = job.getJobStatus();
        JobResult.Status status = s == null ? JobResult.Status.QUEUED : switch (s) {
            case running -> JobResult.Status.RUNNING;
            case completed -> JobResult.Status.COMPLETED;
            case failed, cancelled -> JobResult.Status.FAILED;
            default -> JobResult.Status.QUEUED;
        };
        int succeeded = 0;
        int failed = 0;
        List<String> detail = new ArrayList<>();
        if (s != null) {
            detail.add(s.name());
        }
        if (job.getJobStatistics() != null) {
            succeeded = job.getJobStatistics().getSucceededCount();
            failed = job.getJobStatistics().getFailedCount();
            detail.add("devices " + job.getJobStatistics().getDeviceCount() + ", pending "
                    + job.getJobStatistics().getPendingCount() + ", running " + job.getJobStatistics().getRunningCount());
        }
        if (job.getFailureReason() != null) {
            detail.add(job.getFailureReason());
        }
        if (job.getStatusMessage() != null) {
            detail.add(job.getStatusMessage());
        }
        String id = job.getJobId() != null ? job.getJobId() : requestedId;
        return new JobResult(id, status, succeeded, failed, Duration.ZERO, String.join("; ", detail));
    }
}
