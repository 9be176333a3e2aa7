package io.linkguard.functions;

import static io.linkguard.alerts.Alerts.dim;
import static io.linkguard.alerts.Alerts.dims;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.HttpMethod;
import io.linkguard.alerts.Alerts;
import io.linkguard.classification.Classification;
import io.linkguard.config.AnalysisSettings;
import io.linkguard.evidence.Identity;
import io.linkguard.pipeline.ActionOutcome;
import io.linkguard.pipeline.RecordingExecutor;
import io.linkguard.pipeline.RunRecord;
import io.linkguard.pipeline.RunTrigger;
import io.linkguard.plan.Action;
import io.linkguard.plan.Analyzer;
import io.linkguard.bench.Azurite;
import io.linkguard.state.AzuriteExtension;
import io.linkguard.state.AzuriteQueue;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The timer and an alert touching the same identity at the same moment, on two workers sharing one storage
 * account (two runtimes, one Azurite): the identity is acted on once.
 */
@ExtendWith(AzuriteExtension.class)
class ActOnceAcrossTriggersTest {
    private FunctionsFixture fx;

    @BeforeEach
    void start(Azurite azurite, AzuriteQueue queues) {
        fx = new FunctionsFixture(azurite, queues);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aTimerRunAndAnAlertOnTheSameIdentityActOnce() throws Exception {
        Identity faulty = new Analyzer(AnalysisSettings.DEFAULTS).analyze(FunctionsFixture.FLEET).findings().stream()
                .filter(f -> f.verdict().classification() == Classification.FAULTY_RECONNECT && f.identity().moduleId() == null)
                .findFirst().orElseThrow().identity();
        RecordingExecutor timerExecutor = new RecordingExecutor();
        timerExecutor.entered = new CountDownLatch(1);
        timerExecutor.proceed = new CountDownLatch(1);
        RecordingExecutor alertExecutor = new RecordingExecutor();
        LinkGuardRuntime workerA = fx.runtime(fx.settings(), rt -> timerExecutor);
        LinkGuardRuntime workerB = fx.runtime(fx.settings(), rt -> alertExecutor);

        CompletableFuture<Void> timer = CompletableFuture.runAsync(
                () -> new ScheduledRunFunction(() -> workerA).run("{}", new TestContext("ScheduledRun", "inv-timer")));
        assertThat(timerExecutor.entered.await(30, TimeUnit.SECONDS)).isTrue();

        var response = new AlertWebhookFunction(() -> workerB).run(new FakeHttpRequest(HttpMethod.POST, Alerts.logAlert("Fired",
                List.of(dims(dim("deviceId", faulty.deviceId()), dim("hub", faulty.hub()))))), new TestContext("AlertWebhook", "inv-alert"));
        assertThat(response.getStatusCode()).isEqualTo(202);
        String alertRunId = new ObjectMapper().readTree((String) response.getBody()).path("runId").asText();
        assertThat(fx.runWorker(workerB)).isEqualTo(1);
        timerExecutor.proceed.countDown();
        timer.get(30, TimeUnit.SECONDS);

        assertThat(timerExecutor.actedOn).contains(faulty);
        assertThat(alertExecutor.actedOn).isEmpty();
        List<RunRecord> runs = workerA.ledger().recent(5);
        RunRecord alertRun = runs.stream().filter(r -> r.trigger() == RunTrigger.ALERT).findFirst().orElseThrow();
        assertThat(alertRun.runId()).isEqualTo(alertRunId);
        assertThat(alertRun.line()).contains("backoff deferred 1");
        assertThat(alertRun.execution().count(Action.BACKOFF, ActionOutcome.DEFERRED)).isEqualTo(1);
        RunRecord timerRun = runs.stream().filter(r -> r.trigger() == RunTrigger.TIMER).findFirst().orElseThrow();
        assertThat(timerRun.execution().count(Action.BACKOFF, ActionOutcome.DONE)).isPositive();
    }
}
