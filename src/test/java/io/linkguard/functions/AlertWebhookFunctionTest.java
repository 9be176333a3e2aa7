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
    void start(Azurite azurite) {
        fx = new FunctionsFixture(azurite);
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
    void anAlertSplitByDeviceEvaluatesItsDevices() throws Exception {
        TestContext context = new TestContext("AlertWebhook", "inv-alert");
        HttpResponseMessage response = post(Alerts.logAlert("Fired", List.of(
                dims(dim("deviceId", shared.deviceId()), dim("_ResourceId", FunctionsFixture.SUBSCRIPTION + shared.hub())))), context);
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("status").asText()).isEqualTo("completed");
        assertThat(body.path("identities").asInt()).isEqualTo(1);
        RunRecord run = runtime.ledger().recent(1).get(0);
        assertThat(body.path("runId").asText()).isEqualTo(run.runId());
        assertThat(run.trigger()).isEqualTo(RunTrigger.ALERT);
        assertThat(run.identities().get(Classification.SHARED_IDENTITY)).isEqualTo(1);
        assertThat(fx.queries().get(0)).contains("let _hubs = dynamic([\\\"" + shared.hub() + "\\\"]);");
        assertThat(context.line("run.summary")).contains("invocationId=inv-alert runId=" + run.runId());
        assertThat(fx.telemetry.sum(RunMetrics.ALERT_IDENTITIES, Map.of("outcome", "accepted"))).isEqualTo(1.0);
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
    void aFailedEvaluationAnswers503SoTheActionGroupRetries() throws Exception {
        fx.failQueries(429, "{\"error\":{\"code\":\"ThrottledError\",\"message\":\"slow down\"}}");
        HttpResponseMessage response = post(Alerts.logAlert("Fired", List.of(dims(dim("deviceId", "dev-1")))),
                new TestContext("AlertWebhook", "inv-503"));
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(json(response).path("runId").asText()).startsWith("r-");
        assertThat(fx.queries()).hasSize(5).as("the first attempt and 4 retries");
    }
}
