package io.linkguard.tickets.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.config.ConfigurationException;
import io.linkguard.config.KnownSettings;
import io.linkguard.tickets.Findings;
import io.linkguard.tickets.TicketOrchestrator;
import io.linkguard.tickets.TicketOutcome;
import io.linkguard.tickets.TicketPolicy;
import io.linkguard.tickets.TicketPort;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TicketSettingsTest {
    private static final String SN_PASSWORD = "sn-Pa55word-visible-nowhere";
    private static final String GH_TOKEN = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB";
    private static final String ADO_PAT = "adopat0123456789abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String WEBHOOK_SECRET = "0123456789abcdef0123456789abcdef-webhook";
    private static final String WEBHOOK_URL = "https://prod-01.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?api-version=2016-10-01&sig=SIGNATUREvalue123456";

    static Map<String, String> all() {
        Map<String, String> m = new HashMap<>();
        m.put("LINKGUARD_TICKET_SINKS", "servicenow, azuredevops,GitHub,webhook");
        m.put("LINKGUARD_TICKET_SERVICENOW_URL", "https://acme.service-now.com");
        m.put("LINKGUARD_TICKET_SERVICENOW_USER", "linkguard.integration");
        m.put("LINKGUARD_TICKET_SERVICENOW_PASSWORD", SN_PASSWORD);
        m.put("LINKGUARD_TICKET_SERVICENOW_ASSIGNMENT_GROUP", "IoT Operations");
        m.put("LINKGUARD_TICKET_AZUREDEVOPS_URL", "https://dev.azure.com/contoso");
        m.put("LINKGUARD_TICKET_AZUREDEVOPS_PROJECT", "Fleet Ops");
        m.put("LINKGUARD_TICKET_AZUREDEVOPS_PAT", ADO_PAT);
        m.put("LINKGUARD_TICKET_GITHUB_REPOSITORY", "contoso/fleet-ops");
        m.put("LINKGUARD_TICKET_GITHUB_TOKEN", GH_TOKEN);
        m.put("LINKGUARD_TICKET_WEBHOOK_URL", WEBHOOK_URL);
        m.put("LINKGUARD_TICKET_WEBHOOK_SECRET", WEBHOOK_SECRET);
        return m;
    }

    private static List<String> problems(Map<String, String> values) {
        try {
            TicketSettings.fromSettings(values);
        } catch (ConfigurationException e) {
            for (String secret : List.of(SN_PASSWORD, GH_TOKEN, ADO_PAT, WEBHOOK_SECRET, WEBHOOK_URL, "SIGNATUREvalue123456")) {
                assertThat(e.getMessage()).doesNotContain(secret);
            }
            return e.problems();
        }
        throw new AssertionError("no ConfigurationException");
    }

    @Test
    void noSinksMeansADisabledPort() {
        TicketSettings s = TicketSettings.fromSettings(Map.of());
        assertThat(s.enabled()).isFalse();
        TicketPort port = TicketPorts.fromSettings(Map.of());
        TicketOutcome o = port.raise(Findings.request(Findings.shared(), "run-1", null));
        assertThat(o.kind()).isEqualTo(TicketOutcome.Kind.DISABLED);
    }

    @Test
    void everySinkConfiguredBuildsAnOrchestratorInTheListedOrder() {
        Map<String, String> m = all();
        m.put("LINKGUARD_TICKET_UPDATE_PERIOD_MINUTES", "360");
        m.put("LINKGUARD_TICKET_REOPEN_POLICY", "NEW");
        m.put("LINKGUARD_TICKET_REOPEN_WINDOW_DAYS", "7");
        m.put("LINKGUARD_TICKET_TIMEOUT_SECONDS", "12");
        m.put("LINKGUARD_TICKET_REQUESTS_PER_MINUTE", "20");
        m.put("LINKGUARD_TICKET_GITHUB_LABELS", "iot, ops ");
        TicketSettings s = TicketSettings.fromSettings(m);
        assertThat(s.sinks()).containsExactly("servicenow", "azuredevops", "github", "webhook");
        assertThat(s.policy()).isEqualTo(new TicketPolicy(Duration.ofHours(6), TicketPolicy.Reopen.NEW, Duration.ofDays(7), 3));
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(s.requestsPerMinute()).isEqualTo(20);
        assertThat(s.gitHub().orElseThrow().labels()).containsExactly("iot", "ops");
        assertThat(s.serviceNow().orElseThrow().fields().assignmentGroup()).isEqualTo("IoT Operations");
        assertThat(s.azureDevOps().orElseThrow().fields().workItemType()).isEqualTo("Issue");
        String text = s.toString();
        for (String secret : List.of(SN_PASSWORD, GH_TOKEN, ADO_PAT, WEBHOOK_SECRET, "SIGNATUREvalue123456")) {
            assertThat(text).doesNotContain(secret);
        }
        TicketPort port = TicketPorts.builder(s).build();
        assertThat(port).isInstanceOf(TicketOrchestrator.class);
        assertThat(((TicketOrchestrator) port).sinkNames()).containsExactly("servicenow", "azuredevops", "github", "webhook");
    }

    @Test
    void anEnabledSinkWithoutItsUrlOrCredentialIsNamed() {
        assertThat(problems(Map.of("LINKGUARD_TICKET_SINKS", "servicenow,github,azuredevops,webhook"))).containsExactlyInAnyOrder(
                "LINKGUARD_TICKET_SERVICENOW_URL: missing; expected the instance URL, e.g. https://acme.service-now.com",
                "LINKGUARD_TICKET_SERVICENOW_USER: missing; expected the ServiceNow user for Basic auth (LINKGUARD_TICKET_SERVICENOW_AUTH=basic)",
                "LINKGUARD_TICKET_SERVICENOW_PASSWORD: missing; expected that user's password (LINKGUARD_TICKET_SERVICENOW_AUTH=basic)",
                "LINKGUARD_TICKET_GITHUB_REPOSITORY: missing; expected owner/name of the repository",
                "LINKGUARD_TICKET_GITHUB_TOKEN: missing; expected a token with Issues: read and write on the repository",
                "LINKGUARD_TICKET_AZUREDEVOPS_URL: missing; expected the organization URL, e.g. https://dev.azure.com/contoso",
                "LINKGUARD_TICKET_AZUREDEVOPS_PROJECT: missing; expected the project name",
                "LINKGUARD_TICKET_AZUREDEVOPS_PAT: missing; expected a personal access token with Work Items (Read & write) (LINKGUARD_TICKET_AZUREDEVOPS_AUTH=pat)",
                "LINKGUARD_TICKET_WEBHOOK_URL: missing; expected the https URL that receives the events",
                "LINKGUARD_TICKET_WEBHOOK_SECRET: missing; expected a shared secret of at least 32 characters");
    }

    @Test
    void oauthAndEntraNeedTheirOwnSettings() {
        Map<String, String> m = new HashMap<>(Map.of("LINKGUARD_TICKET_SINKS", "servicenow,azuredevops",
                "LINKGUARD_TICKET_SERVICENOW_URL", "https://acme.service-now.com", "LINKGUARD_TICKET_SERVICENOW_AUTH", "oauth",
                "LINKGUARD_TICKET_AZUREDEVOPS_URL", "https://dev.azure.com/contoso", "LINKGUARD_TICKET_AZUREDEVOPS_PROJECT", "Fleet",
                "LINKGUARD_TICKET_AZUREDEVOPS_AUTH", "entra"));
        assertThat(problems(m)).containsExactlyInAnyOrder(
                "LINKGUARD_TICKET_SERVICENOW_CLIENT_ID: missing; expected the OAuth application's client id (LINKGUARD_TICKET_SERVICENOW_AUTH=oauth)",
                "LINKGUARD_TICKET_SERVICENOW_CLIENT_SECRET: missing; expected the OAuth application's client secret (LINKGUARD_TICKET_SERVICENOW_AUTH=oauth)");
        m.put("LINKGUARD_TICKET_SERVICENOW_CLIENT_ID", "abc");
        m.put("LINKGUARD_TICKET_SERVICENOW_CLIENT_SECRET", "client-secret-value");
        m.put("LINKGUARD_TICKET_AZUREDEVOPS_CLIENT_ID", "00000000-0000-0000-0000-000000000001");
        TicketSettings s = TicketSettings.fromSettings(m);
        assertThat(s.serviceNow().orElseThrow().oauth()).isTrue();
        assertThat(s.azureDevOps().orElseThrow().pat()).isNull();
        assertThat(s.azureDevOps().orElseThrow().managedIdentityClientId()).isEqualTo("00000000-0000-0000-0000-000000000001");
    }

    @Test
    void badValuesAreNamedWithoutShowingSecrets() {
        Map<String, String> m = all();
        m.put("LINKGUARD_TICKET_SINKS", "servicenow,jira,github,github,webhook,azuredevops");
        m.put("LINKGUARD_TICKET_WEBHOOK_URL", "http://hooks.example.com/x?sig=SIGNATUREvalue123456");
        m.put("LINKGUARD_TICKET_WEBHOOK_SECRET", "short");
        m.put("LINKGUARD_TICKET_SERVICENOW_URL", "acme.service-now.com");
        m.put("LINKGUARD_TICKET_GITHUB_REPOSITORY", "fleet-ops");
        m.put("LINKGUARD_TICKET_AZUREDEVOPS_PAT", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/ado-pat/)");
        m.put("LINKGUARD_TICKET_REOPEN_POLICY", "sometimes");
        m.put("LINKGUARD_TICKET_SERVICENOW_URGENCY", "5");
        m.put("LINKGUARD_TICKET_GITHUB_TOKN", "typo");
        List<String> p = problems(m);
        assertThat(p).anyMatch(s -> s.startsWith("LINKGUARD_TICKET_SINKS: unknown sink 'jira'; expected a comma-separated list of azuredevops, github, servicenow, webhook"));
        assertThat(p).contains("LINKGUARD_TICKET_SINKS: sink 'github' listed twice");
        assertThat(p).contains("LINKGUARD_TICKET_WEBHOOK_URL: expected an https:// URL (value not shown: URLs can carry secrets)");
        assertThat(p).contains("LINKGUARD_TICKET_SERVICENOW_URL: expected an https:// URL (value not shown: URLs can carry secrets)");
        assertThat(p).anyMatch(s -> s.startsWith("LINKGUARD_TICKET_WEBHOOK_SECRET: too short: use at least 32 random characters"));
        assertThat(p).contains("LINKGUARD_TICKET_GITHUB_REPOSITORY: expected owner/name, got 'fleet-ops'");
        assertThat(p).anyMatch(s -> s.startsWith("LINKGUARD_TICKET_AZUREDEVOPS_PAT: still a Key Vault reference"));
        assertThat(p).contains("LINKGUARD_TICKET_REOPEN_POLICY: expected one of new, reopen, got 'sometimes'");
        assertThat(p).contains("LINKGUARD_TICKET_SERVICENOW_URGENCY: expected a whole number from 1 to 3, got '5'");
        assertThat(p).anyMatch(s -> s.startsWith("LINKGUARD_TICKET_GITHUB_TOKN: not a LinkGuard setting"));
        assertThat(p).noneMatch(s -> s.contains("short,") || s.contains("'short'"));
    }

    @Test
    void everyTicketSettingIsKnown() {
        assertThat(KnownSettings.all()).containsAll(TicketSettings.NAMES);
        assertThat(TicketSettings.NAMES).allMatch(n -> n.startsWith("LINKGUARD_TICKET_"));
    }
}
