package io.linkguard.remediation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkguard.findings.Cohort;
import io.linkguard.loganalytics.QueryRateLimiter;
import io.linkguard.plan.Plan;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.remediation.safety.Usage;
import io.linkguard.tickets.Redactor;
import io.linkguard.tickets.Secret;
import io.linkguard.tickets.SinkStub;
import io.linkguard.tickets.TicketKey;
import io.linkguard.tickets.TicketOrchestrator;
import io.linkguard.tickets.TicketSink;
import io.linkguard.tickets.TlsStub;
import io.linkguard.tickets.azuredevops.AzureDevOpsSink;
import io.linkguard.tickets.azuredevops.FakeAzureDevOps;
import io.linkguard.tickets.http.HttpOptions;
import io.linkguard.tickets.servicenow.FakeServiceNow;
import io.linkguard.tickets.servicenow.ServiceNowSink;
import io.linkguard.tickets.webhook.WebhookSink;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cohort's ticket opened, raised again (deduplicated: no second ticket) and resolved through the real ServiceNow,
 * Azure DevOps and webhook sinks, each against its HTTPS fake: the stateful ServiceNow Table API, the stateful Boards
 * project, and a webhook receiver (WireMock) that records what it is sent.
 */
class CohortTicketSinksTest {
    private final Harness harness = new Harness().set(RemediationSettings.COHORT_TICKETS, "fold");
    private final CohortPlans plans = new CohortPlans(harness);
    private final CohortTicketRecord record = CohortTicketRecord.inMemory();
    private final Cohort cohort = plans.cohort(CohortPlans.SDK);
    private final TicketKey key = TicketKey.of(cohort);
    private final ObjectMapper json = new ObjectMapper();
    private int runs;

    private HttpOptions options() throws Exception {
        return new HttpOptions(TlsStub.client(), Duration.ofSeconds(10), new QueryRateLimiter(600, Duration.ofMinutes(1)),
                new Redactor(), harness.clock);
    }

    private RemediationReport run(TicketSink sink, List<Cohort> cohorts) {
        Plan plan = plans.plan(cohorts);
        TicketOrchestrator port = TicketOrchestrator.builder().sink(sink).clock(harness.clock).build();
        return new Remediator(RemediationSettings.fromSettings(harness.settings), harness.hub, port, harness.clock, record)
                .run(plan, harness.rosters(plan).get(0), "run-" + (++runs), WriterLeases.WriterLease.ALWAYS, Usage.NONE,
                        spent -> { });
    }

    /** Opened; the same cohort a run later is the same ticket, and once more after the update period an update; then resolved. */
    private void lifecycle(TicketSink sink, Runnable afterOpen, Runnable afterRaisedAgain, Runnable afterResolve) {
        RemediationReport first = run(sink, List.of(cohort));
        assertThat(first.notes()).anyMatch(n -> n.equals("cohort ticket " + key.value() + ": opened")
                || n.startsWith("cohort ticket " + key.value() + ": opened ("));
        afterOpen.run();

        harness.advance(Duration.ofMinutes(10));
        run(sink, List.of(cohort));
        harness.advance(Duration.ofHours(7));
        RemediationReport third = run(sink, List.of(cohort));
        assertThat(third.notes()).anyMatch(n -> n.startsWith("cohort ticket " + key.value() + ": updated"));
        afterRaisedAgain.run();

        harness.advance(Duration.ofMinutes(10));
        RemediationReport gone = run(sink, List.of());
        assertThat(gone.notes()).anyMatch(n -> n.startsWith("cohort ticket " + key.value() + ": resolved"));
        assertThat(record.open(Harness.HUB)).isEmpty();
        afterResolve.run();
    }

    @Test
    void serviceNowGetsOneIncidentForTheCohortUpdatedByWorkNoteAndResolved() throws Exception {
        FakeServiceNow instance = new FakeServiceNow(harness.clock);
        try {
            ServiceNowSink sink = ServiceNowSink.basic(instance.instance(), "linkguard.integration",
                    Secret.of("pa55word-pa55word"), options(), ServiceNowSink.Fields.DEFAULTS);
            String correlation = "linkguard:sha256:" + key.fingerprint();
            lifecycle(sink, () -> {
                assertThat(instance.byCorrelation(correlation)).singleElement().satisfies(i -> {
                    assertThat(i.get("short_description").asText()).contains("cohort shared-identity on hub-a", "sdk-version",
                            CohortPlans.SDK);
                    assertThat(i.get("description").asText()).contains(key.value(), "80.0% (4 of 5)", "cohort-dev-0",
                            "cohort-dev-3", "keep-alive-loss");
                    assertThat(i.get("state").asText()).isEqualTo("1");
                });
                assertThat(instance.incidents).as("members folded, the loner ticketed on its own").hasSize(2);
            }, () -> {
                assertThat(instance.byCorrelation(correlation)).hasSize(1);
                String number = instance.byCorrelation(correlation).get(0).get("number").asText();
                assertThat(instance.workNotes).filteredOn(n -> n.startsWith(number + ": ")).singleElement()
                        .satisfies(n -> assertThat(n).contains("Still happening", "80.0% (4 of 5)"));
            }, () -> assertThat(instance.byCorrelation(correlation)).singleElement()
                    .satisfies(i -> assertThat(i.get("state").asText()).isEqualTo("6")));
        } finally {
            instance.stop();
        }
    }

    @Test
    void azureDevOpsGetsOneWorkItemForTheCohortUpdatedByCommentAndClosed() throws Exception {
        FakeAzureDevOps boards = new FakeAzureDevOps("contoso", "FleetOps", harness.clock);
        try {
            AzureDevOpsSink sink = AzureDevOpsSink.pat(boards.organization(), "FleetOps", Secret.of("ado-pat-0123456789abcdefghij"),
                    options(), AzureDevOpsSink.Fields.DEFAULTS);
            lifecycle(sink, () -> {
                List<ObjectNode> cohortItems = cohortItems(boards);
                assertThat(cohortItems).singleElement().satisfies(wi -> {
                    JsonNode f = wi.get("fields");
                    assertThat(f.get("System.Title").asText()).contains("cohort shared-identity on hub-a", CohortPlans.SDK);
                    assertThat(f.get("System.Tags").asText()).contains("linkguard").contains(key.value());
                    assertThat(f.get("System.Description").asText()).contains("cohort-dev-0", "cohort-dev-3", "80.0% (4 of 5)");
                });
                assertThat(boards.workItems).hasSize(2);
            }, () -> {
                assertThat(cohortItems(boards)).hasSize(1);
                assertThat(boards.comments).filteredOn(c -> c.startsWith(cohortItems(boards).get(0).get("id").asText() + ": "))
                        .singleElement().satisfies(c -> assertThat(c).contains("Still happening"));
            }, () -> assertThat(boards.state(cohortItems(boards).get(0).get("id").asInt())).isEqualTo("Done"));
        } finally {
            boards.stop();
        }
    }

    private List<ObjectNode> cohortItems(FakeAzureDevOps boards) {
        return boards.workItems.values().stream()
                .filter(wi -> wi.get("fields").get("System.Tags").asText().contains("~cohort")).toList();
    }

    @Test
    void aWebhookReceiverIsToldOpenedOnceThenUpdatedThenResolvedWithTheCohortAsData() throws Exception {
        SinkStub receiver = new SinkStub();
        try {
            receiver.server.stubFor(post(urlPathEqualTo("/hooks/linkguard")).willReturn(aResponse().withStatus(202)));
            WebhookSink sink = WebhookSink.create(receiver.uri("/hooks/linkguard?sig=0123456789abcdefSIG"),
                    Secret.of("whsec-5f0c1d2e3a4b5c6d7e8f9a0b1c2d3e4f"), options());
            lifecycle(sink, () -> {
                List<JsonNode> opened = events(receiver, "opened");
                assertThat(opened).as("the cohort's and the loner's").hasSize(2);
                JsonNode p = opened.stream().filter(e -> e.get("key").asText().equals(key.value())).findFirst().orElseThrow();
                assertThat(p.get("finding").isNull()).isTrue();
                assertThat(p.get("cohort").get("dimension").asText()).isEqualTo("sdk-version");
                assertThat(p.get("cohort").get("value").asText()).isEqualTo(CohortPlans.SDK);
                assertThat(p.get("cohort").toString()).contains("cohort-dev-0", "cohort-dev-3");
            }, () -> {
                assertThat(events(receiver, "opened")).as("no second ticket for the same cohort")
                        .filteredOn(e -> e.get("key").asText().equals(key.value())).hasSize(1);
                assertThat(events(receiver, "updated")).filteredOn(e -> e.get("key").asText().equals(key.value()))
                        .singleElement().satisfies(e -> assertThat(e.get("cohort").isObject()).isTrue());
            }, () -> assertThat(events(receiver, "resolved")).filteredOn(e -> e.get("key").asText().equals(key.value()))
                    .singleElement().satisfies(e -> {
                        assertThat(e.get("cohort").isNull()).isTrue();
                        assertThat(e.get("ticketId").asText()).isEqualTo(events(receiver, "opened").stream()
                                .filter(o -> o.get("key").asText().equals(key.value())).findFirst().orElseThrow()
                                .get("ticketId").asText());
                    }));
        } finally {
            receiver.stop();
        }
    }

    private List<JsonNode> events(SinkStub receiver, String event) {
        return receiver.requests().stream().filter(r -> event.equals(r.getHeader("X-LinkGuard-Event"))).map(r -> {
            try {
                return json.readTree(r.getBody());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
