package io.linkguard.functions;

import io.linkguard.pipeline.RunFailedException;
import io.linkguard.pipeline.RunPipeline;
import io.linkguard.pipeline.RunRecord;
import io.linkguard.telemetry.RunMetrics;
import java.time.Duration;
import java.util.function.Supplier;

/** Runs a pipeline run and reports it: the summary line in the log, the run's metrics. */
final class RunReporting {
    private RunReporting() {
    }

    static RunPipeline.RunResult run(FunctionLog log, LinkGuardRuntime runtime, Supplier<RunPipeline.RunResult> run) {
        Duration throttledBefore = runtime.queryThrottling();
        try {
            RunPipeline.RunResult result = run.get();
            RunRecord record = result.record();
            switch (record.status()) {
                case COMPLETED -> log.info("run.summary", record.runId(), record.line());
                default -> log.warning("run.summary", record.runId(), record.line());
            }
            RunMetrics.run(runtime.telemetry(), record, runtime.queryThrottling().minus(throttledBefore));
            return result;
        } catch (RunFailedException e) {
            log.error("run.failed", e.record().runId(), e.record().line(), e.getCause());
            RunMetrics.run(runtime.telemetry(), e.record(), runtime.queryThrottling().minus(throttledBefore));
            throw e;
        } catch (RuntimeException e) {
            // Before the run could start (state storage unreachable for the lease or the watermark): no run id yet.
            log.error("run.error", null, "run not started: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            throw e;
        }
    }
}
