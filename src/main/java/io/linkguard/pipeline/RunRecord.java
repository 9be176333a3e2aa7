package io.linkguard.pipeline;

import io.linkguard.classification.Classification;
import io.linkguard.plan.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run as the ledger keeps it: the executor's mode, what it covered (the ingestion window of a scheduled run, the number of
 * devices of a targeted one), what it found (identities per class, rows skipped by reason), what became of
 * the actions, how long it took, how it ended, and the fleet cohorts it reported ({@code cohorts}: one
 * {@link io.linkguard.findings.Cohort#summary()} each, at most {@link #MAX_COHORTS}; {@code cohortCount} all of them).
 */
public record RunRecord(String runId, RunTrigger trigger, RunKind kind, String mode, String invocationId, Instant startedAt,
                        Instant finishedAt, RunStatus status, IngestionWindow window, int targets,
                        Map<Classification, Integer> identities, ExecutionSummary execution, Map<String, Long> skippedRows,
                        List<String> notes, String error, int cohortCount, List<String> cohorts) {

    /** Cohort summaries a record keeps (a ledger row holds at most 64 KiB; a summary is about 200 characters). */
    public static final int MAX_COHORTS = 50;

    /** A run without fleet cohorts. */
    public RunRecord(String runId, RunTrigger trigger, RunKind kind, String mode, String invocationId, Instant startedAt,
                     Instant finishedAt, RunStatus status, IngestionWindow window, int targets,
                     Map<Classification, Integer> identities, ExecutionSummary execution, Map<String, Long> skippedRows,
                     List<String> notes, String error) {
        this(runId, trigger, kind, mode, invocationId, startedAt, finishedAt, status, window, targets, identities, execution,
                skippedRows, notes, error, 0, List.of());
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    public int identityCount() {
        return identities.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The line an operator reads: what ran, what it covered, what it found, what it did. */
    public String line() {
        StringBuilder s = new StringBuilder("LinkGuard run ").append(runId).append(' ').append(trigger.label()).append('/')
                .append(kind.label()).append(" (").append(mode).append(") ").append(status.label()).append(" in ")
                .append(String.format(java.util.Locale.ROOT, "%.1f s", duration().toMillis() / 1000.0));
        if (window != null) {
            s.append("; ingested ").append(window.from()).append(" .. ").append(window.to());
            if (!window.notCovered().isZero()) {
                s.append(" (catch-up bound: ").append(window.notCovered().toMinutes()).append(" min not covered)");
            }
        }
        if (kind == RunKind.TARGETED) {
            s.append("; ").append(targets).append(" device").append(targets == 1 ? "" : "s").append(" targeted");
        }
        if (status == RunStatus.SKIPPED || status == RunStatus.FAILED) {
            notes.forEach(n -> s.append("; ").append(n));
            if (error != null) {
                s.append("; error: ").append(error);
            }
            return s.toString();
        }
        s.append("; ").append(identityCount()).append(" identities:");
        for (Classification c : Classification.values()) {
            s.append(' ').append(c.label()).append(' ').append(identities.getOrDefault(c, 0)).append(',');
        }
        s.setLength(s.length() - 1);
        s.append("; actions:");
        int before = s.length();
        for (Action a : Action.values()) {
            for (ActionOutcome o : ActionOutcome.values()) {
                int n = execution.count(a, o);
                if (n > 0) {
                    s.append(' ').append(a.label()).append(' ').append(o.label()).append(' ').append(n).append(',');
                }
            }
        }
        if (s.length() == before) {
            s.append(" none");
        } else {
            s.setLength(s.length() - 1);
        }
        long skipped = skippedRows.values().stream().mapToLong(Long::longValue).sum();
        s.append("; skipped rows ").append(skipped);
        if (skipped > 0) {
            s.append(" (");
            skippedRows.forEach((k, v) -> s.append(k).append(' ').append(v).append(", "));
            s.setLength(s.length() - 2);
            s.append(')');
        }
        if (cohortCount > 0) {
            s.append("; cohorts ").append(cohortCount).append(" (").append(String.join(" | ", cohorts.subList(0,
                    Math.min(3, cohorts.size())))).append(cohortCount > 3 ? " | ..." : "").append(')');
        }
        notes.forEach(n -> s.append("; ").append(n));
        return s.toString();
    }
}
