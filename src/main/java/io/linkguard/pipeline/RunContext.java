package io.linkguard.pipeline;

import java.time.Instant;

/** Which run a plan belongs to: the executor uses the run id to make its writes idempotent and traceable. */
public record RunContext(String runId, RunTrigger trigger, RunKind kind, String invocationId, Instant startedAt) {
}
