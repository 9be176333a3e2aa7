package io.linkguard.functions;

import io.linkguard.evidence.Identity;
import io.linkguard.pipeline.EvaluationRequest;
import io.linkguard.pipeline.RunTrigger;
import java.util.Collection;

/** How a trigger hands a targeted evaluation to the worker: a ledger row ({@code queued}), then the queue message. */
final class Enqueue {
    private Enqueue() {
    }

    /**
     * Records and queues; when the queue cannot be reached the row is replaced by a failed one and the error
     * (logged as {@code evaluation.not-queued}) is rethrown.
     */
    static EvaluationRequest evaluation(FunctionLog log, LinkGuardRuntime rt, RunTrigger trigger, String invocationId,
                                        Collection<Identity> identities, String origin) {
        EvaluationRequest request = rt.pipeline().request(trigger, invocationId, identities, origin);
        try {
            rt.pipeline().queued(request);
            rt.queue().enqueue(request);
        } catch (RuntimeException e) {
            log.error("evaluation.not-queued", request.runId(), "targeted evaluation of " + identities.size()
                    + " identities (" + origin + ") not queued: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            try {
                rt.pipeline().abandoned(request, "not queued: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            } catch (RuntimeException ledgerDown) {
                e.addSuppressed(ledgerDown);
            }
            throw e;
        }
        log.info("evaluation.queued", request.runId(), "targeted evaluation of " + identities.size() + " identities ("
                + origin + ") queued for the worker");
        return request;
    }
}
