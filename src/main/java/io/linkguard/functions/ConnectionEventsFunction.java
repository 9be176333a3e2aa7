package io.linkguard.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import io.linkguard.events.EventBatchOutcome;
import io.linkguard.events.ParsedEvents;
import io.linkguard.pipeline.RunTrigger;
import io.linkguard.telemetry.RunMetrics;
import java.util.function.Supplier;

/**
 * The hub's {@code DeviceConnected} / {@code DeviceDisconnected} events (Event Grid or CloudEvents schema; the
 * Event Grid extension hands over one event per invocation, a custom delivery may post an array). Events are
 * a fast hint, not evidence: they update per-identity connection state, and the identities that cross the flap
 * threshold (debounced) are queued for a targeted evaluation by the {@link EvaluationWorkerFunction worker}: the
 * delivery never waits for the logs (Event Grid waits 30 s, then redelivers and slows down).
 *
 * <p>Failures: if the state cannot be stored the invocation fails and Event Grid redelivers (events already
 * applied come back as duplicates and are ignored). An evaluation that cannot be queued is logged and in the
 * ledger but does not fail the invocation: a redelivery would be all duplicates and queue nothing; the next
 * scheduled run covers the identity if its conflicts continue.
 */
public class ConnectionEventsFunction extends RuntimeFunction {
    public ConnectionEventsFunction() {
        super(Runtimes::current);
    }

    public ConnectionEventsFunction(Supplier<LinkGuardRuntime> runtime) {
        super(runtime);
    }

    @FunctionName("DeviceConnectionEvents")
    public void run(@EventGridTrigger(name = "event") String event, ExecutionContext context) {
        FunctionLog log = new FunctionLog(context);
        LinkGuardRuntime rt = runtime(log);
        ParsedEvents parsed = rt.eventParser().parse(event);
        EventBatchOutcome outcome;
        try {
            outcome = parsed.events().isEmpty()
                    ? EventBatchOutcome.skippedOnly(parsed)
                    : rt.events().process(parsed);
        } catch (RuntimeException e) {
            log.error("events.failed", null, parsed.events().size() + " events not stored (Event Grid delivers them again): "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            throw e;
        }
        RunMetrics.events(rt.telemetry(), outcome);
        if (outcome.skippedTotal() > 0) {
            log.warning("events.summary", null, outcome.line());
        } else {
            log.info("events.summary", null, outcome.line());
        }
        if (outcome.evaluate().isEmpty()) {
            return;
        }
        try {
            Enqueue.evaluation(log, rt, RunTrigger.EVENT_GRID, context.getInvocationId(), outcome.evaluate(),
                    "connection events over the flap threshold");
        } catch (RuntimeException e) {
            // Logged and in the ledger by Enqueue; see the class comment for why it is not rethrown.
        }
    }
}
