package io.linkguard.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import io.linkguard.bench.Azurite;
import io.linkguard.state.AzuriteExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /api/health tells an operator whether LinkGuard works, not how the deployment is built. */
@ExtendWith(AzuriteExtension.class)
class HealthDisclosureTest {
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

    private String body(HttpResponseMessage r) {
        return (String) r.getBody();
    }

    @Test
    void aHealthyAnswerNamesNoWorkspaceHubStorageOrSchedule() throws Exception {
        LinkGuardRuntime runtime = fx.runtime();
        String body = body(new HealthFunction(() -> runtime).run(new FakeHttpRequest(HttpMethod.GET, null),
                new TestContext("Health", "inv-h")));
        assertThat(body).doesNotContain(FunctionsFixture.WORKSPACE).doesNotContain("hub-a-77").doesNotContain("subscriptions")
                .doesNotContain("AzureWebJobsStorage").doesNotContain("127.0.0.1").doesNotContain("*/5")
                .contains("\"status\":\"ok\"").contains("\"hubs\":2");
    }

    @Test
    void anUnreachableStorageIsReportedWithoutItsEndpointOrException() throws Exception {
        Map<String, String> settings = fx.settings();
        settings.put("AzureWebJobsStorage", fx.azurite.connectionString().replace(":" + fx.azurite.port() + "/", ":1/"));
        LinkGuardRuntime runtime = fx.runtime(settings, null);
        TestContext context = new TestContext("Health", "inv-down");
        HttpResponseMessage r = new HealthFunction(() -> runtime).run(new FakeHttpRequest(HttpMethod.GET, null), context);
        assertThat(r.getStatusCode()).isEqualTo(503);
        assertThat(body(r)).isEqualTo("{\"status\":\"storage-unreachable\"}");
        assertThat(context.line("health.storage")).contains("state storage unreachable");
    }

    @Test
    void aMisconfigurationNamesTheSettingsNotTheirValues() throws Exception {
        Map<String, String> settings = fx.settings();
        settings.put("LINKGUARD_HUB_RESOURCE_IDS", "/subscriptions/secret-sub/resourceGroups/rg-private/providers/x");
        settings.put("AZURE_CLIENT_ID", "not-a-guid-but-a-leak");
        Runtimes.reset(() -> LinkGuardRuntime.fromEnvironment(settings));
        TestContext context = new TestContext("Health", "inv-bad");
        HttpResponseMessage r = new HealthFunction().run(new FakeHttpRequest(HttpMethod.GET, null), context);
        assertThat(r.getStatusCode()).isEqualTo(500);
        assertThat(body(r)).contains("misconfigured").contains("LINKGUARD_HUB_RESOURCE_IDS").contains("AZURE_CLIENT_ID")
                .doesNotContain("secret-sub").doesNotContain("rg-private").doesNotContain("leak");
        assertThat(context.line("config.invalid")).contains("LINKGUARD_HUB_RESOURCE_IDS");
    }
}
