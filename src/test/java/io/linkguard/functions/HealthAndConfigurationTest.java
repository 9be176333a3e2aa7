package io.linkguard.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import io.linkguard.config.ConfigurationException;
import io.linkguard.bench.Azurite;
import io.linkguard.state.AzuriteExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The health endpoint, and what every function does when the app settings are wrong. */
@ExtendWith(AzuriteExtension.class)
class HealthAndConfigurationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private FunctionsFixture fx;

    @BeforeEach
    void start(Azurite azurite) {
        fx = new FunctionsFixture(azurite);
    }

    @AfterEach
    void stop() {
        fx.close();
        Runtimes.reset();
    }

    @Test
    void healthShowsWhatIsWatchedAndTheLastRuns() throws Exception {
        LinkGuardRuntime runtime = fx.runtime();
        new ScheduledRunFunction(() -> runtime).run("{}", new TestContext("ScheduledRun", "inv-1"));
        HttpResponseMessage response = new HealthFunction(() -> runtime).run(new FakeHttpRequest(HttpMethod.GET, null),
                new TestContext("Health", "inv-h"));
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree((String) response.getBody());
        assertThat(body.path("status").asText()).isEqualTo("ok");
        assertThat(body.path("hubs").asInt()).isEqualTo(2);
        assertThat(body.path("watermark").asText()).isEqualTo(fx.clock.instant().toString());
        assertThat(body.path("recentRuns").get(0).asText()).contains("timer/scheduled (observe) completed");
        assertThat(body.has("storage")).isFalse();
    }

    @Test
    void everyFunctionReportsEveryConfigurationProblemAtStartUp() throws Exception {
        Map<String, String> settings = fx.settings();
        settings.remove("LINKGUARD_WORKSPACE_ID");
        settings.put("LINKGUARD_SCHEDULE", "every 5 minutes");
        settings.put("LINKGUARD_FLAP_WINDOW", "10");
        settings.put("AZURE_CLIENT_ID", "not-a-guid");
        Runtimes.reset(() -> LinkGuardRuntime.fromEnvironment(settings));

        TestContext timer = new TestContext("ScheduledRun", "inv-t");
        assertThatThrownBy(() -> new ScheduledRunFunction().run("{}", timer)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.problems()).hasSize(4));
        assertThat(timer.line("config.invalid")).startsWith("SEVERE").contains("LINKGUARD_WORKSPACE_ID: missing")
                .contains("LINKGUARD_SCHEDULE: expected an NCRONTAB expression").contains("LINKGUARD_FLAP_WINDOW: not a LinkGuard setting")
                .contains("AZURE_CLIENT_ID: expected the client id");

        assertThatThrownBy(() -> new ConnectionEventsFunction().run("[]", new TestContext("DeviceConnectionEvents", "inv-e")))
                .isInstanceOf(ConfigurationException.class);

        HttpResponseMessage alert = new AlertWebhookFunction().run(new FakeHttpRequest(HttpMethod.POST, "{}"),
                new TestContext("AlertWebhook", "inv-a"));
        assertThat(alert.getStatusCode()).isEqualTo(500);
        JsonNode alertBody = JSON.readTree((String) alert.getBody());
        assertThat(alertBody.path("status").asText()).isEqualTo("misconfigured");
        assertThat(alertBody.path("problems")).hasSize(4);

        HttpResponseMessage health = new HealthFunction().run(new FakeHttpRequest(HttpMethod.GET, null), new TestContext("Health", "inv-h"));
        assertThat(health.getStatusCode()).isEqualTo(500);
        JsonNode body = JSON.readTree((String) health.getBody());
        assertThat(body.path("status").asText()).isEqualTo("misconfigured");
        assertThat(body.path("settings").toString()).contains("LINKGUARD_WORKSPACE_ID").doesNotContain("missing");

        // Fixed settings (the host restarts the worker on a settings change): the same classes work.
        LinkGuardRuntime fixed = fx.runtime();
        Runtimes.reset(() -> fixed);
        assertThat(new HealthFunction().run(new FakeHttpRequest(HttpMethod.GET, null), new TestContext("Health", "inv-ok"))
                .getStatusCode()).isEqualTo(200);
    }

    @Test
    void healthSaysWhenStateStorageIsUnreachable() throws Exception {
        Map<String, String> settings = fx.settings();
        settings.put("AzureWebJobsStorage", fx.azurite.connectionString().replace(":" + fx.azurite.port() + "/", ":1/"));
        LinkGuardRuntime runtime = fx.runtime(settings, null);
        HttpResponseMessage response = new HealthFunction(() -> runtime).run(new FakeHttpRequest(HttpMethod.GET, null),
                new TestContext("Health", "inv-down"));
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(JSON.readTree((String) response.getBody()).path("status").asText()).isEqualTo("storage-unreachable");
    }
}
