package io.linkguard.functions;

import io.linkguard.pipeline.RunDeferredException;
import io.linkguard.pipeline.RunFailedException;
import io.linkguard.pipeline.RunPipeline;
import io.linkguard.pipeline.RunRecord;
import io.linkguard.pipeline.RunStatus;
import io.linkguard.telemetry.RunMetrics;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;

/** Runs a pipeline run and reports it: the summary line in the log, the run's metrics. */
final class RunReporting {
    private RunReporting() {
    }

    private static String fields(RunRecord r) {
        return "trigger=" + r.trigger().label() + " kind=" + r.kind().label() + " mode=" + r.mode() + " status=" + r.status().label();
    }

    static RunPipeline.RunResult run(FunctionLog log, LinkGuardRuntime runtime, Supplier<RunPipeline.RunResult> run) {
        Duration throttledBefore = runtime.queryThrottling();
        try {
            RunPipeline.RunResult result = run.get();
            RunRecord record = result.record();
            log.log(record.status() == RunStatus.COMPLETED ? Level.INFO : Level.WARNING, "run.summary", record.runId(),
                    fields(record), record.line());
            RunMetrics.run(runtime.telemetry(), result, runtime.queryThrottling().minus(throttledBefore));
            return result;
        } catch (RunDeferredException e) {
            // Not a failure and not an outcome yet: the run's metrics are counted when it is finally run or given up.
            log.warning("run.deferred", e.record().runId(), fields(e.record()) + " " + e.getMessage()
                    + ": the queue delivers it again");
            RunMetrics.evaluationDeferred(runtime.telemetry(), e.record().trigger().label());
            throw e;
        } catch (RunFailedException e) {
            log.error("run.failed", e.record().runId() + " " + fields(e.record()), e.record().line(), e.getCause());
            RunMetrics.run(runtime.telemetry(), new RunPipeline.RunResult(e.record(), null, List.of()),
                    runtime.queryThrottling().minus(throttledBefore));
            throw e;
        } catch (RuntimeException e) {
            // Before the run could start (state storage unreachable for the lease or the watermark): no run id yet.
            log.error("run.error", null, "run not started: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            throw e;
        }
    }
}
