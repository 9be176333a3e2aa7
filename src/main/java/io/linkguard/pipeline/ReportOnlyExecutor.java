package io.linkguard.pipeline;

import io.linkguard.plan.Action;
import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import java.time.Duration;

/** Observe mode: every planned action is reported as {@link ActionOutcome#PLANNED}; nothing is written. */
public final class ReportOnlyExecutor implements PlanExecutor {

    @Override
    public ExecutionSummary execute(Plan plan, RunContext run) {
        ExecutionSummary.Builder b = new ExecutionSummary.Builder();
        for (Finding f : plan.findings()) {
            for (Action a : f.actions()) {
                b.add(a, ActionOutcome.PLANNED, 1);
            }
        }
        return b.waited(Duration.ZERO).build();
    }

    @Override
    public boolean writes() {
        return false;
    }

    @Override
    public String mode() {
        return "observe";
    }
}
