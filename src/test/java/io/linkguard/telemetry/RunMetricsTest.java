package io.linkguard.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.classification.Classification;
import io.linkguard.events.EventBatchOutcome;
import io.linkguard.evidence.Identity;
import io.linkguard.findings.Cohort;
import io.linkguard.findings.CohortDimension;
import io.linkguard.findings.CohortSettings;
import io.linkguard.findings.FleetFindings;
import io.linkguard.findings.PrecursorBreakdown;
import io.linkguard.pipeline.ActionOutcome;
import io.linkguard.pipeline.ExecutionSummary;
import io.linkguard.pipeline.RunKind;
import io.linkguard.pipeline.RunPipeline;
import io.linkguard.pipeline.RunRecord;
import io.linkguard.pipeline.RunStatus;
import io.linkguard.pipeline.RunTrigger;
import io.linkguard.plan.Action;
import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import io.linkguard.classification.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunMetricsTest {
    private static final Instant T = Instant.parse("2026-11-26T10:15:00Z");

    @Test
    void aRunEmitsEveryClassEveryNonZeroActionOutcomeSkippedRowsAndWaits() {
        Map<Classification, Integer> byClass = new EnumMap<>(Classification.class);
        byClass.put(Classification.TRANSIENT, 4);
        byClass.put(Classification.FAULTY_RECONNECT, 2);
        ExecutionSummary execution = new ExecutionSummary.Builder().add(Action.TAG, ActionOutcome.DONE, 5)
                .add(Action.BACKOFF, ActionOutcome.FAILED, 1).waited(Duration.ofMillis(750)).build();
        RunRecord run = new RunRecord("r-1", RunTrigger.TIMER, RunKind.SCHEDULED, "observe", "inv", T, T.plusMillis(1234), RunStatus.COMPLETED,
                null, 0, byClass, execution, Map.of("bad-identity-row", 3L), List.of(), null);
        RecordingTelemetry t = new RecordingTelemetry();
        Plan plan = new Plan(null, List.of(), List.of(finding("hub-a", Classification.TRANSIENT), finding("hub-a", Classification.TRANSIENT),
                finding("hub-a", Classification.FAULTY_RECONNECT), finding("hub-b", Classification.TRANSIENT),
                finding("hub-b", Classification.TRANSIENT), finding("hub-b", Classification.FAULTY_RECONNECT)));
        RunMetrics.run(t, new RunPipeline.RunResult(run, plan, List.of("hub-a", "hub-b", "hub-c")), Duration.ofMillis(40));

        assertThat(t.sum(RunMetrics.RUN_DURATION, Map.of("status", "completed", "trigger", "timer"))).isEqualTo(1234.0);
        assertThat(RunMetrics.RUN_DURATION).as("the workbook reads it by this name").isEqualTo("linkguard.run.duration");
        assertThat(t.metrics()).filteredOn(m -> m.name().equals(RunMetrics.IDENTITIES)).hasSize(12)
                .allSatisfy(m -> assertThat(m.dimensions()).containsOnlyKeys("hub", "class", "trigger"));
        assertThat(t.sum(RunMetrics.IDENTITIES, Map.of("class", "transient"))).isEqualTo(4.0);
        assertThat(t.sum(RunMetrics.IDENTITIES, Map.of("class", "transient", "hub", "hub-b"))).isEqualTo(2.0);
        assertThat(t.sum(RunMetrics.IDENTITIES, Map.of("class", "faulty-reconnect", "hub", "hub-a"))).isEqualTo(1.0);
        assertThat(t.metrics()).filteredOn(m -> m.name().equals(RunMetrics.IDENTITIES) && "hub-c".equals(m.dimensions().get("hub")))
                .as("a hub without findings reports zeros").hasSize(4).allSatisfy(m -> assertThat(m.value()).isZero());
        assertThat(t.sum(RunMetrics.IDENTITIES, Map.of("class", "shared-identity"))).isZero();
        assertThat(t.metrics()).filteredOn(m -> m.name().equals(RunMetrics.RUN_ACTIONS)).hasSize(2);
        assertThat(t.sum(RunMetrics.RUN_ACTIONS, Map.of("action", "backoff", "outcome", "failed"))).isEqualTo(1.0);
        assertThat(t.sum(RunMetrics.SKIPPED_ROWS, Map.of("reason", "bad-identity-row"))).isEqualTo(3.0);
        assertThat(t.sum(RunMetrics.THROTTLING_WAIT, Map.of("source", "executor"))).isEqualTo(750.0);
        assertThat(t.sum(RunMetrics.THROTTLING_WAIT, Map.of("source", "log-analytics"))).isEqualTo(40.0);
    }

    private static Finding finding(String hub, Classification c) {
        return new Finding(new Identity(hub, "d-" + c.label(), null), new Verdict(c, 0.9, List.of()), null, List.of(), List.of());
    }

    static Cohort cohort(String hub, String value, int members) {
        return new Cohort(hub, Classification.FAULTY_RECONNECT, CohortDimension.SDK_VERSION, value, members, 40, 50, 1000,
                6.5, 1e-12, 1e-10, List.of(), PrecursorBreakdown.EMPTY);
    }

    @Test
    void aRunEmitsOneGaugePerPerHubCohort() {
        RunRecord run = new RunRecord("r-2", RunTrigger.TIMER, RunKind.SCHEDULED, "observe", "inv", T, T.plusMillis(10),
                RunStatus.COMPLETED, null, 0, Map.of(), ExecutionSummary.empty(), Map.of(), List.of(), null);
        FleetFindings findings = new FleetFindings(true, 30, CohortSettings.DEFAULTS, List.of(cohort("hub-a", "azure-iot-device-client 2.5.1", 31),
                cohort("hub-b", "azure-iot-device-client 2.5.1", 28), cohort(null, "azure-iot-device-client 2.5.1", 59)), Map.of());
        RecordingTelemetry t = new RecordingTelemetry();
        RunMetrics.run(t, new RunPipeline.RunResult(run, new Plan(null, List.of(), List.of(), findings), List.of("hub-a", "hub-b")),
                Duration.ZERO);
        assertThat(RunMetrics.COHORTS).as("the workbook reads it by this name").isEqualTo("linkguard.cohorts");
        assertThat(t.metrics()).filteredOn(m -> m.name().equals(RunMetrics.COHORTS)).as("across-hubs cohorts are left out").hasSize(2)
                .allSatisfy(m -> assertThat(m.dimensions()).containsOnlyKeys("hub", "class", "dimension", "value", "trigger"));
        assertThat(t.sum(RunMetrics.COHORTS, Map.of("hub", "hub-a", "class", "faulty-reconnect", "dimension", "sdk-version",
                "value", "azure-iot-device-client 2.5.1"))).isEqualTo(31.0);

        RunMetrics.run(t, new RunPipeline.RunResult(run, new Plan(null, List.of(), List.of(), FleetFindings.NONE), List.of("hub-a")),
                Duration.ZERO);
        assertThat(t.metrics()).filteredOn(m -> m.name().equals(RunMetrics.COHORTS)).as("none when none are reported").hasSize(2);
    }

    @Test
    void eventDeliveriesEmitOutcomesSkipsAndEvaluations() {
        RecordingTelemetry t = new RecordingTelemetry();
        RunMetrics.events(t, new EventBatchOutcome(5, Map.of("hidden-flap", 3L, "duplicate", 2L), Map.of("unknown-hub", 1L),
                List.of(new Identity("h-1", "d", null)), List.of(), 1));
        assertThat(t.sum(RunMetrics.EVENTS, Map.of("outcome", "hidden-flap"))).isEqualTo(3.0);
        assertThat(t.sum(RunMetrics.EVENTS_SKIPPED, Map.of("reason", "unknown-hub"))).isEqualTo(1.0);
        assertThat(t.sum(RunMetrics.EVALUATIONS, Map.of("decision", "debounced"))).isEqualTo(1.0);
        assertThat(t.sum(RunMetrics.EVALUATIONS, Map.of("decision", "requested"))).isZero();
    }

    @Test
    void theApplicationInsightsApiIsANoOpWithoutTheAgent() {
        new ApplicationInsightsTelemetry().metric(RunMetrics.IDENTITIES, 3, Map.of("class", "transient"));
    }
}
