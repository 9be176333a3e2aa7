package io.linkguard.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.classification.Classification;
import io.linkguard.evidence.Identity;
import io.linkguard.pipeline.ActionOutcome;
import io.linkguard.pipeline.ExecutionSummary;
import io.linkguard.pipeline.RemediatingExecutor;
import io.linkguard.pipeline.RunContext;
import io.linkguard.pipeline.RunKind;
import io.linkguard.pipeline.RunTrigger;
import io.linkguard.plan.Action;
import io.linkguard.plan.Plan;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.remediation.safety.Mode;
import io.linkguard.tickets.TicketPort;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Functions app's executor drives the same Remediator as apply, hub by hub, and folds its report. */
class RemediatingExecutorTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Identity PUMP = new Identity("hub-a", "pump-1", null);
    private static final Identity CLONE = new Identity("hub-a", "meter-9", null);

    private final FakeHub hub = new FakeHub();
    private final List<RemediationReport> reports = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    RemediatingExecutorTest() {
        hub.add(PUMP);
        hub.add(CLONE);
    }

    @Test
    void enforceWritesTagsAndCountsThemDone() {
        ExecutionSummary summary = executor(Mode.ENFORCE, connected()).execute(plan(), run(RunKind.SCHEDULED));

        assertThat(hub.writes()).isPositive();
        assertThat(hub.linkguardTag(PUMP)).containsEntry("class", "faulty-reconnect");
        assertThat(summary.count(Action.TAG, ActionOutcome.DONE)).isPositive();
        assertThat(summary.total(ActionOutcome.PLANNED)).isZero();
        assertThat(reports).singleElement().satisfies(r -> assertThat(r.mode()).isEqualTo(Mode.ENFORCE));
    }

    @Test
    void dryRunWritesNothingAndCountsEveryActionPlanned() {
        ExecutionSummary summary = executor(Mode.DRY_RUN, connected()).execute(plan(), run(RunKind.SCHEDULED));

        assertThat(hub.writes()).isZero();
        assertThat(summary.total(ActionOutcome.PLANNED)).isPositive();
        assertThat(summary.total(ActionOutcome.DONE)).isZero();
    }

    @Test
    void anUnreachableHubFailsItsActionsAndSaysWhy() {
        HubGatewayFactory down = target -> {
            throw new HubConnectionException("ARM said 403 for " + target.hubName());
        };
        ExecutionSummary summary = executor(Mode.ENFORCE, down).execute(plan(), run(RunKind.SCHEDULED));

        assertThat(summary.count(Action.TAG, ActionOutcome.FAILED)).isEqualTo(2);
        assertThat(summary.count(Action.BACKOFF, ActionOutcome.FAILED)).isEqualTo(1);
        assertThat(summary.count(Action.TICKET, ActionOutcome.FAILED)).isEqualTo(1);
        assertThat(failures).singleElement().asString().contains("hub-a").contains("403");
    }

    @Test
    void aTargetedRunWithNothingForAHubDoesNotConnectToIt() {
        HubGatewayFactory refuse = target -> {
            throw new AssertionError("must not connect for an empty targeted plan");
        };
        ExecutionSummary summary = executor(Mode.ENFORCE, refuse)
                .execute(Findings.plan(List.of()), run(RunKind.TARGETED));
        assertThat(summary.actions()).isEmpty();
    }

    private RemediatingExecutor executor(Mode mode, HubGatewayFactory factory) {
        return new RemediatingExecutor(RemediationSettings.DEFAULTS.withMode(mode),
                List.of(HubTarget.parse("hub-a.azure-devices.net")), factory, TicketPort.disabled(),
                Clock.fixed(NOW, ZoneOffset.UTC), reports::add, failures::add);
    }

    private HubGatewayFactory connected() {
        return target -> new HubConnection() {
            @Override
            public HubGateway gateway() {
                return hub;
            }

            @Override
            public HubRoster roster(RosterScope scope) {
                return new HubRoster(target.hubName(), 1000, List.of());
            }

            @Override
            public void close() {
            }
        };
    }

    private static Plan plan() {
        return Findings.plan(Findings.of(PUMP, Classification.FAULTY_RECONNECT, 20, NOW),
                Findings.of(CLONE, Classification.SHARED_IDENTITY, 12, NOW));
    }

    private static RunContext run(RunKind kind) {
        return new RunContext("run-1", RunTrigger.values()[0], kind, "inv-1", NOW);
    }
}
