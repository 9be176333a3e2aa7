package io.linkguard.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.config.AnalysisSettings;
import io.linkguard.plan.Analyzer;
import io.linkguard.bench.Azurite;
import io.linkguard.classification.Classification;
import io.linkguard.evidence.Identity;
import io.linkguard.pipeline.ActionOutcome;
import io.linkguard.pipeline.EvaluationRequest;
import io.linkguard.pipeline.EvaluationRequests;
import io.linkguard.pipeline.ExecutionSummary;
import io.linkguard.pipeline.PlanExecutor;
import io.linkguard.pipeline.RunContext;
import io.linkguard.pipeline.RunRecord;
import io.linkguard.pipeline.RunStatus;
import io.linkguard.pipeline.RunTrigger;
import io.linkguard.plan.Plan;
import io.linkguard.state.AzuriteExtension;
import io.linkguard.state.AzuriteQueue;
import io.linkguard.telemetry.RunMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A queued targeted evaluation whose hub another run keeps (its writer lease) is not consumed as incomplete: the
 * worker fails the invocation so the queue (Azurite, played as the host does: a failed message becomes visible
 * again) delivers it again, and the run's one ledger row says it is waiting, then what the retry did.
 */
@ExtendWith(AzuriteExtension.class)
class EvaluationWorkerRetryTest {
    private FunctionsFixture fx;
    private Identity shared;
    private final AtomicInteger busyAttempts = new AtomicInteger();
    private final List<String> executedRuns = new ArrayList<>();

    @BeforeEach
    void start(Azurite azurite, AzuriteQueue queues) {
        fx = new FunctionsFixture(azurite, queues);
        shared = new Analyzer(AnalysisSettings.DEFAULTS).analyze(FunctionsFixture.FLEET).findings().stream()
                .filter(f -> f.verdict().classification() == Classification.SHARED_IDENTITY && f.identity().moduleId() == null)
                .findFirst().orElseThrow().identity();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    /** Reports every hub of the plan as kept by run r-timer for the first {@code busyAttempts} runs, then acts. */
    private final class BusyThenFree implements PlanExecutor {
        @Override
        public ExecutionSummary execute(Plan plan, RunContext run) {
            executedRuns.add(run.runId());
            ExecutionSummary.Builder b = new ExecutionSummary.Builder();
            boolean busy = busyAttempts.getAndDecrement() > 0;
            plan.findings().stream().map(f -> f.identity().hub()).distinct().forEach(hub -> {
                if (busy) {
                    b.busy(hub).unfinished("hub " + hub + " is being remediated by run r-timer (writer lease until later)");
                }
            });
            plan.findings().forEach(f -> f.actions().forEach(a -> b.add(a, busy ? ActionOutcome.DEFERRED : ActionOutcome.DONE, 1)));
            return b.build();
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

    private LinkGuardRuntime runtime() {
        return fx.runtime(fx.settings(), rt -> new BusyThenFree());
    }

    private EvaluationRequest queue(LinkGuardRuntime runtime) {
        EvaluationRequest request = runtime.pipeline().request(RunTrigger.ALERT, "inv-alert", List.of(shared), "alert 'r'");
        runtime.pipeline().queued(request);
        fx.evaluationQueue().createIfNotExists();
        fx.evaluationQueue().sendMessage(EvaluationRequests.toJson(request));
        return request;
    }

    @Test
    void anEvaluationWhoseHubIsBusyIsDeliveredAgainAndRecordedOnce() throws Exception {
        busyAttempts.set(1);
        LinkGuardRuntime runtime = runtime();
        EvaluationRequest request = queue(runtime);

        assertThat(fx.runWorker(runtime)).isEqualTo(1);
        List<RunRecord> rows = runtime.ledger().recent(5);
        assertThat(rows).as("one row per run, replaced, never a second one").singleElement().satisfies(r -> {
            assertThat(r.runId()).isEqualTo(request.runId());
            assertThat(r.status()).isEqualTo(RunStatus.QUEUED);
            assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("is being remediated by run r-timer"))
                    .anySatisfy(n -> assertThat(n).contains("deferred"));
        });
        assertThat(fx.telemetry.sum(RunMetrics.EVALUATIONS, Map.of("decision", "deferred"))).isEqualTo(1.0);
        assertThat(fx.runWorker(runtime)).as("invisible until the visibility timeout").isZero();

        Thread.sleep(1500);
        assertThat(fx.runWorker(runtime)).as("delivered again").isEqualTo(1);
        assertThat(runtime.ledger().recent(5)).singleElement().satisfies(r -> {
            assertThat(r.runId()).isEqualTo(request.runId());
            assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(r.notes()).noneSatisfy(n -> assertThat(n).contains("deferred"));
        });
        assertThat(executedRuns).containsExactly(request.runId(), request.runId());
        Thread.sleep(1500);
        assertThat(fx.runWorker(runtime)).as("consumed once it ran").isZero();
    }

    @Test
    void anEvaluationWhoseHubStaysBusyEndsInThePoisonQueueAsFailed() throws Exception {
        busyAttempts.set(Integer.MAX_VALUE);
        LinkGuardRuntime runtime = runtime();
        EvaluationRequest request = queue(runtime);
        assertThat(fx.runWorker(runtime)).isEqualTo(1);
        assertThat(runtime.ledger().recent(5)).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(RunStatus.QUEUED));

        // What the host does after maxDequeueCount failed deliveries.
        new PoisonEvaluationsFunction(() -> runtime).run(EvaluationRequests.toJson(request),
                new TestContext("PoisonEvaluations", "inv-poison"));
        assertThat(runtime.ledger().recent(5)).singleElement().satisfies(r -> {
            assertThat(r.runId()).isEqualTo(request.runId());
            assertThat(r.status()).isEqualTo(RunStatus.FAILED);
            assertThat(r.error()).contains("maxDequeueCount");
        });
    }
}
