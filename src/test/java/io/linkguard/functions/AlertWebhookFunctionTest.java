package io.linkguard.functions;

import static io.linkguard.alerts.Alerts.dim;
import static io.linkguard.alerts.Alerts.dims;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import io.linkguard.alerts.Alerts;
import io.linkguard.classification.Classification;
import io.linkguard.config.AnalysisSettings;
import io.linkguard.evidence.Identity;
import io.linkguard.pipeline.RunRecord;
import io.linkguard.pipeline.RunTrigger;
import io.linkguard.plan.Analyzer;
import io.linkguard.bench.Azurite;
import io.linkguard.state.AzuriteExtension;
import io.linkguard.state.AzuriteQueue;
import io.linkguard.pipeline.RunStatus;
import io.linkguard.telemetry.RunMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AzuriteExtension.class)
class AlertWebhookFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private FunctionsFixture fx;
    private LinkGuardRuntime runtime;
    private Identity shared;

    @BeforeEach
    void start(Azurite azurite, AzuriteQueue queues) {
        fx = new FunctionsFixture(azurite, queues);
        runtime = fx.runtime();
        shared = new Analyzer(AnalysisSettings.DEFAULTS).analyze(FunctionsFixture.FLEET).findings().stream()
                .filter(f -> f.verdict().classification() == Classification.SHARED_IDENTITY && f.identity().moduleId() == null)
                .findFirst().orElseThrow().identity();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private HttpResponseMessage post(String body, TestContext context) {
        return new AlertWebhookFunction(() -> runtime).run(new FakeHttpRequest(HttpMethod.POST, body), context);
    }

    private static JsonNode json(HttpResponseMessage response) throws Exception {
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        return JSON.readTree((String) response.getBody());
    }

    @Test
    void anAlertSplitByDeviceIsQueuedAnsweredWithItsRunIdAndEvaluatedByTheWorker() throws Exception {
        TestContext context = new TestContext("AlertWebhook", "inv-alert");
        HttpResponseMessage response = post(Alerts.logAlert("Fired", List.of(
                dims(dim("deviceId", shared.deviceId()), dim("_ResourceId", FunctionsFixture.SUBSCRIPTION + shared.hub())))), context);
        assertThat(response.getStatusCode()).isEqualTo(202);
        JsonNode body = json(response);
        assertThat(body.path("status").asText()).isEqualTo("queued");
        assertThat(body.path("identities").asInt()).isEqualTo(1);
        String runId = body.path("runId").asText();
        assertThat(fx.queries()).as("the answer does not wait for the evaluation").isEmpty();
        RunRecord queued = runtime.ledger().recent(1).get(0);
        assertThat(queued.runId()).isEqualTo(runId);
        assertThat(queued.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(queued.targets()).isEqualTo(1);
        assertThat(context.line("evaluation.queued")).contains("runId=" + runId);

        assertThat(fx.runWorker(runtime)).isEqualTo(1);
        List<RunRecord> runs = runtime.ledger().recent(5);
        assertThat(runs).as("the worker's row replaced the queued one").hasSize(1);
        RunRecord run = runs.get(0);
        assertThat(run.runId()).isEqualTo(runId);
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.trigger()).isEqualTo(RunTrigger.ALERT);
        assertThat(run.identities().get(Classification.SHARED_IDENTITY)).isEqualTo(1);
        assertThat(run.notes()).anySatisfy(n -> assertThat(n).contains("alert 'linkguard-409002-by-device"));
        assertThat(fx.queries().get(0)).contains("let _hubs = dynamic([\\\"" + shared.hub() + "\\\"]);");
        assertThat(fx.telemetry.sum(RunMetrics.ALERT_IDENTITIES, Map.of("outcome", "accepted"))).isEqualTo(1.0);
        assertThat(fx.runWorker(runtime)).as("the message was consumed").isZero();
    }

    @Test
    void requestsBeyondThePerMinuteBoundGet429WithRetryAfter() throws Exception {
        Map<String, String> settings = fx.settings();
        settings.put("LINKGUARD_ALERT_MAX_REQUESTS_PER_MINUTE", "2");
        runtime = fx.runtime(settings, null);
        String alert = Alerts.logAlert("Fired", List.of(dims(dim("deviceId", "dev-1"), dim("hub", "hub-a-77"))));
        TestContext context = new TestContext("AlertWebhook", "inv-flood");
        assertThat(post(alert, context).getStatusCode()).isEqualTo(202);
        assertThat(post(alert, context).getStatusCode()).isEqualTo(202);
        HttpResponseMessage refused = post(alert, context);
        assertThat(refused.getStatusCode()).isEqualTo(429);
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 60L);
        assertThat(context.line("alert.refused")).contains("LINKGUARD_ALERT_MAX_REQUESTS_PER_MINUTE");
        assertThat(fx.runWorker(runtime)).as("only the accepted two were queued").isEqualTo(2);

        fx.clock.advance(java.time.Duration.ofMinutes(1));
        assertThat(post(alert, context).getStatusCode()).as("a new minute").isEqualTo(202);
    }

    @Test
    void anAlertRuleNameCannotForgeLogLines() throws Exception {
        String forged = Alerts.logAlert("Fired", List.of(dims(dim("deviceId", "dev-1"), dim("hub", "hub-a-77"))))
                .replace("linkguard-409002-by-device", "x\\r\\nlinkguard run.summary status=completed\\u2028y");
        TestContext context = new TestContext("AlertWebhook", "inv-forge");
        assertThat(post(forged, context).getStatusCode()).isEqualTo(202);
        assertThat(context.lines()).allSatisfy(line -> assertThat(line).doesNotContain("\r").doesNotContain("\n")
                .doesNotContain("\u2028"));
        assertThat(context.line("evaluation.queued")).contains("x\\u000D\\u000Alinkguard run.summary");
    }

    @Test
    void moreDevicesThanTheBoundAreLeftToTheScheduledRunAndSaidSo() throws Exception {
        List<List<String[]>> sets = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sets.add(dims(dim("deviceId", "dev-" + i), dim("hub", "hub-a-77")));
        }
        TestContext context = new TestContext("AlertWebhook", "inv-many");
        JsonNode body = json(post(Alerts.logAlert("Fired", sets), context));
        assertThat(body.path("identities").asInt()).isEqualTo(5);
        assertThat(body.path("truncated").asInt()).isEqualTo(3);
        assertThat(context.line("alert.truncated")).contains("named 3 more devices than LINKGUARD_ALERT_MAX_IDENTITIES");
    }

    @Test
    void badPayloadsGet400WithTheReasonAndNoQuery() throws Exception {
        TestContext context = new TestContext("AlertWebhook", "inv-bad");
        HttpResponseMessage response = post(Alerts.logAlert("Fired", List.of(dims(dim("deviceId", "x\"); drop")))), context);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).contains("deviceId 'x\"); drop' is not a valid IoT Hub id");
        assertThat(post("{}", context).getStatusCode()).isEqualTo(400);
        assertThat(post(null, context).getStatusCode()).isEqualTo(400);
        assertThat(fx.queries()).isEmpty();
        assertThat(fx.telemetry.sum(RunMetrics.ALERT_IDENTITIES, Map.of("outcome", "rejected"))).isZero();
        assertThat(fx.telemetry.metrics()).filteredOn(m -> "rejected".equals(m.dimensions().get("outcome"))).hasSize(3);
    }

    @Test
    void aResolvedAlertEvaluatesNothing() throws Exception {
        HttpResponseMessage response = post(Alerts.logAlert("Resolved", List.of(dims(dim("deviceId", "dev-1")))),
                new TestContext("AlertWebhook", "inv-res"));
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("resolved");
        assertThat(fx.queries()).isEmpty();
    }

    @Test
    void aFailedEvaluationFailsTheWorkerSoTheQueueDeliversItAgain() throws Exception {
        fx.failQueries(429, "{\"error\":{\"code\":\"ThrottledError\",\"message\":\"slow down\"}}");
        HttpResponseMessage response = post(Alerts.logAlert("Fired", List.of(dims(dim("deviceId", "dev-1")))),
                new TestContext("AlertWebhook", "inv-503"));
        assertThat(response.getStatusCode()).as("accepted: the evaluation is the worker's").isEqualTo(202);
        String runId = json(response).path("runId").asText();
        assertThat(fx.runWorker(runtime)).isEqualTo(1);
        assertThat(fx.queries()).hasSize(5).as("the first attempt and 4 retries");
        assertThat(runtime.ledger().recent(1).get(0)).satisfies(r -> {
            assertThat(r.runId()).isEqualTo(runId);
            assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        });
        Thread.sleep(1500);
        fx.stubFleet();
        assertThat(fx.runWorker(runtime)).as("delivered again after the visibility timeout").isEqualTo(1);
        assertThat(runtime.ledger().recent(1).get(0).status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void theWebhookAnswers503WhenTheQueueIsUnreachable() throws Exception {
        Map<String, String> settings = fx.settings();
        settings.put("AzureWebJobsStorage", fx.azurite.connectionString() + "QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;");
        runtime = fx.runtime(settings, null);
        TestContext context = new TestContext("AlertWebhook", "inv-noqueue");
        long started = System.nanoTime();
        HttpResponseMessage response = post(Alerts.logAlert("Fired", List.of(dims(dim("deviceId", "dev-1")))), context);
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat((System.nanoTime() - started) / 1_000_000).as("short queue retries: within an action group's 10 s")
                .isLessThan(10_000);
        assertThat(context.line("evaluation.not-queued")).contains("not queued");
        assertThat(runtime.ledger().recent(1).get(0).status()).as("recorded, not lost silently").isEqualTo(RunStatus.FAILED);
    }

    @Test
    void theAnswerDoesNotWaitForASlowEvaluation() throws Exception {
        fx.logAnalytics.resetAll();
        fx.logAnalytics.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(FunctionsFixture.QUERY_PATH))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withFixedDelay(8_000).withStatus(500)));
        String alert = Alerts.logAlert("Fired", List.of(dims(dim("deviceId", shared.deviceId()), dim("hub", shared.hub()))));
        post(alert, new TestContext("AlertWebhook", "inv-warm"));
        long started = System.nanoTime();
        HttpResponseMessage response = post(alert, new TestContext("AlertWebhook", "inv-slow"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(millis).as("answered without the evaluation (each query takes 8 s); generous bound under load")
                .isLessThan(4_000);
        assertThat(fx.logAnalytics.getAllServeEvents()).isEmpty();
    }
}
