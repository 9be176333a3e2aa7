package io.linkguard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.classification.Classification;
import io.linkguard.config.AnalysisSettings;
import io.linkguard.evidence.Identity;
import io.linkguard.loganalytics.QueryParameters;
import io.linkguard.plan.Action;
import io.linkguard.plan.Analyzer;
import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import io.linkguard.plan.PlanSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunPipelineTest {
    static final Instant NOW = Instant.parse("2026-11-26T10:15:00Z");
    static final PipelineSettings SETTINGS = new PipelineSettings(AnalysisSettings.DEFAULTS, SimulatedEvidence.HUBS,
            Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofHours(6), Duration.ofMinutes(10));

    private final SimulatedEvidence evidence = new SimulatedEvidence();
    private final InMemoryRunLedger ledger = new InMemoryRunLedger();
    private final InMemoryLeaseStore leases = new InMemoryLeaseStore();
    private final Plan fullPlan = new Analyzer(AnalysisSettings.DEFAULTS).analyze(evidence.batch);

    private RunPipeline pipeline(PlanExecutor executor, Instant now) {
        return new RunPipeline(evidence, executor, ledger, leases, Clock.fixed(now, ZoneOffset.UTC), SETTINGS);
    }

    @Test
    void theFirstScheduledRunReadsTheCatchUpBoundAndAdvancesTheWatermark() {
        RunPipeline.RunResult result = pipeline(new ReportOnlyExecutor(), NOW).runScheduled(RunTrigger.TIMER, "inv-1");
        RunRecord run = result.record();
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.window().from()).isEqualTo(NOW.minus(Duration.ofHours(6)));
        assertThat(run.window().to()).isEqualTo(NOW);
        QueryParameters q = evidence.queries.get(0);
        assertThat(q.ingestedSince()).isEqualTo(NOW.minus(Duration.ofHours(6)));
        assertThat(q.lookback()).isEqualTo(Duration.ofHours(24));
        assertThat(q.hubs()).isEqualTo(SimulatedEvidence.HUBS);
        assertThat(q.devices()).isEmpty();
        assertThat(run.identities()).isEqualTo(PlanSummary.of(fullPlan).byClassification());
        assertThat(run.identities().get(Classification.FAULTY_RECONNECT)).isPositive();
        assertThat(run.execution().count(Action.BACKOFF, ActionOutcome.PLANNED))
                .isEqualTo(PlanSummary.of(fullPlan).plannedActions().get(Action.BACKOFF));
        assertThat(run.skippedRows()).isNotEmpty();
        assertThat(ledger.runs).containsExactly(run);
        assertThat(ledger.watermark).isEqualTo(NOW);
        assertThat(leases.leases).isEmpty();
        assertThat(run.line()).startsWith("LinkGuard run " + run.runId() + " timer/scheduled (observe) completed in 0.0 s; ingested "
                + NOW.minus(Duration.ofHours(6)) + " .. " + NOW + "; " + fullPlan.findings().size() + " identities: transient ")
                .contains("actions: tag planned ").contains("; skipped rows ");
    }

    @Test
    void theNextRunOverlapsThePreviousWindowForLateLogs() {
        pipeline(new ReportOnlyExecutor(), NOW).runScheduled(RunTrigger.TIMER, "inv-1");
        RunRecord second = pipeline(new ReportOnlyExecutor(), NOW.plusSeconds(300)).runScheduled(RunTrigger.TIMER, "inv-2").record();
        assertThat(second.window().from()).isEqualTo(NOW.minus(Duration.ofMinutes(15)));
        assertThat(second.window().previousWatermark()).isEqualTo(NOW);
        assertThat(evidence.queries.get(1).ingestedSince()).isEqualTo(NOW.minus(Duration.ofMinutes(15)));
        assertThat(ledger.watermark).isEqualTo(NOW.plusSeconds(300));
    }

    @Test
    void aLateRunCatchesUpAndTheCatchUpBoundIsReported() {
        ledger.watermark = NOW.minus(Duration.ofHours(3));
        RunRecord late = pipeline(new ReportOnlyExecutor(), NOW).runScheduled(RunTrigger.TIMER, "inv").record();
        assertThat(late.window().from()).isEqualTo(NOW.minus(Duration.ofHours(3)).minus(Duration.ofMinutes(15)));
        assertThat(late.window().notCovered()).isZero();
        assertThat(late.window().previousWatermark()).isEqualTo(NOW.minus(Duration.ofHours(3)));

        ledger.watermark = NOW.minus(Duration.ofHours(10));
        RunRecord tooLate = pipeline(new ReportOnlyExecutor(), NOW).runScheduled(RunTrigger.TIMER, "inv").record();
        assertThat(tooLate.window().from()).isEqualTo(NOW.minus(Duration.ofHours(6)));
        assertThat(tooLate.window().notCovered()).isEqualTo(Duration.ofHours(4).plusMinutes(15));
        assertThat(tooLate.notes()).anySatisfy(n -> assertThat(n).contains("255 min before").contains("LINKGUARD_MAX_CATCH_UP_HOURS"));
        assertThat(tooLate.line()).contains("(catch-up bound: 255 min not covered)");
    }

    @Test
    void incompleteEvidenceDoesNotAdvanceTheWatermark() {
        ledger.watermark = NOW.minusSeconds(300);
        evidence.incompleteBecause = "identity-observations.kql partition 0/1: PartialError";
        RunRecord run = pipeline(new ReportOnlyExecutor(), NOW).runScheduled(RunTrigger.TIMER, "inv").record();
        assertThat(run.status()).isEqualTo(RunStatus.INCOMPLETE);
        assertThat(run.notes()).contains("evidence incomplete: identity-observations.kql partition 0/1: PartialError");
        assertThat(ledger.watermark).isEqualTo(NOW.minusSeconds(300));
    }

    @Test
    void aFailedRunIsRecordedAndReleasesItsLease() {
        evidence.failWith = new IllegalStateException("workspace unreachable");
        assertThatThrownBy(() -> pipeline(new ReportOnlyExecutor(), NOW).runScheduled(RunTrigger.TIMER, "inv"))
                .isInstanceOfSatisfying(RunFailedException.class, e -> {
                    assertThat(e.record().status()).isEqualTo(RunStatus.FAILED);
                    assertThat(e.record().error()).isEqualTo("IllegalStateException: workspace unreachable");
                });
        assertThat(ledger.runs).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(RunStatus.FAILED));
        assertThat(ledger.watermark).isNull();
        assertThat(leases.leases).isEmpty();
    }

    @Test
    void anOverlappingScheduledRunIsSkipped() {
        leases.tryAcquire(RunPipeline.SCHEDULED_LEASE, "r-older", NOW.minusSeconds(60), Duration.ofMinutes(10));
        RunRecord run = pipeline(new ReportOnlyExecutor(), NOW).runScheduled(RunTrigger.TIMER, "inv").record();
        assertThat(run.status()).isEqualTo(RunStatus.SKIPPED);
        assertThat(run.notes()).containsExactly("run r-older is still going (lease until " + NOW.plusSeconds(540) + ")");
        assertThat(evidence.queries).isEmpty();
        assertThat(leases.leases.get(RunPipeline.SCHEDULED_LEASE).owner()).isEqualTo("r-older");
        // Once the older run's lease has expired (it crashed), the next run goes ahead.
        RunRecord later = pipeline(new ReportOnlyExecutor(), NOW.plusSeconds(600)).runScheduled(RunTrigger.TIMER, "inv").record();
        assertThat(later.status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void aTargetedRunQueriesOnlyItsDevicesAndReportsOnlyThem() {
        Finding faulty = fullPlan.findings().stream()
                .filter(f -> f.verdict().classification() == Classification.FAULTY_RECONNECT).findFirst().orElseThrow();
        Identity target = faulty.identity();
        RunPipeline.RunResult result = pipeline(new ReportOnlyExecutor(), NOW).runTargeted(RunTrigger.EVENT_GRID, "inv",
                List.of(target, new Identity("hub-z", "x", null), new Identity(target.hub(), "bad\"id", null)));
        RunRecord run = result.record();
        assertThat(run.kind()).isEqualTo(RunKind.TARGETED);
        assertThat(run.targets()).isEqualTo(1);
        assertThat(run.window()).isNull();
        assertThat(run.notes()).contains("2 identities left out (hub not watched or id not valid)");
        QueryParameters q = evidence.queries.get(0);
        assertThat(q.hubs()).containsExactly(target.hub());
        assertThat(q.devices()).containsExactly(target.deviceId());
        assertThat(q.ingestedSince()).isEqualTo(NOW.minus(Duration.ofHours(24)));
        assertThat(result.plan().findings()).allSatisfy(f -> assertThat(f.identity().deviceId()).isEqualTo(target.deviceId()));
        assertThat(run.identities().get(Classification.FAULTY_RECONNECT)).isEqualTo(1);
        assertThat(ledger.watermark).isNull();
        assertThat(run.line()).contains("eventgrid/targeted (observe) completed").contains("1 device targeted");
    }

    @Test
    void aWritingScheduledRunHandsTheExecutorThePlansFleetFindings() {
        assertThat(fullPlan.fleetFindings().cohortsComputed()).as("the simulated source gives hub populations").isTrue();
        RecordingExecutor executor = new RecordingExecutor();

        pipeline(executor, NOW).runScheduled(RunTrigger.TIMER, "inv");

        assertThat(executor.plans).singleElement().satisfies(p ->
                assertThat(p.fleetFindings()).as("what cohort tickets are raised and resolved from")
                        .isEqualTo(fullPlan.fleetFindings()));
    }

    @Test
    void aTargetedRunHandsTheExecutorNoCohorts() {
        Finding faulty = fullPlan.findings().stream()
                .filter(f -> f.verdict().classification() == Classification.FAULTY_RECONNECT).findFirst().orElseThrow();
        RecordingExecutor executor = new RecordingExecutor();

        pipeline(executor, NOW).runTargeted(RunTrigger.ALERT, "inv", List.of(faulty.identity()));

        assertThat(executor.plans).singleElement().satisfies(p -> assertThat(p.fleetFindings().cohortsComputed())
                .as("a few identities say nothing of the hub's cohorts: none raised, none resolved").isFalse());
    }

    @Test
    void identitiesLeasedByAnotherRunAreDeferredAndNotGivenToTheExecutor() {
        Finding faulty = fullPlan.findings().stream()
                .filter(f -> f.verdict().classification() == Classification.FAULTY_RECONNECT).findFirst().orElseThrow();
        leases.tryAcquire(RunPipeline.leaseName(faulty.identity()), "r-targeted", NOW, Duration.ofMinutes(10));
        RecordingExecutor executor = new RecordingExecutor();
        RunRecord run = pipeline(executor, NOW).runScheduled(RunTrigger.TIMER, "inv").record();
        assertThat(executor.actedOn).doesNotContain(faulty.identity()).isNotEmpty();
        assertThat(run.execution().count(Action.BACKOFF, ActionOutcome.DEFERRED)).isEqualTo(1);
        assertThat(run.execution().count(Action.TAG, ActionOutcome.DEFERRED)).isEqualTo(1);
        assertThat(run.execution().throttlingWait()).isEqualTo(Duration.ofMillis(5));
        assertThat(leases.leases).containsOnlyKeys(RunPipeline.leaseName(faulty.identity()));
    }

    @Test
    void aTimerRunAndATargetedEvaluationAtTheSameMomentActOnAnIdentityOnce() throws Exception {
        Finding faulty = fullPlan.findings().stream()
                .filter(f -> f.verdict().classification() == Classification.FAULTY_RECONNECT).findFirst().orElseThrow();
        RecordingExecutor executor = new RecordingExecutor();
        executor.entered = new CountDownLatch(1);
        executor.proceed = new CountDownLatch(1);
        CompletableFuture<RunRecord> timer = CompletableFuture.supplyAsync(
                () -> pipeline(executor, NOW).runScheduled(RunTrigger.TIMER, "inv-timer").record());
        assertThat(executor.entered.await(20, TimeUnit.SECONDS)).isTrue();
        // The timer run is inside execute() holding its leases; the targeted evaluation arrives now.
        RecordingExecutor targetedExecutor = new RecordingExecutor();
        RunRecord targeted = pipeline(targetedExecutor, NOW.plusSeconds(1))
                .runTargeted(RunTrigger.ALERT, "inv-alert", List.of(faulty.identity())).record();
        executor.proceed.countDown();
        RunRecord timerRun = timer.get(20, TimeUnit.SECONDS);

        assertThat(executor.actedOn).contains(faulty.identity());
        assertThat(targetedExecutor.actedOn).isEmpty();
        assertThat(targeted.execution().count(Action.BACKOFF, ActionOutcome.DEFERRED)).isEqualTo(1);
        assertThat(timerRun.execution().count(Action.BACKOFF, ActionOutcome.DONE)).isPositive();
        assertThat(leases.leases).isEmpty();
    }
}
