package io.linkguard.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.evidence.Identity;
import io.linkguard.remediation.safety.Mode;
import io.linkguard.remediation.report.ActionResult;
import io.linkguard.remediation.report.IdentityResult;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.remediation.tag.BackoffState;
import io.linkguard.remediation.tag.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemediationMetricsTest {
    private final RecordingTelemetry telemetry = new RecordingTelemetry();

    @Test
    void enforceCountsEachActionByHubTypeAndOutcomeAndEachNewVerdict() {
        RemediationMetrics.report(telemetry, report(Mode.ENFORCE,
                identity("hub-a", "d1", null, new ActionResult("tag", "written", null),
                        new ActionResult("backoff", "acknowledged-method", null)),
                identity("hub-a", "d2", BackoffState.Verdict.NOT_IMPROVED, new ActionResult("ticket", "opened", "INC-1")),
                identity("hub-a", "d3", BackoffState.Verdict.IMPROVED, new ActionResult("tag", "written", null)),
                identity("hub-b", "d4", null, new ActionResult("backoff", "sent-desired", null),
                        new ActionResult("backoff", "capped", "cap 1")),
                identity("hub-b", "d5", null, new ActionResult("ticket", "pending", "503"),
                        new ActionResult("observe", "transient", "none"))));

        assertThat(telemetry.metrics()).extracting(RecordingTelemetry.Metric::name, RecordingTelemetry.Metric::value,
                RecordingTelemetry.Metric::dimensions).containsExactlyInAnyOrder(
                metric(RemediationMetrics.ACTIONS, 2, Map.of("hub", "hub-a", "type", "tag", "outcome", "done")),
                metric(RemediationMetrics.ACTIONS, 1, Map.of("hub", "hub-a", "type", "backoff-method", "outcome", "done")),
                metric(RemediationMetrics.ACTIONS, 1, Map.of("hub", "hub-a", "type", "ticket-open", "outcome", "done")),
                metric(RemediationMetrics.ACTIONS, 1, Map.of("hub", "hub-b", "type", "backoff-desired", "outcome", "done")),
                metric(RemediationMetrics.ACTIONS, 1, Map.of("hub", "hub-b", "type", "backoff", "outcome", "skipped")),
                metric(RemediationMetrics.ACTIONS, 1, Map.of("hub", "hub-b", "type", "ticket", "outcome", "failed")),
                metric(RemediationMetrics.VERIFICATIONS, 1, Map.of("hub", "hub-a", "result", "persisting")),
                metric(RemediationMetrics.VERIFICATIONS, 1, Map.of("hub", "hub-a", "result", "calmed")));
    }

    @Test
    void dryRunCountsPlannedActionsAndNoVerdictsAndObserveEmitsNothing() {
        RemediationMetrics.report(telemetry, report(Mode.DRY_RUN,
                identity("hub-a", "d1", BackoffState.Verdict.IMPROVED, new ActionResult("ticket", "would-reopened", null),
                        new ActionResult("backoff", "would-scheduled-job", "job 7"))));
        RemediationMetrics.report(telemetry, report(Mode.OBSERVE,
                identity("hub-a", "d2", null, new ActionResult("observe", "faulty-reconnect", "tag,backoff"))));

        assertThat(telemetry.metrics()).extracting(RecordingTelemetry.Metric::name, RecordingTelemetry.Metric::value,
                RecordingTelemetry.Metric::dimensions).containsExactlyInAnyOrder(
                metric(RemediationMetrics.ACTIONS, 1, Map.of("hub", "hub-a", "type", "ticket-open", "outcome", "planned")),
                metric(RemediationMetrics.ACTIONS, 1, Map.of("hub", "hub-a", "type", "backoff-job", "outcome", "planned")));
    }

    private static org.assertj.core.groups.Tuple metric(String name, double value, Map<String, String> dimensions) {
        return org.assertj.core.groups.Tuple.tuple(name, value, dimensions);
    }

    private static IdentityResult identity(String hub, String device, BackoffState.Verdict verdict, ActionResult... actions) {
        return new IdentityResult(new Identity(hub, device, null), "faulty-reconnect", Stage.TAG, Stage.TAG,
                IdentityResult.Status.DONE, "test", List.of(actions), List.of(), verdict);
    }

    private static RemediationReport report(Mode mode, IdentityResult... identities) {
        Instant at = Instant.parse("2026-11-26T10:00:00Z");
        return new RemediationReport("run-1", mode, at, at, true, List.of(), List.of(identities), 0, List.of());
    }
}
