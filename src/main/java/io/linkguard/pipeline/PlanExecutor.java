package io.linkguard.pipeline;

import io.linkguard.plan.Plan;

/**
 * Where a run's plan goes after detection and classification. {@link ReportOnlyExecutor} (observe mode)
 * only reports; remediation's executor acts on the hub and ticket systems. The plan given here holds only
 * identities this run may act on: identities another run is acting on at the same moment are left out.
 */
public interface PlanExecutor {

    /**
     * Carries out (or reports) the plan's actions. Never throws for a hub's or ticket system's answer: those
     * are {@link ActionOutcome#FAILED} outcomes. A plan whose {@code input().incompleteBecause()} is set was
     * made from partial evidence.
     */
    ExecutionSummary execute(Plan plan, RunContext run);

    /** True when {@link #execute} writes anywhere: the pipeline then holds a lease on every identity it acts on. */
    boolean writes();

    /** The mode label for the ledger and logs: {@code observe}, {@code dry-run} or {@code enforce}. */
    String mode();
}
