package io.linkguard.tickets.setup;

import io.linkguard.config.KnownSettings;
import io.linkguard.config.SettingsReader;
import io.linkguard.tickets.Secret;
import io.linkguard.tickets.TicketPolicy;
import io.linkguard.tickets.azuredevops.AzureDevOpsSink;
import io.linkguard.tickets.github.GitHubSink;
import io.linkguard.tickets.http.HttpOptions;
import io.linkguard.tickets.servicenow.ServiceNowSink;
import io.linkguard.tickets.webhook.WebhookSink;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ticket settings (docs/tickets.md): which sinks, the shared policy, and each enabled sink's URL,
 * credential and fields. Read with the shared {@link SettingsReader}, so every problem is named at start-up
 * at once; a sink enabled without its URL or credential fails naming the missing setting. Secrets are
 * held as {@link Secret}, so this record's toString() shows none.
 */
public record TicketSettings(List<String> sinks, TicketPolicy policy, Duration timeout, int requestsPerMinute,
                             Optional<ServiceNow> serviceNow, Optional<AzureDevOps> azureDevOps,
                             Optional<GitHub> gitHub, Optional<Webhook> webhook) {

    public static final String SINKS = "LINKGUARD_TICKET_SINKS";
    public static final String UPDATE_PERIOD_MINUTES = "LINKGUARD_TICKET_UPDATE_PERIOD_MINUTES";
    public static final String REOPEN_POLICY = "LINKGUARD_TICKET_REOPEN_POLICY";
    public static final String REOPEN_WINDOW_DAYS = "LINKGUARD_TICKET_REOPEN_WINDOW_DAYS";
    public static final String TIMEOUT_SECONDS = "LINKGUARD_TICKET_TIMEOUT_SECONDS";
    public static final String REQUESTS_PER_MINUTE = "LINKGUARD_TICKET_REQUESTS_PER_MINUTE";

    public static final String SN_URL = "LINKGUARD_TICKET_SERVICENOW_URL";
    public static final String SN_AUTH = "LINKGUARD_TICKET_SERVICENOW_AUTH";
    public static final String SN_USER = "LINKGUARD_TICKET_SERVICENOW_USER";
    public static final String SN_PASSWORD = "LINKGUARD_TICKET_SERVICENOW_PASSWORD";
    public static final String SN_CLIENT_ID = "LINKGUARD_TICKET_SERVICENOW_CLIENT_ID";
    public static final String SN_CLIENT_SECRET = "LINKGUARD_TICKET_SERVICENOW_CLIENT_SECRET";
    public static final String SN_ASSIGNMENT_GROUP = "LINKGUARD_TICKET_SERVICENOW_ASSIGNMENT_GROUP";
    public static final String SN_URGENCY = "LINKGUARD_TICKET_SERVICENOW_URGENCY";
    public static final String SN_IMPACT = "LINKGUARD_TICKET_SERVICENOW_IMPACT";
    public static final String SN_RESOLVED_STATE = "LINKGUARD_TICKET_SERVICENOW_RESOLVED_STATE";
    public static final String SN_REOPEN_STATE = "LINKGUARD_TICKET_SERVICENOW_REOPEN_STATE";
    public static final String SN_CLOSE_CODE = "LINKGUARD_TICKET_SERVICENOW_CLOSE_CODE";
    public static final String SN_DUPLICATE_CLOSE_CODE = "LINKGUARD_TICKET_SERVICENOW_DUPLICATE_CLOSE_CODE";
    public static final String SN_CLOSE_NOTES = "LINKGUARD_TICKET_SERVICENOW_CLOSE_NOTES";

    public static final String ADO_URL = "LINKGUARD_TICKET_AZUREDEVOPS_URL";
    public static final String ADO_PROJECT = "LINKGUARD_TICKET_AZUREDEVOPS_PROJECT";
    public static final String ADO_AUTH = "LINKGUARD_TICKET_AZUREDEVOPS_AUTH";
    public static final String ADO_PAT = "LINKGUARD_TICKET_AZUREDEVOPS_PAT";
    public static final String ADO_CLIENT_ID = "LINKGUARD_TICKET_AZUREDEVOPS_CLIENT_ID";
    public static final String ADO_TYPE = "LINKGUARD_TICKET_AZUREDEVOPS_TYPE";
    public static final String ADO_CLOSED_STATE = "LINKGUARD_TICKET_AZUREDEVOPS_CLOSED_STATE";
    public static final String ADO_REOPEN_STATE = "LINKGUARD_TICKET_AZUREDEVOPS_REOPEN_STATE";
    public static final String ADO_AREA_PATH = "LINKGUARD_TICKET_AZUREDEVOPS_AREA_PATH";

    public static final String GH_REPOSITORY = "LINKGUARD_TICKET_GITHUB_REPOSITORY";
    public static final String GH_TOKEN = "LINKGUARD_TICKET_GITHUB_TOKEN";
    public static final String GH_API_URL = "LINKGUARD_TICKET_GITHUB_API_URL";
    public static final String GH_LABELS = "LINKGUARD_TICKET_GITHUB_LABELS";

    public static final String WEBHOOK_URL = "LINKGUARD_TICKET_WEBHOOK_URL";
    public static final String WEBHOOK_SECRET = "LINKGUARD_TICKET_WEBHOOK_SECRET";

    public static final Set<String> NAMES = Set.of(SINKS, UPDATE_PERIOD_MINUTES, REOPEN_POLICY, REOPEN_WINDOW_DAYS,
            TIMEOUT_SECONDS, REQUESTS_PER_MINUTE,
            SN_URL, SN_AUTH, SN_USER, SN_PASSWORD, SN_CLIENT_ID, SN_CLIENT_SECRET, SN_ASSIGNMENT_GROUP, SN_URGENCY,
            SN_IMPACT, SN_RESOLVED_STATE, SN_REOPEN_STATE, SN_CLOSE_CODE, SN_DUPLICATE_CLOSE_CODE, SN_CLOSE_NOTES,
            ADO_URL, ADO_PROJECT, ADO_AUTH, ADO_PAT, ADO_CLIENT_ID, ADO_TYPE, ADO_CLOSED_STATE, ADO_REOPEN_STATE,
            ADO_AREA_PATH,
            GH_REPOSITORY, GH_TOKEN, GH_API_URL, GH_LABELS,
            WEBHOOK_URL, WEBHOOK_SECRET);

    public static final Set<String> SINK_NAMES =
            Set.of(ServiceNowSink.NAME, AzureDevOpsSink.NAME, GitHubSink.NAME, WebhookSink.NAME);
    static final int MIN_WEBHOOK_SECRET = 32;

    /** ServiceNow: instance, either Basic (user + password) or OAuth client credentials, and the incident fields. */
    public record ServiceNow(URI instance, String user, Secret password, String clientId, Secret clientSecret,
                             ServiceNowSink.Fields fields) {
        public boolean oauth() {
            return clientId != null;
        }
    }

    /** Azure DevOps: organization URL, project, a PAT or (pat == null) an Entra ID token, the work item fields. */
    public record AzureDevOps(URI organization, String project, Secret pat, String managedIdentityClientId,
                              AzureDevOpsSink.Fields fields) {
    }

    public record GitHub(URI api, String repository, Secret token, List<String> labels) {
    }

    /** The URL is a Secret too: Logic App URLs carry their signature. */
    public record Webhook(Secret url, Secret secret) {
    }

    /** Deployments without ticket settings: no sinks (the port says DISABLED). */
    public static final TicketSettings NONE = new TicketSettings(List.of(), TicketPolicy.DEFAULTS,
            HttpOptions.DEFAULT_TIMEOUT, HttpOptions.DEFAULT_REQUESTS_PER_MINUTE, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    /** Reads the ticket settings; problems are collected in {@code r}. */
    public static TicketSettings read(SettingsReader r) {
        List<String> sinks = sinks(r);
        TicketPolicy d = TicketPolicy.DEFAULTS;
        TicketPolicy policy = new TicketPolicy(
                Duration.ofMinutes(r.integer(UPDATE_PERIOD_MINUTES, (int) d.updatePeriod().toMinutes(), 1, 43_200)),
                TicketPolicy.Reopen.valueOf(r.choice(REOPEN_POLICY, d.reopen().label(), Set.of("reopen", "new"))
                        .toUpperCase(Locale.ROOT)),
                Duration.ofDays(r.integer(REOPEN_WINDOW_DAYS, (int) d.reopenWindow().toDays(), 1, 3650)),
                d.failuresBeforePause());
        Duration timeout = r.seconds(TIMEOUT_SECONDS, HttpOptions.DEFAULT_TIMEOUT, Duration.ofSeconds(1), Duration.ofSeconds(300));
        int rpm = r.integer(REQUESTS_PER_MINUTE, HttpOptions.DEFAULT_REQUESTS_PER_MINUTE, 1, 1000);
        return new TicketSettings(sinks, policy, timeout, rpm,
                sinks.contains(ServiceNowSink.NAME) ? Optional.of(serviceNow(r)) : Optional.empty(),
                sinks.contains(AzureDevOpsSink.NAME) ? Optional.of(azureDevOps(r)) : Optional.empty(),
                sinks.contains(GitHubSink.NAME) ? Optional.of(gitHub(r)) : Optional.empty(),
                sinks.contains(WebhookSink.NAME) ? Optional.of(webhook(r)) : Optional.empty());
    }

    /** Reads, rejects unknown LINKGUARD_ keys and fails with every problem named. */
    public static TicketSettings fromSettings(Map<String, String> values) {
        SettingsReader reader = new SettingsReader(values);
        TicketSettings settings = read(reader);
        reader.rejectUnknown(KnownSettings.all());
        reader.throwIfInvalid();
        return settings;
    }

    private static List<String> sinks(SettingsReader r) {
        String raw = r.text(SINKS, "");
        List<String> out = new ArrayList<>();
        for (String part : raw.split(",")) {
            String s = part.trim().toLowerCase(Locale.ROOT);
            if (s.isEmpty()) {
                continue;
            }
            if (!SINK_NAMES.contains(s)) {
                r.problem(SINKS, "unknown sink '" + s + "'; expected a comma-separated list of "
                        + String.join(", ", new TreeSet<>(SINK_NAMES)));
            } else if (out.contains(s)) {
                r.problem(SINKS, "sink '" + s + "' listed twice");
            } else {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    private static ServiceNow serviceNow(SettingsReader r) {
        URI url = url(r, SN_URL, "the instance URL, e.g. https://acme.service-now.com");
        String auth = r.choice(SN_AUTH, "basic", Set.of("basic", "oauth"));
        ServiceNowSink.Fields d = ServiceNowSink.Fields.DEFAULTS;
        ServiceNowSink.Fields fields = new ServiceNowSink.Fields(
                r.optional(SN_ASSIGNMENT_GROUP).orElse(null),
                r.integer(SN_URGENCY, d.urgency(), 1, 3),
                r.integer(SN_IMPACT, d.impact(), 1, 3),
                r.text(SN_RESOLVED_STATE, d.resolvedState()),
                r.text(SN_REOPEN_STATE, d.reopenState()),
                r.text(SN_CLOSE_CODE, d.closeCode()),
                r.text(SN_DUPLICATE_CLOSE_CODE, d.duplicateCloseCode()),
                r.text(SN_CLOSE_NOTES, d.closeNotes()));
        if ("oauth".equals(auth)) {
            String clientId = r.required(SN_CLIENT_ID, "the OAuth application's client id (" + SN_AUTH + "=oauth)");
            Secret secret = secret(r, SN_CLIENT_SECRET, "the OAuth application's client secret (" + SN_AUTH + "=oauth)");
            return new ServiceNow(url, null, null, clientId, secret, fields);
        }
        String user = r.required(SN_USER, "the ServiceNow user for Basic auth (" + SN_AUTH + "=basic)");
        Secret password = secret(r, SN_PASSWORD, "that user's password (" + SN_AUTH + "=basic)");
        return new ServiceNow(url, user, password, null, null, fields);
    }

    private static AzureDevOps azureDevOps(SettingsReader r) {
        URI url = url(r, ADO_URL, "the organization URL, e.g. https://dev.azure.com/contoso");
        String project = r.required(ADO_PROJECT, "the project name");
        String auth = r.choice(ADO_AUTH, "pat", Set.of("pat", "entra"));
        AzureDevOpsSink.Fields d = AzureDevOpsSink.Fields.DEFAULTS;
        AzureDevOpsSink.Fields fields = new AzureDevOpsSink.Fields(r.text(ADO_TYPE, d.workItemType()),
                r.text(ADO_CLOSED_STATE, d.closedState()), r.text(ADO_REOPEN_STATE, d.reopenState()),
                r.optional(ADO_AREA_PATH).orElse(null));
        Secret pat = "pat".equals(auth) ? secret(r, ADO_PAT,
                "a personal access token with Work Items (Read & write) (" + ADO_AUTH + "=pat)") : null;
        return new AzureDevOps(url, project, pat, r.optional(ADO_CLIENT_ID).orElse(null), fields);
    }

    private static GitHub gitHub(SettingsReader r) {
        String repository = r.required(GH_REPOSITORY, "owner/name of the repository");
        if (!repository.isEmpty() && !GitHubSink.isRepository(repository)) {
            r.problem(GH_REPOSITORY, "expected owner/name, got '" + repository + "'");
        }
        Secret token = secret(r, GH_TOKEN, "a token with Issues: read and write on the repository");
        URI api = r.httpsUrl(GH_API_URL).orElse(GitHubSink.PUBLIC_API);
        List<String> labels = new ArrayList<>();
        for (String l : r.text(GH_LABELS, "").split(",")) {
            String label = l.trim();
            if (label.isEmpty()) {
                continue;
            }
            if (label.length() > 50) {
                r.problem(GH_LABELS, "label '" + label.substring(0, 20) + "...' is longer than GitHub's 50 characters");
            } else {
                labels.add(label);
            }
        }
        return new GitHub(api, repository, token, List.copyOf(labels));
    }

    private static Webhook webhook(SettingsReader r) {
        URI url = url(r, WEBHOOK_URL, "the https URL that receives the events");
        Secret secret = secret(r, WEBHOOK_SECRET, "a shared secret of at least " + MIN_WEBHOOK_SECRET + " characters");
        if (secret != null && secret.reveal().length() < MIN_WEBHOOK_SECRET) {
            r.problem(WEBHOOK_SECRET, "too short: use at least " + MIN_WEBHOOK_SECRET
                    + " random characters (e.g. openssl rand -hex 32); value not shown");
        }
        return new Webhook(url == null ? null : Secret.of(url.toString()), secret);
    }

    /** A required https URL: missing and malformed are both named (the value is not shown). */
    private static URI url(SettingsReader r, String name, String expected) {
        if (r.optional(name).isEmpty()) {
            r.required(name, expected);
            return null;
        }
        return r.httpsUrl(name).orElse(null);
    }

    /** A required secret; an App Service Key Vault reference that was not resolved is named as such. */
    private static Secret secret(SettingsReader r, String name, String expected) {
        String value = r.required(name, expected);
        if (value.isEmpty()) {
            return null;
        }
        if (value.startsWith("@Microsoft.KeyVault(")) {
            r.problem(name, "still a Key Vault reference: App Service could not resolve it (does the app's managed "
                    + "identity have 'get' on the secret, and does the reference name an existing secret?)");
            return null;
        }
        return Secret.of(value);
    }

    public boolean enabled() {
        return !sinks.isEmpty();
    }
}
