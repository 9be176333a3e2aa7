package io.linkguard.state;

import io.linkguard.bench.Azurite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.data.tables.models.TableEntity;
import io.linkguard.classification.Classification;
import io.linkguard.events.ConnectionState;
import io.linkguard.events.ConnectionStateStore;
import io.linkguard.events.IdentityConnectionState;
import io.linkguard.events.SequenceNumber;
import io.linkguard.evidence.Identity;
import io.linkguard.pipeline.ActionOutcome;
import io.linkguard.pipeline.ExecutionSummary;
import io.linkguard.pipeline.IngestionWindow;
import io.linkguard.pipeline.LeaseStore;
import io.linkguard.pipeline.RunKind;
import io.linkguard.pipeline.RunRecord;
import io.linkguard.pipeline.RunStatus;
import io.linkguard.pipeline.RunTrigger;
import io.linkguard.plan.Action;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Table Storage adapters against a real Azurite. */
@ExtendWith(AzuriteExtension.class)
class TableStateTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:15:00Z");
    private StateTables tables;

    @BeforeEach
    void tables(Azurite azurite) {
        TableServiceClient service = new TableServiceClientBuilder().connectionString(azurite.connectionString()).buildClient();
        tables = new StateTables(service, Azurite.uniquePrefix());
    }

    @Test
    void connectionStateRoundTripsAndWritesAreVersioned() {
        TableConnectionStateStore store = new TableConnectionStateStore(tables);
        Identity odd = new Identity("hub-a", "pump!*?.%_-'x", "mod?#");
        assertThat(store.load(odd)).isEmpty();
        IdentityConnectionState state = new IdentityConnectionState(new SequenceNumber("00A1"), ConnectionState.CONNECTED,
                NOW, List.of(NOW.minusSeconds(120), NOW.minusSeconds(60)), 2, 1);
        assertThat(store.save(odd, state, null)).isTrue();
        assertThat(store.save(odd, state, null)).as("a second create loses").isFalse();
        ConnectionStateStore.Versioned loaded = store.load(odd).orElseThrow();
        assertThat(loaded.state()).isEqualTo(state);
        IdentityConnectionState next = new IdentityConnectionState(new SequenceNumber("00A2"), ConnectionState.DISCONNECTED,
                NOW.plusSeconds(60), List.of(), 2, 1);
        assertThat(store.save(odd, next, loaded.version())).isTrue();
        assertThat(store.save(odd, state, loaded.version())).as("a stale version loses").isFalse();
        assertThat(store.load(odd).orElseThrow().state()).isEqualTo(next);
        assertThat(store.load(new Identity("hub-a", "pump!*?.%_-'x", null))).as("the device is not its module").isEmpty();
    }

    @Test
    void exactlyOneOfManyConcurrentDebounceClaimsWins() throws Exception {
        TableDebounceMarks marks = new TableDebounceMarks(tables);
        Identity id = new Identity("hub-a", "dev-1", null);
        List<Boolean> results = concurrently(8, i -> marks.claim(id, NOW, Duration.ofMinutes(30)));
        assertThat(results).containsOnlyOnce(true);
        assertThat(marks.claim(id, NOW.plus(Duration.ofMinutes(29)), Duration.ofMinutes(30))).isFalse();
        List<Boolean> later = concurrently(8, i -> marks.claim(id, NOW.plus(Duration.ofMinutes(31)), Duration.ofMinutes(30)));
        assertThat(later).containsOnlyOnce(true);
    }

    @Test
    void aLeaseIsExclusiveUntilItExpiresOrIsReleased() {
        TableLeaseStore leases = new TableLeaseStore(tables);
        assertThat(leases.tryAcquire("scheduled-run", "r-1", NOW, Duration.ofMinutes(10))).isEmpty();
        assertThat(leases.tryAcquire("scheduled-run", "r-2", NOW.plusSeconds(60), Duration.ofMinutes(10)))
                .contains(new LeaseStore.Holder("r-1", NOW.plus(Duration.ofMinutes(10))));
        assertThat(leases.tryAcquire("scheduled-run", "r-1", NOW.plusSeconds(60), Duration.ofMinutes(10))).as("re-entrant").isEmpty();
        leases.release("scheduled-run", "r-2");
        assertThat(leases.tryAcquire("scheduled-run", "r-3", NOW.plusSeconds(120), Duration.ofMinutes(10))).isPresent();
        assertThat(leases.tryAcquire("scheduled-run", "r-3", NOW.plus(Duration.ofMinutes(12)), Duration.ofMinutes(10)))
                .as("expired: a crashed run blocks no longer than its lease").isEmpty();
        leases.release("scheduled-run", "r-3");
        assertThat(leases.tryAcquire("scheduled-run", "r-4", NOW.plus(Duration.ofMinutes(12)), Duration.ofMinutes(10))).isEmpty();
    }

    @Test
    void concurrentRunsLeasingOverlappingIdentitiesGetDisjointSets() throws Exception {
        TableLeaseStore leases = new TableLeaseStore(tables);
        List<String> names = IntStream.range(0, 150).mapToObj(i -> "identity:hub-a:dev?" + i).toList();
        assertThat(leases.tryAcquire(names.get(7), "r-other", NOW, Duration.ofMinutes(10))).isEmpty();
        assertThat(leases.tryAcquire(names.get(8), "r-crashed", NOW.minus(Duration.ofMinutes(20)), Duration.ofMinutes(10))).isEmpty();
        List<Set<String>> taken = concurrently(3, i -> leases.acquireAll(names, "r-" + i, NOW, Duration.ofMinutes(10)));
        Set<String> all = new java.util.HashSet<>();
        int total = 0;
        for (Set<String> t : taken) {
            all.addAll(t);
            total += t.size();
        }
        assertThat(total).as("no identity leased twice").isEqualTo(all.size());
        assertThat(all).doesNotContain(names.get(7)).contains(names.get(8)).hasSize(149);
        for (int i = 0; i < taken.size(); i++) {
            leases.releaseAll(taken.get(i), "r-" + i);
        }
        assertThat(leases.acquireAll(names, "r-next", NOW, Duration.ofMinutes(10))).hasSize(149);
    }

    @Test
    void theLedgerKeepsRunsAndTheWatermarkOnlyMovesForward() throws Exception {
        TableRunLedger ledger = new TableRunLedger(tables, Clock.fixed(NOW.plusSeconds(30), ZoneOffset.UTC));
        assertThat(ledger.watermark()).isEmpty();
        Map<Classification, Integer> byClass = new EnumMap<>(Classification.class);
        byClass.put(Classification.TRANSIENT, 3);
        byClass.put(Classification.FAULTY_RECONNECT, 1);
        byClass.put(Classification.SHARED_IDENTITY, 0);
        byClass.put(Classification.PLATFORM_EVENT, 7);
        ExecutionSummary execution = new ExecutionSummary.Builder().add(Action.TAG, ActionOutcome.DONE, 3)
                .add(Action.BACKOFF, ActionOutcome.FAILED, 1).add(Action.TAG, ActionOutcome.DEFERRED, 1)
                .waited(Duration.ofMillis(1500)).build();
        RunRecord run = new RunRecord("r-20261126T101500Z-0001", RunTrigger.TIMER, RunKind.SCHEDULED, "observe", "inv-1", NOW,
                NOW.plusMillis(2345), RunStatus.COMPLETED,
                new IngestionWindow(NOW.minus(Duration.ofMinutes(20)), NOW, NOW.minus(Duration.ofMinutes(5)), Duration.ZERO),
                0, byClass, execution, Map.of("bad-identity-row", 2L), List.of("a note"), null);
        RunRecord failed = new RunRecord("r-20261126T101510Z-0002", RunTrigger.ALERT, RunKind.TARGETED, "observe", "inv-2", NOW.plusSeconds(10),
                NOW.plusSeconds(11), RunStatus.FAILED, null, 2, byClass, ExecutionSummary.empty(), Map.of(), List.of(),
                "LogQueryException: HTTP 403");
        ledger.record(run);
        ledger.record(failed);
        assertThat(ledger.recent(10)).containsExactly(failed, run);
        assertThat(ledger.recent(1)).containsExactly(failed);

        List<Instant> marks = IntStream.range(0, 6).mapToObj(i -> NOW.plusSeconds(60L * i)).toList();
        concurrently(6, i -> {
            ledger.advanceWatermark(marks.get(i), "r-" + i);
            return null;
        });
        assertThat(ledger.watermark()).contains(NOW.plusSeconds(300));
        ledger.advanceWatermark(NOW, "r-slow");
        assertThat(ledger.watermark()).contains(NOW.plusSeconds(300));
    }

    @Test
    void theLedgerKeepsARunsCohortsAndReadsOlderRowsWithoutThem() {
        RunRecord withCohorts = new RunRecord("r-20261126T101500Z-0004", RunTrigger.TIMER, RunKind.SCHEDULED, "observe", "inv-4", NOW,
                NOW.plusSeconds(1), RunStatus.COMPLETED, null, 0, Map.of(), ExecutionSummary.empty(), Map.of(), List.of(), null,
                2, List.of("hub-a/faulty-reconnect/sdk-version=azure-iot-device-client 2.5.1: sdk-version ...",
                        "*/faulty-reconnect/sdk-version=azure-iot-device-client 2.5.1: sdk-version ..."));
        TableEntity row = TableRunLedger.entity(withCohorts);
        assertThat(TableRunLedger.run(row)).extracting(RunRecord::cohortCount, RunRecord::cohorts)
                .containsExactly(2, withCohorts.cohorts());
        assertThat(withCohorts.line()).contains("; cohorts 2 (hub-a/faulty-reconnect/sdk-version=azure-iot-device-client 2.5.1");
        row.getProperties().remove("Cohorts");
        row.getProperties().remove("CohortCount");
        RunRecord older = TableRunLedger.run(row);
        assertThat(older.cohorts()).isEmpty();
        assertThat(older.cohortCount()).isZero();
    }

    @Test
    void aLedgerRowWithAnUnknownLabelIsAnErrorNotAGuess() {
        RunRecord targeted = new RunRecord("r-20261126T101500Z-0003", RunTrigger.EVENT_GRID, RunKind.TARGETED, "enforce", "inv-3", NOW,
                NOW.plusSeconds(1), RunStatus.SKIPPED, null, 1, Map.of(), ExecutionSummary.empty(), Map.of(), List.of(), null);
        TableEntity row = TableRunLedger.entity(targeted);
        RunRecord read = TableRunLedger.run(row);
        assertThat(List.of(read.trigger(), read.kind(), read.status())).containsExactly(RunTrigger.EVENT_GRID, RunKind.TARGETED, RunStatus.SKIPPED);
        row.addProperty("Kind", "weekly");
        assertThatThrownBy(() -> TableRunLedger.run(row)).hasMessage("unknown run kind 'weekly' in the ledger");
    }

    private static <T> List<T> concurrently(int n, java.util.function.IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> {
                    start.await();
                    return task.apply(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
