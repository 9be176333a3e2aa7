package io.linkguard.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import io.linkguard.evidence.IdentityIds;
import io.linkguard.pipeline.EvaluationRequest;
import io.linkguard.pipeline.EvaluationRequests;
import io.linkguard.state.StorageEvaluationQueue;
import io.linkguard.telemetry.RunMetrics;
import java.util.function.Supplier;

/**
 * The poison queue: evaluations the worker failed {@code maxDequeueCount} times. Each is recorded in the ledger as
 * failed (replacing its row, same run id), logged as {@code evaluation.poison} with its identities and counted
 * ({@code linkguard.evaluations} decision {@code poison}); the message is then consumed. The identities are not
 * lost: the scheduled run selects every identity whose conflicts continue.
 */
public class PoisonEvaluationsFunction extends RuntimeFunction {
    public PoisonEvaluationsFunction() {
        super(Runtimes::current);
    }

    public PoisonEvaluationsFunction(Supplier<LinkGuardRuntime> runtime) {
        super(runtime);
    }

    @FunctionName("PoisonEvaluations")
    public void run(@QueueTrigger(name = "message", queueName = StorageEvaluationQueue.POISON_QUEUE,
                            connection = "AzureWebJobsStorage") String message, ExecutionContext context) {
        FunctionLog log = new FunctionLog(context);
        LinkGuardRuntime rt = runtime(log);
        EvaluationRequest request;
        try {
            request = EvaluationRequests.parse(message);
        } catch (EvaluationRequests.Unreadable e) {
            log.error("evaluation.poison", null, "unreadable poison message dropped (" + e.getMessage() + "): "
                    + IdentityIds.printable(message == null ? "" : message), null);
            RunMetrics.evaluationDropped(rt.telemetry(), "unknown", "poison");
            return;
        }
        String why = "gave up after the queue's maxDequeueCount attempts (message moved to " + StorageEvaluationQueue.POISON_QUEUE
                + "); the scheduled run covers these identities if their conflicts continue";
        log.error("evaluation.poison", request.runId(), request.trigger().label() + " evaluation of "
                + request.identities().stream().map(i -> IdentityIds.printable(i.display())).toList() + " " + why, null);
        RunMetrics.evaluationDropped(rt.telemetry(), request.trigger().label(), "poison");
        rt.pipeline().abandoned(request, why);
    }
}
