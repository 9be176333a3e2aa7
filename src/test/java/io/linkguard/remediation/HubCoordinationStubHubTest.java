package io.linkguard.remediation;

import static io.linkguard.classification.Classification.FAULTY_RECONNECT;
import static io.linkguard.classification.Classification.TRANSIENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.data.tables.TableServiceClientBuilder;
import io.linkguard.bench.Azurite;
import io.linkguard.evidence.Identity;
import io.linkguard.hub.HubSettings;
import io.linkguard.hub.IotHubConnections;
import io.linkguard.hub.stub.RecordedRequest;
import io.linkguard.hub.stub.StubHub;
import io.linkguard.hub.stub.StubOperation;
import io.linkguard.pipeline.ActionOutcome;
import io.linkguard.pipeline.ExecutionSummary;
import io.linkguard.pipeline.RemediatingExecutor;
import io.linkguard.pipeline.RunContext;
import io.linkguard.pipeline.RunKind;
import io.linkguard.pipeline.RunTrigger;
import io.linkguard.plan.Action;
import io.linkguard.plan.Finding;
import io.linkguard.remediation.report.HubResult;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.remediation.safety.UsageLog;
import io.linkguard.state.AzuriteExtension;
import io.linkguard.state.StateTables;
import io.linkguard.state.TableLeaseStore;
import io.linkguard.state.TableUsageLog;
import io.linkguard.state.TableWriterLeases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several instances of the Functions app (each its own IoT Hub adapter, so its own token buckets) acting on one
 * stub hub at the same time, sharing the hub's writer lease and usage log in one Azurite: the hub's published
 * throttles hold for all of them together, and the fleet guard and the caps count across runs.
 */
@ExtendWith(AzuriteExtension.class)
class HubCoordinationStubHubTest {
    private final StubHubRuns h = new StubHubRuns(StubHub.Config.defaults().hubName("plant").sku("S1", 1));
    private final List<RemediationReport> reports = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private StateTables tables;
    private int runs;

    @BeforeEach
    void tables(Azurite azurite) {
        tables = new StateTables(new TableServiceClientBuilder().connectionString(azurite.connectionString()).buildClient(),
                Azurite.uniquePrefix());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** One instance of the app: its own adapter (buckets), the shared table. */
    private final class Instance {
        final List<long[]> connected = Collections.synchronizedList(new ArrayList<>());
        final IotHubConnections adapter = IotHubConnections.builder().credential(h.stub.credential())
                .environment(h.stub.armProfile().getEnvironment()).armHttpClient(h.stub.armHttpClient())
                .settings(new HubSettings(0.5, Duration.ofSeconds(30), 3, Duration.ofSeconds(10))).build();
        final HubCoordination coordination;

        Instance(HubCoordination coordination) {
            this.coordination = coordination;
        }

        Instance() {
            this(new HubCoordination(new TableWriterLeases(new TableLeaseStore(tables), h.clock, Duration.ofMinutes(10)),
                    new TableUsageLog(tables)));
        }

        /** Records when this instance was connected to the hub (the span of its calls). */
        HubGatewayFactory recording() {
            return target -> {
                long[] span = {System.nanoTime(), Long.MAX_VALUE};
                connected.add(span);
                HubConnection c = adapter.connect(target);
                return new HubConnection() {
                    @Override
                    public HubGateway gateway() {
                        return c.gateway();
                    }

                    @Override
                    public HubRoster roster(RosterScope scope) {
                        return c.roster(scope);
                    }

                    @Override
                    public Duration throttlingWait() {
                        return c.throttlingWait();
                    }

                    @Override
                    public void close() {
                        c.close();
                        span[1] = System.nanoTime();
                    }
                };
            };
        }

        ExecutionSummary execute(RunTrigger trigger, List<Finding> findings) {
            RunKind kind = trigger == RunTrigger.TIMER ? RunKind.SCHEDULED : RunKind.TARGETED;
            RemediatingExecutor executor = new RemediatingExecutor(RemediationSettings.fromSettings(h.settings),
                    List.of(HubTarget.parse(h.stub.armId())), recording(), h.tickets, h.clock, coordination, reports::add,
                    failures::add);
            int n;
            synchronized (HubCoordinationStubHubTest.this) {
                n = ++runs;
            }
            return executor.execute(Findings.plan(findings), new RunContext("run-" + n, trigger, kind, "inv-" + n, h.now()));
        }
    }

    @Test
    void overlappingTimerAlertAndEventRunsOnThreeInstancesStayWithinTheHubsPublishedThrottles() throws Exception {
        h.set("LINKGUARD_HUB_CONCURRENCY", "8").set("LINKGUARD_HUB_LEASE_WAIT_SECONDS", "120");
        h.stub.throttleAsPublished();
        List<List<Finding>> work = new ArrayList<>();
        for (String group : List.of("timer", "alert", "event")) {
            work.add(IntStream.range(0, 40).mapToObj(i -> Findings.of(h.add(group + "-" + i), TRANSIENT, 3, h.now())).toList());
        }
        List<Instance> instances = List.of(new Instance(), new Instance(), new Instance());
        List<RunTrigger> triggers = List.of(RunTrigger.TIMER, RunTrigger.ALERT, RunTrigger.EVENT_GRID);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<ExecutionSummary>> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int k = i;
            running.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return instances.get(k).execute(triggers.get(k), work.get(k));
            }));
        }
        start.countDown();
        List<ExecutionSummary> summaries = new ArrayList<>();
        for (CompletableFuture<ExecutionSummary> r : running) {
            summaries.add(r.get(120, TimeUnit.SECONDS));
        }

        assertThat(failures).isEmpty();
        assertThat(summaries).allSatisfy(s -> {
            assertThat(s.unfinished()).isEmpty();
            assertThat(s.count(Action.TAG, ActionOutcome.DONE)).isEqualTo(40);
        });
        List<long[]> spans = instances.stream().flatMap(i -> i.connected.stream()).sorted((a, b) -> Long.compare(a[0], b[0]))
                .toList();
        assertThat(spans).hasSize(3);
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i)[0]).as("one instance at a time on the hub: each starts after the previous one ended")
                    .isGreaterThanOrEqualTo(spans.get(i - 1)[1]);
        }
        assertThat(h.stub.throttledCount()).as("the stub enforces S1's published twin and method throttles").isZero();
        assertThat(h.stub.count(StubOperation.TWIN_UPDATE)).isEqualTo(120);
        assertThat(maxInAnySecond(h.stub.requests(StubOperation.TWIN_UPDATE))).as("twin updates in any second, S1: 50/s")
                .isLessThanOrEqualTo(50);
        assertThat(maxInAnySecond(h.stub.requests(StubOperation.TWIN_READ))).as("twin reads in any second, S1: 100/s")
                .isLessThanOrEqualTo(100);
    }

    private static int maxInAnySecond(List<RecordedRequest> requests) {
        List<Long> times = requests.stream().map(RecordedRequest::nanoTime).sorted().toList();
        int max = 0;
        int from = 0;
        for (int to = 0; to < times.size(); to++) {
            while (times.get(to) - times.get(from) >= 1_000_000_000L) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        return max;
    }

    @Test
    void fourFaultyDevicesArrivingAsFourAlertRunsTripTheFleetGuardAsFourInOneRunDo() {
        h.set("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0").set("LINKGUARD_FLEET_GUARD_SHARE", "0.05")
                .set("LINKGUARD_FLEET_GUARD_MIN_IDENTITIES", "3");
        List<Identity> faulty = IntStream.range(0, 4).mapToObj(i -> h.add("pump-" + i)).toList();
        IntStream.range(0, 16).forEach(i -> h.add("quiet-" + i));
        List<Instance> instances = List.of(new Instance(), new Instance());

        instances.get(0).execute(RunTrigger.TIMER, faulty.stream().map(this::faulty).toList());
        assertThat(last().hubs()).singleElement().satisfies(hub -> assertThat(hub.status()).isEqualTo(HubResult.Status.GUARDED));
        assertThat(h.stub.count(StubOperation.METHOD)).as("4 of 20 in one run: held").isZero();

        for (int i = 0; i < 4; i++) {
            h.advance(Duration.ofMinutes(2));
            instances.get(i % 2).execute(RunTrigger.ALERT, List.of(faulty(faulty.get(i))));
        }
        assertThat(h.stub.count(StubOperation.METHOD)).as("the first three alert runs back off their device").isEqualTo(3);
        assertThat(last().hubs()).singleElement().satisfies(hub -> {
            assertThat(hub.status()).isEqualTo(HubResult.Status.GUARDED);
            assertThat(hub.reason()).contains("4 of 20").contains("1 now, 3 by earlier runs in the last 60 min");
        });
        assertThat(h.stub.methodCalls(faulty.get(3).deviceId())).isEmpty();

        h.advance(Duration.ofMinutes(61));
        instances.get(1).execute(RunTrigger.ALERT, List.of(faulty(faulty.get(3))));
        assertThat(h.stub.methodCalls(faulty.get(3).deviceId())).as("an hour later the window has rolled on").hasSize(1);
    }

    @Test
    void withoutTheSharedWindowEachAlertRunIsJudgedAloneAndAllFourAreBackedOff() {
        h.set("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0").set("LINKGUARD_FLEET_GUARD_SHARE", "0.05")
                .set("LINKGUARD_FLEET_GUARD_MIN_IDENTITIES", "3");
        List<Identity> faulty = IntStream.range(0, 4).mapToObj(i -> h.add("pump-" + i)).toList();
        IntStream.range(0, 16).forEach(i -> h.add("quiet-" + i));
        Instance alone = new Instance(HubCoordination.unshared());
        for (Identity device : faulty) {
            h.advance(Duration.ofMinutes(2));
            alone.execute(RunTrigger.ALERT, List.of(faulty(device)));
        }
        assertThat(h.stub.count(StubOperation.METHOD)).as("the issue's reproduction: the guard never trips").isEqualTo(4);
    }

    @Test
    void theCapsCountWhatEarlierRunsSpentOnTheHubWithinTheirWindow() {
        h.set("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0").set("LINKGUARD_FLEET_GUARD_SHARE", "1")
                .set("LINKGUARD_MAX_BACKOFFS_PER_RUN", "2").set("LINKGUARD_CAP_WINDOW_MINUTES", "10");
        List<Identity> faulty = IntStream.range(0, 4).mapToObj(i -> h.add("pump-" + i)).toList();
        List<Instance> instances = List.of(new Instance(), new Instance(), new Instance());
        for (int i = 0; i < 3; i++) {
            h.advance(Duration.ofMinutes(1));
            instances.get(i).execute(i == 0 ? RunTrigger.TIMER : RunTrigger.EVENT_GRID, List.of(faulty(faulty.get(i))));
        }
        assertThat(h.stub.count(StubOperation.METHOD)).isEqualTo(2);
        assertThat(last().identities()).flatExtracting(r -> r.actions())
                .anySatisfy(a -> assertThat(a.detail()).contains("LINKGUARD_MAX_BACKOFFS_PER_RUN (2 per hub per 10 min)"));

        h.advance(Duration.ofMinutes(10));
        instances.get(0).execute(RunTrigger.ALERT, List.of(faulty(faulty.get(3))));
        assertThat(h.stub.count(StubOperation.METHOD)).as("ten minutes on, the budget is back").isEqualTo(3);
    }

    @Test
    void aHubAnotherRunKeepsIsLeftUntouchedAndTheRunSaysItIsUnfinished() {
        h.set("LINKGUARD_HUB_LEASE_WAIT_SECONDS", "1");
        Identity pump = h.add("pump-1");
        WriterLeases.WriterLease other = ((WriterLeases.Taken) new TableWriterLeases(new TableLeaseStore(tables), h.clock,
                Duration.ofMinutes(10)).tryTake("plant", "r-long-timer-run")).lease();
        ExecutionSummary summary = new Instance().execute(RunTrigger.ALERT, List.of(faulty(pump)));

        assertThat(h.stub.requests()).filteredOn(r -> r.operation() != StubOperation.ARM_READ).as("no hub call").isEmpty();
        assertThat(summary.count(Action.TAG, ActionOutcome.DEFERRED)).isEqualTo(1);
        assertThat(summary.unfinished()).singleElement().asString().contains("plant is being remediated by run r-long-timer-run");
        assertThat(summary.busyHubs()).as("what lets a queued evaluation be delivered again").containsExactly("plant");
        other.close();
    }

    @Test
    void noWriteIsSentAfterTheLeaseIsLost() {
        h.set("LINKGUARD_HUB_CONCURRENCY", "1");
        List<Finding> findings = IntStream.range(0, 6).mapToObj(i -> Findings.of(h.add("flaky-" + i), TRANSIENT, 3, h.now()))
                .toList();
        AtomicInteger checks = new AtomicInteger();
        WriterLeases.WriterLease losing = new WriterLeases.WriterLease() {
            @Override
            public boolean held() {
                return checks.incrementAndGet() <= 3;
            }

            @Override
            public String lostBecause() {
                return checks.get() <= 3 ? null : "another run took the lease hub:plant";
            }

            @Override
            public void close() {
            }
        };
        new Instance(new HubCoordination((hub, owner) -> new WriterLeases.Taken(losing), UsageLog.none()))
                .execute(RunTrigger.TIMER, findings);

        assertThat(h.stub.count(StubOperation.TWIN_UPDATE)).as("the three writes before the loss, none after").isEqualTo(3);
        assertThat(last().notes()).anySatisfy(n -> assertThat(n).contains("3 writes not sent: the hub's writer lease was lost"));
    }

    private RemediationReport last() {
        return reports.get(reports.size() - 1);
    }

    private Finding faulty(Identity identity) {
        return Findings.of(identity, FAULTY_RECONNECT, 30, h.now());
    }
}
