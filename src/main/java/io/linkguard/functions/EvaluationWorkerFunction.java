package io.linkguard.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import io.linkguard.pipeline.EvaluationRequest;
import io.linkguard.pipeline.EvaluationRequests;
import io.linkguard.state.StorageEvaluationQueue;
import io.linkguard.telemetry.RunMetrics;
import java.util.function.Supplier;

/**
 * The worker: runs the targeted evaluations the alert webhook and the Event Grid trigger queued, under the run id
 * they answered with (its ledger row replaces the {@code queued} one). A failed run fails the invocation, so the
 * queue delivers the message again after {@code visibilityTimeout}, up to {@code maxDequeueCount} times
 * (host.json); then the host moves it to the poison queue ({@link PoisonEvaluationsFunction}). So does a run that
 * did nothing because another run kept every one of its hubs ({@link io.linkguard.pipeline.RunDeferredException}:
 * its ledger row stays queued, with why). A message that is
 * not an evaluation request is logged, counted and dropped: no retry would make it readable.
 */
public class EvaluationWorkerFunction extends RuntimeFunction {
    public EvaluationWorkerFunction() {
        super(Runtimes::current);
    }

    public EvaluationWorkerFunction(Supplier<LinkGuardRuntime> runtime) {
        super(runtime);
    }

    @FunctionName("EvaluationWorker")
    public void run(@QueueTrigger(name = "message", queueName = StorageEvaluationQueue.QUEUE,
                            connection = "AzureWebJobsStorage") String message,
                    @BindingName("DequeueCount") long dequeueCount, ExecutionContext context) {
        FunctionLog log = new FunctionLog(context);
        LinkGuardRuntime rt = runtime(log);
        EvaluationRequest request;
        try {
            request = EvaluationRequests.parse(message);
        } catch (EvaluationRequests.Unreadable e) {
            log.error("evaluation.unreadable", null, "queue message dropped: " + e.getMessage(), null);
            RunMetrics.evaluationDropped(rt.telemetry(), "unknown", "unreadable");
            return;
        }
        if (dequeueCount > 1) {
            log.warning("evaluation.retry", request.runId(), "attempt " + dequeueCount + " of this evaluation");
        }
        RunReporting.run(log, rt, () -> rt.pipeline().runTargeted(request));
    }
}
