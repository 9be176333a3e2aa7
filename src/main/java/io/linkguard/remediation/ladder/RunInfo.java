package io.linkguard.remediation.ladder;

import java.time.Instant;

/**
 * The run a decision is made in: its time, its id, and whether its input was complete (when it was not,
 * the absence of a finding proves nothing).
 */
public record RunInfo(Instant now, String runId, boolean inputComplete) {
}
