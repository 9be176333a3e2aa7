package io.linkguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.functions.LinkGuardConfig;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionSettingsTest {
    static final String HUB_A = "/subscriptions/0a1b2c3d-1111-2222-3333-444455556666/resourceGroups/rg-iot/providers/Microsoft.Devices/IotHubs/Hub-A";
    static final String HUB_B = "/subscriptions/0a1b2c3d-1111-2222-3333-444455556666/resourceGroups/rg.iot_2/providers/microsoft.devices/iothubs/hub-b";

    static Map<String, String> minimal() {
        Map<String, String> m = new HashMap<>();
        m.put("LINKGUARD_WORKSPACE_ID", "11111111-2222-3333-4444-555555555555");
        m.put("LINKGUARD_HUB_RESOURCE_IDS", HUB_A + ", " + HUB_B);
        m.put("LINKGUARD_SCHEDULE", "0 */5 * * * *");
        m.put("AzureWebJobsStorage", "UseDevelopmentStorage=true");
        return m;
    }

    @Test
    void minimalSettingsGiveTheDocumentedDefaults() {
        LinkGuardConfig config = LinkGuardConfig.fromSettings(minimal());
        FunctionSettings f = config.functions();
        assertThat(config.analysis()).isEqualTo(AnalysisSettings.DEFAULTS);
        assertThat(f.hubNames()).containsExactly("hub-a", "hub-b");
        assertThat(f.hubs().get(0).id()).isEqualTo(HUB_A);
        assertThat(f.overlap()).isEqualTo(Duration.ofMinutes(15));
        assertThat(f.lookback()).isEqualTo(Duration.ofHours(24));
        assertThat(f.maxCatchUp()).isEqualTo(Duration.ofHours(6));
        assertThat(f.leaseDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(f.flaps().threshold()).isEqualTo(5);
        assertThat(f.alertMaxIdentities()).isEqualTo(50);
        assertThat(f.storage().endpoint()).isEmpty();
        assertThat(f.storage().connectionString()).contains("UseDevelopmentStorage=true");
        assertThat(f.managedIdentityClientId()).isEmpty();
        assertThat(f.logAnalyticsEndpoint()).isEmpty();
    }

    @Test
    void storageByManagedIdentityWinsOverTheConnectionStringAndNeverShowsIt() {
        Map<String, String> m = minimal();
        m.put("AzureWebJobsStorage", "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=c2VjcmV0");
        m.put("AzureWebJobsStorage__accountName", "lgstate01");
        m.put("AZURE_CLIENT_ID", "99999999-8888-7777-6666-555555555555");
        FunctionSettings f = LinkGuardConfig.fromSettings(m).functions();
        assertThat(f.storage().endpoint()).contains(URI.create("https://lgstate01.table.core.windows.net"));
        assertThat(f.managedIdentityClientId()).contains("99999999-8888-7777-6666-555555555555");

        m.put("LINKGUARD_TABLE_ENDPOINT", "https://other.table.core.windows.net");
        assertThat(LinkGuardConfig.fromSettings(m).functions().storage().describe())
                .isEqualTo("https://other.table.core.windows.net (managed identity, from LINKGUARD_TABLE_ENDPOINT)");

        m.remove("LINKGUARD_TABLE_ENDPOINT");
        m.remove("AzureWebJobsStorage__accountName");
        assertThat(LinkGuardConfig.fromSettings(m).functions().storage().toString()).doesNotContain("c2VjcmV0")
                .contains("connection string from AzureWebJobsStorage");
    }

    @Test
    void theHostsTableServiceUriIsUsedWhenHttps() {
        Map<String, String> m = minimal();
        m.put("AzureWebJobsStorage__tableServiceUri", "https://lgstate01.table.core.windows.net");
        assertThat(LinkGuardConfig.fromSettings(m).functions().storage().describe())
                .isEqualTo("https://lgstate01.table.core.windows.net (managed identity, from AzureWebJobsStorage__tableServiceUri)");

        m.put("AzureWebJobsStorage__tableServiceUri", "http://lgstate01.table.core.windows.net");
        assertThatThrownBy(() -> LinkGuardConfig.fromSettings(m)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.problems()).containsExactly(
                        "AzureWebJobsStorage__tableServiceUri: expected an https:// URL (value not shown: URLs can carry secrets)"));
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        Map<String, String> m = new HashMap<>();
        m.put("LINKGUARD_WORKSPACE_ID", "/subscriptions/x/workspaces/w");
        m.put("LINKGUARD_HUB_RESOURCE_IDS", HUB_A + ",/subscriptions/0a1b2c3d-1111-2222-3333-444455556666/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/s," + HUB_A.toLowerCase());
        m.put("LINKGUARD_SCHEDULE", "*/10 * * * * *");
        m.put("LINKGUARD_LOOKBACK_HOURS", "4");
        m.put("LINKGUARD_MAX_CATCH_UP_HOURS", "12");
        m.put("LINKGUARD_FLAP_THRESHOLD", "1");
        m.put("LINKGUARD_LOG_ANALYTICS_ENDPOINT", "http://api.loganalytics.io/v1");
        m.put("AZURE_CLIENT_ID", "my-identity");
        m.put("LINKGUARD_FLAP_TRESHOLD", "3");
        assertThatThrownBy(() -> LinkGuardConfig.fromSettings(m)).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("LINKGUARD_WORKSPACE_ID: expected a GUID"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("LINKGUARD_HUB_RESOURCE_IDS: '/subscriptions/")
                    .contains("Microsoft.Storage/storageAccounts/s' is not an IoT hub's ARM id"));
            assertThat(e.problems()).contains("LINKGUARD_HUB_RESOURCE_IDS: hub 'hub-a' is listed twice; hub names are unique across Azure");
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("LINKGUARD_SCHEDULE: the seconds field must be one number"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("LINKGUARD_MAX_CATCH_UP_HOURS: must not exceed LINKGUARD_LOOKBACK_HOURS (4)"));
            assertThat(e.problems()).contains("LINKGUARD_FLAP_THRESHOLD: expected a whole number from 2 to 1000, got '1'");
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("LINKGUARD_LOG_ANALYTICS_ENDPOINT: expected an https:// URL"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("AZURE_CLIENT_ID: expected the client id (a GUID)"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("LINKGUARD_FLAP_TRESHOLD: not a LinkGuard setting"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("LINKGUARD_TABLE_ENDPOINT: missing;")
                    .contains("AzureWebJobsStorage"));
            assertThat(e.problems()).hasSize(10);
        });
    }

    @Test
    void missingRequiredSettingsSayWhatIsExpected() {
        assertThatThrownBy(() -> LinkGuardConfig.fromSettings(Map.of("AzureWebJobsStorage", "UseDevelopmentStorage=true")))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
                        "LINKGUARD_WORKSPACE_ID: missing; expected the Log Analytics workspace id (a GUID, the workspace's 'Workspace ID')",
                        "LINKGUARD_HUB_RESOURCE_IDS: missing; expected the ARM ids of the IoT hubs to watch, comma-separated "
                                + "(/subscriptions/{id}/resourceGroups/{group}/providers/Microsoft.Devices/IotHubs/{name})",
                        "LINKGUARD_SCHEDULE: missing; expected the timer's NCRONTAB expression with six fields, e.g. '0 */5 * * * *' "
                                + "(the timer trigger reads it as %LINKGUARD_SCHEDULE%)"));
    }

    @Test
    void scheduleNeedsSixFields() {
        Map<String, String> m = minimal();
        m.put("LINKGUARD_SCHEDULE", "*/5 * * * *");
        assertThatThrownBy(() -> LinkGuardConfig.fromSettings(m)).hasMessageContaining(
                "LINKGUARD_SCHEDULE: expected an NCRONTAB expression with six fields");
    }

    @Test
    void hubResourceIds() {
        assertThat(HubResourceId.parse(HUB_B)).hasValueSatisfying(h -> {
            assertThat(h.hub()).isEqualTo("hub-b");
            assertThat(h.resourceGroup()).isEqualTo("rg.iot_2");
        });
        assertThat(HubResourceId.parse(HUB_A.replace("Hub-A", "-hub"))).isEmpty();
        assertThat(HubResourceId.parse(HUB_A + "/extra")).isEmpty();
        assertThat(HubResourceId.parse(HUB_A.replace("rg-iot", "rg\"x"))).isEmpty();
        assertThat(io.linkguard.evidence.HubNames.isValid("hub-a")).isTrue();
        assertThat(io.linkguard.evidence.HubNames.isValid("Hub-A")).isFalse();
    }

    @Test
    void aLeaseShorterThanTheHostsFunctionTimeoutIsRefusedNamingBoth(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root)
            throws Exception {
        java.nio.file.Files.writeString(root.resolve("host.json"), "{\"version\":\"2.0\",\"functionTimeout\":\"00:30:00\"}");
        Map<String, String> m = minimal();
        m.put("AzureWebJobsScriptRoot", root.toString());
        m.put("LINKGUARD_LEASE_MINUTES", "10");
        assertThatThrownBy(() -> LinkGuardConfig.fromSettings(m)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p)
                        .startsWith("LINKGUARD_LEASE_MINUTES: 10 min is shorter than the host's functionTimeout (PT30M from ")
                        .contains("host.json functionTimeout").endsWith("set at least 30")));
        m.put("LINKGUARD_LEASE_MINUTES", "30");
        assertThat(LinkGuardConfig.fromSettings(m).functions().leaseDuration()).isEqualTo(Duration.ofMinutes(30));

        m.put("AzureFunctionsJobHost__functionTimeout", "01:00:00");
        assertThatThrownBy(() -> LinkGuardConfig.fromSettings(m)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p)
                        .contains("from AzureFunctionsJobHost__functionTimeout")));
        m.put("AzureFunctionsJobHost__functionTimeout", "-1");
        assertThat(LinkGuardConfig.fromSettings(m).functions().leaseDuration()).as("unbounded: renewal keeps the lease")
                .isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void theShippedHostJsonAndTheDefaultLeaseAgree() {
        Map<String, String> m = minimal();
        m.put("AzureWebJobsScriptRoot", ".");
        assertThat(LinkGuardConfig.fromSettings(m).functions().leaseDuration()).isEqualTo(Duration.ofMinutes(10));
    }
}
