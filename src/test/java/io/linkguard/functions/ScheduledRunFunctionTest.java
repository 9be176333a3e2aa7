package io.linkguard.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.data.tables.TableServiceClientBuilder;
import io.linkguard.classification.Classification;
import io.linkguard.config.AnalysisSettings;
import io.linkguard.pipeline.IngestionWindow;
import io.linkguard.pipeline.RunFailedException;
import io.linkguard.pipeline.RunKind;
import io.linkguard.pipeline.RunRecord;
import io.linkguard.pipeline.RunStatus;
import io.linkguard.plan.Analyzer;
import io.linkguard.plan.PlanSummary;
import io.linkguard.bench.Azurite;
import io.linkguard.state.AzuriteExtension;
import io.linkguard.state.StateTables;
import io.linkguard.state.TableLeaseStore;
import io.linkguard.telemetry.RunMetrics;
import io.linkguard.tickets.TicketKey;
import io.linkguard.tickets.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The timer function end to end: the real Log Analytics client against a stub, the state in a real Azurite. */
@ExtendWith(AzuriteExtension.class)
class ScheduledRunFunctionTest {
    private static final String TIMER = "{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":null,\"IsPastDue\":false}";
    private FunctionsFixture fx;
    private LinkGuardRuntime runtime;

    @BeforeEach
    void start(Azurite azurite) {
        fx = new FunctionsFixture(azurite);
        runtime = fx.runtime();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private TestContext fire(String timerInfo, String invocationId) {
        TestContext context = new TestContext("ScheduledRun", invocationId);
        new ScheduledRunFunction(() -> runtime).run(timerInfo, context);
        return context;
    }

    @Test
    void theAppRemembersItsCohortTicketsInItsStateTableForTheNextHost() {
        TicketKey key = new TicketKey("linkguard:hub-a-77:~cohort:sdk-version=azure-iot-device~201.18.3:faulty-reconnect");
        TicketState open = new TicketState("github", "42", null, TicketState.Status.OPEN, fx.clock.instant(),
                "faulty-reconnect");

        runtime.hubCoordination().cohortTickets().remember("hub-a-77", key, open);

        LinkGuardRuntime restarted = fx.runtime();
        assertThat(restarted.hubCoordination().cohortTickets().open("hub-a-77")).containsExactly(Map.entry(key, open));
    }

    @Test
    void aTimerRunClassifiesTheWindowWritesTheLedgerAndAdvancesTheWatermark() {
        Instant t0 = fx.clock.instant();
        TestContext context = fire(TIMER, "inv-1");

        List<RunRecord> runs = runtime.ledger().recent(10);
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(run.kind()).isEqualTo(RunKind.SCHEDULED);
            assertThat(run.invocationId()).isEqualTo("inv-1");
            assertThat(run.window().from()).isEqualTo(t0.minus(Duration.ofHours(6)));
            assertThat(run.window().to()).isEqualTo(t0);
            assertThat(run.identities()).isEqualTo(PlanSummary.of(new Analyzer(AnalysisSettings.DEFAULTS).analyze(FunctionsFixture.FLEET))
                    .byClassification());
        });
        RunRecord run = runs.get(0);
        assertThat(runtime.ledger().watermark()).contains(t0);
        assertThat(fx.queries()).as("affected count, fleet bins, identities, hub populations").hasSize(4);
        assertThat(fx.queries().get(0)).contains("let _ingestedSince = datetime(" + t0.minus(Duration.ofHours(6)) + ");")
                .contains("let _hubs = dynamic([\\\"hub-a-77\\\", \\\"hub-b-77\\\"]);");

        String summary = context.line("run.summary");
        assertThat(summary).startsWith("INFO linkguard run.summary function=ScheduledRun invocationId=inv-1 runId=" + run.runId()
                + " trigger=timer kind=scheduled mode=observe status=completed | LinkGuard run " + run.runId() + " timer/scheduled (observe) completed");
        assertThat(fx.telemetry.sum(RunMetrics.IDENTITIES, Map.of("class", "faulty-reconnect")))
                .isEqualTo((double) run.identities().get(Classification.FAULTY_RECONNECT)).isPositive();
        assertThat(fx.telemetry.sum(RunMetrics.RUN_ACTIONS, Map.of("action", "backoff", "outcome", "planned"))).isPositive();
        assertThat(fx.telemetry.metrics()).anySatisfy(m -> assertThat(m.name()).isEqualTo(RunMetrics.RUN_DURATION));
        assertThat(fx.telemetry.metrics()).anySatisfy(m -> {
            assertThat(m.name()).isEqualTo(RunMetrics.THROTTLING_WAIT);
            assertThat(m.dimensions()).containsEntry("source", "log-analytics");
        });
    }

    @Test
    void theNextRunOverlapsAndALateRunCatchesUp() {
        Instant t0 = fx.clock.instant();
        fire(TIMER, "inv-1");
        fx.clock.advance(Duration.ofMinutes(5));
        fire(TIMER, "inv-2");
        assertThat(fx.queries().get(4)).contains("let _ingestedSince = datetime(" + t0.minus(Duration.ofMinutes(15)) + ");");
        assertThat(runtime.ledger().watermark()).contains(t0.plus(Duration.ofMinutes(5)));

        fx.clock.advance(Duration.ofHours(2));
        TestContext late = fire("{\"IsPastDue\":true}", "inv-3");
        assertThat(late.line("timer.past-due")).startsWith("WARNING");
        Instant expectedFrom = t0.plus(Duration.ofMinutes(5)).minus(Duration.ofMinutes(15));
        assertThat(fx.queries().get(8)).contains("let _ingestedSince = datetime(" + expectedFrom + ");");
        IngestionWindow window = runtime.ledger().recent(1).get(0).window();
        assertThat(Duration.between(window.previousWatermark(), window.to())).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aRunThatOverlapsARunStillGoingIsSkippedAndQueriesNothing() {
        StateTables tables = new StateTables(new TableServiceClientBuilder().connectionString(fx.azurite.connectionString())
                .buildClient(), fx.tablePrefix);
        new TableLeaseStore(tables).tryAcquire("scheduled-run", "r-still-going", fx.clock.instant(), Duration.ofMinutes(10));
        TestContext context = fire(TIMER, "inv-overlap");
        assertThat(context.line("run.summary")).startsWith("WARNING").contains("skipped").contains("run r-still-going is still going");
        assertThat(fx.queries()).isEmpty();
        assertThat(runtime.ledger().recent(1).get(0).status()).isEqualTo(RunStatus.SKIPPED);
    }

    @Test
    void aFailedQueryFailsTheInvocationIsRecordedAndKeepsTheWatermark() {
        fx.failQueries(403, "{\"error\":{\"code\":\"InsufficientAccessError\",\"message\":\"The provided credentials have insufficient access\"}}");
        assertThatThrownBy(() -> fire(TIMER, "inv-fail")).isInstanceOf(RunFailedException.class);
        RunRecord failed = runtime.ledger().recent(1).get(0);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.error()).contains("HTTP 403").contains("InsufficientAccessError");
        assertThat(runtime.ledger().watermark()).isEmpty();
        assertThat(fx.telemetry.metrics()).as("one failed-run duration")
                .filteredOn(m -> m.name().equals(RunMetrics.RUN_DURATION) && "failed".equals(m.dimensions().get("status")))
                .singleElement().satisfies(m -> assertThat(m.value()).isNotNegative());
    }
}
