package io.linkguard.tickets.setup;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.linkguard.loganalytics.QueryRateLimiter;
import io.linkguard.tickets.Redactor;
import io.linkguard.tickets.TicketLog;
import io.linkguard.tickets.TicketOrchestrator;
import io.linkguard.tickets.TicketPort;
import io.linkguard.tickets.azuredevops.AzureDevOpsSink;
import io.linkguard.tickets.github.GitHubSink;
import io.linkguard.tickets.http.HttpOptions;
import io.linkguard.tickets.servicenow.ServiceNowSink;
import io.linkguard.tickets.webhook.WebhookSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Builds the {@link TicketPort} from settings: {@link TicketPort#disabled()} without sinks, else a
 * {@link TicketOrchestrator} over the enabled sinks in the order of LINKGUARD_TICKET_SINKS, each with its
 * own rate limiter, all sharing one HTTP client and one redactor that knows every secret.
 */
public final class TicketPorts {
    private TicketPorts() {
    }

    /** Validates the settings (throwing one ConfigurationException that names every bad setting) and builds the port. */
    public static TicketPort fromSettings(Map<String, String> values) {
        return builder(TicketSettings.fromSettings(values)).build();
    }

    public static Builder builder(TicketSettings settings) {
        return new Builder(settings);
    }

    public static final class Builder {
        private final TicketSettings settings;
        private HttpClient httpClient;
        private Clock clock = Clock.systemUTC();
        private TicketLog log = TicketLog.system();
        private boolean dryRun;
        private Supplier<TokenCredential> credential;

        private Builder(TicketSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** The JDK client every sink uses (default: no redirects, 10 s connect timeout). */
        public Builder httpClient(HttpClient client) {
            this.httpClient = client;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder log(TicketLog log) {
            this.log = log;
            return this;
        }

        /** Searches for real, logs the writes instead of sending them. */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** The Entra ID credential for Azure DevOps with LINKGUARD_TICKET_AZUREDEVOPS_AUTH=entra (default: DefaultAzureCredential). */
        public Builder credential(TokenCredential credential) {
            this.credential = () -> credential;
            return this;
        }

        public TicketPort build() {
            if (!settings.enabled()) {
                return TicketPort.disabled();
            }
            Redactor redactor = new Redactor();
            HttpClient client = httpClient != null ? httpClient : HttpOptions.defaultClient();
            TicketOrchestrator.Builder port = TicketOrchestrator.builder().policy(settings.policy()).clock(clock)
                    .log(log).redactor(redactor).dryRun(dryRun);
            for (String sink : settings.sinks()) {
                HttpOptions options = new HttpOptions(client, settings.timeout(), limiter(), redactor, clock);
                switch (sink) {
                    case ServiceNowSink.NAME -> {
                        TicketSettings.ServiceNow sn = settings.serviceNow().orElseThrow();
                        port.sink(sn.oauth()
                                ? ServiceNowSink.oauth(sn.instance(), sn.clientId(), sn.clientSecret(), options, sn.fields())
                                : ServiceNowSink.basic(sn.instance(), sn.user(), sn.password(), options, sn.fields()));
                    }
                    case AzureDevOpsSink.NAME -> {
                        TicketSettings.AzureDevOps ado = settings.azureDevOps().orElseThrow();
                        port.sink(ado.pat() != null
                                ? AzureDevOpsSink.pat(ado.organization(), ado.project(), ado.pat(), options, ado.fields())
                                : AzureDevOpsSink.entraId(ado.organization(), ado.project(),
                                entraCredential(ado.managedIdentityClientId()), options, ado.fields()));
                    }
                    case GitHubSink.NAME -> {
                        TicketSettings.GitHub gh = settings.gitHub().orElseThrow();
                        port.sink(GitHubSink.create(gh.api(), gh.repository(), gh.token(), gh.labels(), options));
                    }
                    case WebhookSink.NAME -> {
                        TicketSettings.Webhook wh = settings.webhook().orElseThrow();
                        port.sink(WebhookSink.create(URI.create(wh.url().reveal()), wh.secret(), options));
                    }
                    default -> throw new IllegalStateException("unknown sink " + sink);
                }
            }
            return port.build();
        }

        private QueryRateLimiter limiter() {
            return new QueryRateLimiter(settings.requestsPerMinute(), Duration.ofMinutes(1));
        }

        private TokenCredential entraCredential(String managedIdentityClientId) {
            if (credential != null) {
                return credential.get();
            }
            DefaultAzureCredentialBuilder b = new DefaultAzureCredentialBuilder();
            if (managedIdentityClientId != null) {
                b.managedIdentityClientId(managedIdentityClientId);
            }
            return b.build();
        }
    }
}
