package io.linkguard.tickets.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkguard.loganalytics.QueryRateLimiter;
import io.linkguard.plan.Finding;
import io.linkguard.testing.MutableClock;
import io.linkguard.tickets.Findings;
import io.linkguard.tickets.Redactor;
import io.linkguard.tickets.Secret;
import io.linkguard.tickets.TicketOrchestrator;
import io.linkguard.tickets.TicketOutcome;
import io.linkguard.tickets.TicketOutcome.Kind;
import io.linkguard.tickets.TicketRequest;
import io.linkguard.tickets.TicketState;
import io.linkguard.tickets.TlsStub;
import io.linkguard.tickets.http.HttpOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real ServiceNow sink and orchestrator against a stateful instance that follows the documented incident
 * state model: Resolved (6) stays active until auto-close moves it to Closed (7); LinkGuard decides open/closed
 * by state, reopens a Resolved incident whose problem returns, and opens a new one for a Closed or Canceled one.
 */
class ServiceNowStateModelTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final Finding finding = Findings.shared();
    private FakeServiceNow instance;
    private TicketOrchestrator port;

    @BeforeEach
    void start() throws Exception {
        instance = new FakeServiceNow(clock);
        HttpOptions options = new HttpOptions(TlsStub.client(), Duration.ofSeconds(10),
                new QueryRateLimiter(600, Duration.ofMinutes(1)), new Redactor(), clock);
        port = TicketOrchestrator.builder().clock(clock)
                .sink(ServiceNowSink.basic(instance.instance(), "linkguard.integration", Secret.of("pa55word-pa55word"),
                        options, ServiceNowSink.Fields.DEFAULTS))
                .build();
    }

    @AfterEach
    void stop() {
        instance.stop();
    }

    private TicketOutcome raise(String run, TicketState previous) {
        return port.raise(Findings.request(finding, run, previous, "tag written"));
    }

    private TicketOutcome resolve(String run, TicketState previous) {
        TicketRequest r = Findings.request(finding, run, previous);
        return port.resolve(new TicketRequest(r.key(), null, List.of(), run, previous));
    }

    private ObjectNode only() {
        assertThat(instance.incidents).hasSize(1);
        return instance.incidents.values().iterator().next();
    }

    @Test
    void aResolvedIncidentIsReopenedWhenTheConflictsReturn() {
        TicketOutcome opened = raise("run-1", null);
        assertThat(opened.kind()).isEqualTo(Kind.OPENED);
        clock.advance(Duration.ofMinutes(10));
        TicketOutcome resolved = resolve("run-2", opened.state());
        assertThat(resolved.kind()).isEqualTo(Kind.RESOLVED);
        assertThat(only().get("state").asText()).isEqualTo("6");
        assertThat(only().get("active").asText()).isEqualTo("true");

        clock.advance(Duration.ofHours(2));
        TicketOutcome back = raise("run-3", resolved.state());
        assertThat(back.kind()).as(back.detail()).isEqualTo(Kind.REOPENED);
        assertThat(back.state().status()).isEqualTo(TicketState.Status.OPEN);
        assertThat(back.state().reference()).isEqualTo(opened.state().reference());
        assertThat(only().get("state").asText()).isEqualTo("2");
        assertThat(only().get("reopen_count").asText()).isEqualTo("1");
        assertThat(instance.workNotes).anySatisfy(n -> assertThat(n).contains("The problem is back"));
    }

    @Test
    void aResolvedIncidentIsNotResolvedAgainNorUpdatedWhileQuiet() {
        TicketOutcome opened = raise("run-1", null);
        TicketOutcome resolved = resolve("run-2", opened.state());
        String updated = only().get("sys_updated_on").asText();
        clock.advance(Duration.ofHours(1));
        TicketOutcome again = resolve("run-3", resolved.state());
        assertThat(again.kind()).isEqualTo(Kind.UNCHANGED);
        assertThat(only().get("sys_updated_on").asText()).as("no write that would reset the auto-close clock").isEqualTo(updated);
    }

    @Test
    void anAutoClosedIncidentIsFollowedByANewOneThatNamesIt() {
        TicketOutcome opened = raise("run-1", null);
        TicketOutcome resolved = resolve("run-2", opened.state());
        clock.advance(Duration.ofDays(1).plusMinutes(5));
        TicketOutcome back = raise("run-3", resolved.state());
        assertThat(back.kind()).as(back.detail()).isEqualTo(Kind.OPENED);
        assertThat(back.state().reference()).isNotEqualTo(opened.state().reference());
        List<ObjectNode> all = instance.byCorrelation(only(opened.state().reference()).get("correlation_id").asText());
        assertThat(all).extracting(i -> i.get("state").asText()).containsExactly("7", "1");
        assertThat(all.get(1).get("description").asText()).contains("reported before in " + all.get(0).get("number").asText());
    }

    @Test
    void aCanceledIncidentIsNotReopened() {
        TicketOutcome opened = raise("run-1", null);
        instance.setState(opened.state().reference(), "8");
        clock.advance(Duration.ofHours(1));
        TicketOutcome back = raise("run-2", opened.state());
        assertThat(back.kind()).as(back.detail()).isEqualTo(Kind.OPENED);
        assertThat(instance.incidents).hasSize(2);
        assertThat(instance.incidents.get(opened.state().reference()).get("state").asText()).isEqualTo("8");
    }

    private ObjectNode only(String sysId) {
        return instance.incidents.get(sysId);
    }
}
