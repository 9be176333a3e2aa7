package io.linkguard.pipeline;

import io.linkguard.evidence.Identity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A targeted evaluation a trigger accepted and queued for the worker: the run id it answered with, which
 * trigger and invocation asked, when, for which identities, and where the request came from (the alert rule,
 * or the event batch) for the ledger.
 */
public record EvaluationRequest(String runId, RunTrigger trigger, String invocationId, Instant requestedAt,
                                List<Identity> identities, String origin) {

    public EvaluationRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(requestedAt, "requestedAt");
        identities = List.copyOf(identities);
        origin = origin == null ? "" : origin;
    }

    /** The context the worker's run carries: the same run id and start as the queued ledger row. */
    public RunContext context() {
        return new RunContext(runId, trigger, RunKind.TARGETED, invocationId, requestedAt);
    }
}
