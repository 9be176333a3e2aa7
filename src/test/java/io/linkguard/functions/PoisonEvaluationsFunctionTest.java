package io.linkguard.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.bench.Azurite;
import io.linkguard.evidence.Identity;
import io.linkguard.pipeline.EvaluationRequest;
import io.linkguard.pipeline.EvaluationRequests;
import io.linkguard.pipeline.RunRecord;
import io.linkguard.pipeline.RunStatus;
import io.linkguard.pipeline.RunTrigger;
import io.linkguard.state.AzuriteExtension;
import io.linkguard.state.AzuriteQueue;
import io.linkguard.telemetry.RunMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the worker cannot use: a message the host gave up on, and one that is not an evaluation request. */
@ExtendWith(AzuriteExtension.class)
class PoisonEvaluationsFunctionTest {
    private FunctionsFixture fx;
    private LinkGuardRuntime runtime;

    @BeforeEach
    void start(Azurite azurite, AzuriteQueue queues) {
        fx = new FunctionsFixture(azurite, queues);
        runtime = fx.runtime();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aPoisonMessageIsRecordedAsFailedUnderItsRunIdAndCounted() {
        EvaluationRequest request = runtime.pipeline().request(RunTrigger.ALERT, "inv-1",
                List.of(new Identity("hub-a-77", "dev-1", null)), "alert 'r'");
        runtime.pipeline().queued(request);
        TestContext context = new TestContext("PoisonEvaluations", "inv-poison");
        new PoisonEvaluationsFunction(() -> runtime).run(EvaluationRequests.toJson(request), context);

        RunRecord run = runtime.ledger().recent(5).get(0);
        assertThat(runtime.ledger().recent(5)).hasSize(1);
        assertThat(run.runId()).isEqualTo(request.runId());
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).contains("maxDequeueCount");
        assertThat(context.line("evaluation.poison")).startsWith("SEVERE").contains("hub-a-77/dev-1");
        assertThat(fx.telemetry.sum(RunMetrics.EVALUATIONS, Map.of("decision", "poison"))).isEqualTo(1.0);
        assertThat(fx.queries()).isEmpty();
    }

    @Test
    void anUnreadableMessageIsLoggedCountedAndNotRetried() {
        TestContext context = new TestContext("EvaluationWorker", "inv-junk");
        new EvaluationWorkerFunction(() -> runtime).run("{\"v\":1,\"runId\":\"x\"\n}", 1, context);
        assertThat(context.line("evaluation.unreadable")).contains("unknown trigger");
        assertThat(fx.telemetry.sum(RunMetrics.EVALUATIONS, Map.of("decision", "unreadable"))).isEqualTo(1.0);
        assertThat(fx.queries()).isEmpty();
    }
}
