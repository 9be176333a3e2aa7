package io.linkguard.pipeline;

import io.linkguard.evidence.Identity;
import io.linkguard.plan.Action;
import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A writing executor that records which identities it acted on, and can be held inside execute(). */
public final class RecordingExecutor implements PlanExecutor {
    public final List<Identity> actedOn = new ArrayList<>();
    public final List<String> runIds = new ArrayList<>();
    public final List<Plan> plans = new ArrayList<>();
    public volatile CountDownLatch entered = new CountDownLatch(0);
    public volatile CountDownLatch proceed = new CountDownLatch(0);

    @Override
    public ExecutionSummary execute(Plan plan, RunContext run) {
        entered.countDown();
        try {
            proceed.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ExecutionSummary.Builder b = new ExecutionSummary.Builder();
        synchronized (this) {
            runIds.add(run.runId());
            plans.add(plan);
            for (Finding f : plan.findings()) {
                if (!f.actions().isEmpty()) {
                    actedOn.add(f.identity());
                }
                for (Action a : f.actions()) {
                    b.add(a, ActionOutcome.DONE, 1);
                }
            }
        }
        return b.waited(Duration.ofMillis(5)).build();
    }

    @Override
    public boolean writes() {
        return true;
    }

    @Override
    public String mode() {
        return "enforce";
    }
}
