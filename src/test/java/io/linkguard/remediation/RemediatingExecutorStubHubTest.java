package io.linkguard.remediation;

import static io.linkguard.classification.Classification.FAULTY_RECONNECT;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.evidence.Identity;
import io.linkguard.pipeline.ActionOutcome;
import io.linkguard.pipeline.ExecutionSummary;
import io.linkguard.pipeline.RemediatingExecutor;
import io.linkguard.pipeline.RunContext;
import io.linkguard.pipeline.RunKind;
import io.linkguard.pipeline.RunTrigger;
import io.linkguard.plan.Action;
import io.linkguard.plan.Finding;
import io.linkguard.hub.stub.Fault;
import io.linkguard.hub.stub.RecordedRequest;
import io.linkguard.hub.stub.StubHub;
import io.linkguard.hub.stub.StubOperation;
import io.linkguard.remediation.report.IdentityResult;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.remediation.tag.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Functions app's executor through the real IoT Hub adapter against the HTTPS stub hub: a targeted run
 * counts the hub's identities but never lists its tagged ones (it would not use them), a scheduled run does.
 */
class RemediatingExecutorStubHubTest {
    private final StubHubRuns h = new StubHubRuns(StubHub.Config.defaults().hubName("plant").sku("S1", 1));
    private final List<RemediationReport> reports = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private int runs;

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aTargetedRunQueriesOnlyTheIdentityCountAndLeavesOtherTaggedIdentitiesAlone() {
        Identity pump = h.add("pump-1");
        Identity quiet = h.add("quiet-1");
        h.add("bystander");
        execute(RunKind.SCHEDULED, faulty(pump), faulty(quiet));
        assertThat(h.tag(quiet).stage()).isEqualTo(Stage.TAG);

        h.advance(Duration.ofMinutes(5));
        int before = queries().size();
        ExecutionSummary targeted = execute(RunKind.TARGETED, faulty(pump));
        List<String> asked = queries().subList(before, queries().size()).stream().map(RecordedRequest::body).toList();

        assertThat(asked).as("the two identity counts, nothing else").hasSize(2)
                .allSatisfy(q -> assertThat(q).contains("SELECT COUNT() AS n FROM devices").doesNotContain("tags.linkguard"));
        RemediationReport report = reports.get(reports.size() - 1);
        assertThat(report.hubs()).singleElement().satisfies(hub -> {
            assertThat(hub.identities()).as("the fleet guard still knows the hub's size").isEqualTo(3);
            assertThat(hub.tagged()).isZero();
        });
        assertThat(report.identities()).extracting(IdentityResult::identity).containsExactly(pump);
        assertThat(targeted.count(Action.TAG, ActionOutcome.FAILED)).isZero();
        assertThat(failures).isEmpty();

        int beforeScheduled = queries().size();
        execute(RunKind.SCHEDULED, faulty(pump));
        assertThat(queries().subList(beforeScheduled, queries().size())).as("counts and both tagged listings")
                .hasSize(4).filteredOn(r -> r.body().contains("tags.linkguard.stage != 'resolved'")).hasSize(2);
        assertThat(reports.get(reports.size() - 1).identities()).extracting(IdentityResult::identity)
                .as("a scheduled run takes up the quiet tagged identity").containsExactly(pump, quiet);
    }

    @Test
    void theHubsThrottlingWaitIsTheRunsExecutorWait() {
        Identity pump = h.add("pump-1");
        assertThat(execute(RunKind.SCHEDULED, faulty(pump)).throttlingWait()).as("nothing throttled").isZero();

        h.advance(Duration.ofMinutes(5));
        h.stub.inject(Fault.throttled(2).on(StubOperation.TWIN_READ));
        ExecutionSummary throttled = execute(RunKind.SCHEDULED, faulty(pump));

        assertThat(h.stub.throttledCount()).isEqualTo(1);
        assertThat(throttled.throttlingWait()).as("Retry-After: 2 honoured").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    private List<RecordedRequest> queries() {
        return h.stub.requests(StubOperation.QUERY);
    }

    private Finding faulty(Identity identity) {
        return Findings.of(identity, FAULTY_RECONNECT, 30, h.now());
    }

    private ExecutionSummary execute(RunKind kind, Finding... findings) {
        RemediatingExecutor executor = new RemediatingExecutor(RemediationSettings.fromSettings(h.settings),
                List.of(HubTarget.parse(h.stub.armId())), h.connections(), h.tickets, h.clock, reports::add,
                failures::add);
        return executor.execute(Findings.plan(findings),
                new RunContext("run-" + (++runs), RunTrigger.TIMER, kind, "inv-" + runs, h.now()));
    }
}
