package io.linkguard.tickets.setup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.plan.Finding;
import io.linkguard.tickets.Findings;
import io.linkguard.testing.MutableClock;
import io.linkguard.tickets.SinkStub;
import io.linkguard.tickets.TicketLog;
import io.linkguard.tickets.TicketOutcome;
import io.linkguard.tickets.TicketPort;
import io.linkguard.tickets.TlsStub;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * From app settings to outcomes and log lines: services that echo the credentials they were sent (it
 * happens: error pages quoting headers, proxies dumping requests) never get a secret into an outcome, a
 * log line, a state or a toString.
 */
class TicketPortsRedactionTest {
    private static final String SN_PASSWORD = "sn-Pa55word-visible-nowhere";
    private static final String GH_TOKEN = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB";
    private static final String WEBHOOK_SECRET = "0123456789abcdef0123456789abcdef-webhook";
    private static final String SIG = "SIGNATUREvalue1234567890";
    private SinkStub stub;
    private final List<String> logLines = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        stub = new SinkStub();
    }

    @AfterEach
    void stop() {
        stub.stop();
    }

    private TicketPort port() throws Exception {
        String base = TlsStub.url(stub.server);
        Map<String, String> settings = Map.of(
                "LINKGUARD_TICKET_SINKS", "servicenow,github,webhook",
                "LINKGUARD_TICKET_SERVICENOW_URL", base,
                "LINKGUARD_TICKET_SERVICENOW_USER", "linkguard",
                "LINKGUARD_TICKET_SERVICENOW_PASSWORD", SN_PASSWORD,
                "LINKGUARD_TICKET_GITHUB_REPOSITORY", "contoso/fleet-ops",
                "LINKGUARD_TICKET_GITHUB_TOKEN", GH_TOKEN,
                "LINKGUARD_TICKET_GITHUB_API_URL", base + "/api/v3",
                "LINKGUARD_TICKET_WEBHOOK_URL", base + "/hook?sig=" + SIG,
                "LINKGUARD_TICKET_WEBHOOK_SECRET", WEBHOOK_SECRET);
        TicketLog log = new TicketLog() {
            @Override
            public void warn(String message) {
                logLines.add(message);
            }

            @Override
            public void info(String message) {
                logLines.add(message);
            }
        };
        return TicketPorts.builder(TicketSettings.fromSettings(settings)).httpClient(TlsStub.client())
                .clock(new MutableClock(Instant.parse("2026-11-26T10:00:00Z"))).log(log).build();
    }

    @Test
    void echoedSecretsAreScrubbedEverywhere() throws Exception {
        String basic = Base64.getEncoder().encodeToString(("linkguard:" + SN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        stub.server.stubFor(get(urlPathEqualTo("/api/now/table/incident")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"User Not Authenticated\","
                        + "\"detail\":\"rejected Basic " + basic + " (password " + SN_PASSWORD + ")\"},\"status\":\"failure\"}")));
        stub.server.stubFor(get(urlPathMatching("/api/v3/.*")).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"upstream refused Bearer " + GH_TOKEN + "\"}")));
        stub.server.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"bad signature for sig=" + SIG
                        + " with secret " + WEBHOOK_SECRET + "\"}")));
        TicketPort port = port();
        List<TicketOutcome> outcomes = new ArrayList<>();
        for (Finding f : Findings.plan().findings().subList(0, 3)) {
            outcomes.add(port.raise(Findings.request(f, "run-1", null)));
        }
        assertThat(outcomes.get(0).kind()).isEqualTo(TicketOutcome.Kind.MISCONFIGURED);
        assertThat(outcomes.get(0).detail()).contains("servicenow: servicenow find open incidents: HTTP 401 (User Not Authenticated: rejected Basic *** (password ***))")
                .contains("github: github list issues by label: HTTP 502 (upstream refused Bearer ***)")
                .contains("webhook: webhook deliver opened: HTTP 400");
        assertThat(outcomes.get(1).kind()).isEqualTo(TicketOutcome.Kind.PENDING);
        stub.server.verify(1, getRequestedFor(urlPathEqualTo("/api/now/table/incident")));
        assertThat(logLines.stream().filter(l -> l.contains("servicenow is misconfigured")).count()).isEqualTo(1);

        List<String> everything = new ArrayList<>(logLines);
        for (TicketOutcome o : outcomes) {
            everything.add(o.detail());
            everything.add(o.toString());
        }
        everything.add(port.toString());
        everything.add(TicketSettings.fromSettings(Map.of("LINKGUARD_TICKET_SINKS", "github",
                "LINKGUARD_TICKET_GITHUB_REPOSITORY", "a/b", "LINKGUARD_TICKET_GITHUB_TOKEN", GH_TOKEN)).toString());
        for (String line : everything) {
            assertThat(line).doesNotContain(SN_PASSWORD).doesNotContain(basic).doesNotContain(GH_TOKEN)
                    .doesNotContain(WEBHOOK_SECRET).doesNotContain(SIG);
        }
        assertThat(stub.requests()).isNotEmpty();
        stub.server.verify(getRequestedFor(anyUrl()));
    }
}
