package io.linkguard.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.data.tables.TableServiceClientBuilder;
import io.linkguard.bench.Azurite;
import io.linkguard.evidence.Identity;
import io.linkguard.hub.HubSettings;
import io.linkguard.hub.IotHubConnections;
import io.linkguard.hub.IotHubGateway;
import io.linkguard.hub.Meter;
import io.linkguard.hub.stub.RecordedRequest;
import io.linkguard.hub.stub.StubHub;
import io.linkguard.hub.stub.StubOperation;
import io.linkguard.state.AzuriteExtension;
import io.linkguard.state.StateTables;
import io.linkguard.state.TableLeaseStore;
import io.linkguard.state.TableUsageLog;
import io.linkguard.state.TableWriterLeases;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two processes (each its own IoT Hub adapter, so its own token buckets) handing one stub hub's writer lease back
 * and forth through Azurite, each querying the hub and reading twins as fast as its buckets allow while it holds
 * the lease: the hub never receives more than its published query minute or twin-read second. S1 with 10 units
 * (200 queries/min, 100 twin reads/s; IoT Hub quotas and throttling, Meter) and a share of 0.5: a new holder that
 * started with a full bucket would send 2 x 101 queries within the first two tenures.
 */
@ExtendWith(AzuriteExtension.class)
class HubHandOverStubHubTest {
    private static final Duration TENURE = Duration.ofMillis(1500);
    private static final int TENURES = 6;

    private final StubHubRuns h = new StubHubRuns(StubHub.Config.defaults().hubName("plant").sku("S1", 10));
    private StateTables tables;

    @BeforeEach
    void tables(Azurite azurite) {
        tables = new StateTables(new TableServiceClientBuilder().connectionString(azurite.connectionString()).buildClient(),
                Azurite.uniquePrefix());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** One process: its own adapter and the shared lease table. */
    private final class Process {
        final IotHubConnections adapter = IotHubConnections.builder().credential(h.stub.credential())
                .environment(h.stub.armProfile().getEnvironment()).armHttpClient(h.stub.armHttpClient())
                .settings(new HubSettings(0.5, Duration.ofSeconds(30), 3, Duration.ofSeconds(10))).build();
        final HubCoordination coordination = new HubCoordination(
                new TableWriterLeases(new TableLeaseStore(tables), h.clock, Duration.ofMinutes(10)), new TableUsageLog(tables));

        /** While it holds the lease, the run queries the hub and reads a twin as fast as the throttle lets it. */
        HubGatewayFactory greedy(Identity device) {
            return target -> {
                HubConnection c = adapter.connect(target);
                return new HubConnection() {
                    @Override
                    public HubGateway gateway() {
                        return c.gateway();
                    }

                    @Override
                    public void handedOver() {
                        c.handedOver();
                    }

                    @Override
                    public HubRoster roster(RosterScope scope) {
                        IotHubGateway gateway = (IotHubGateway) c.gateway();
                        long end = System.nanoTime() + TENURE.toNanos();
                        while (System.nanoTime() + gateway.throttle().pendingWait(Meter.QUERIES).toNanos() < end) {
                            c.roster(RosterScope.COUNT_ONLY);
                            gateway.readTwin(device);
                        }
                        return c.roster(scope);
                    }

                    @Override
                    public void close() {
                        c.close();
                    }
                };
            };
        }
    }

    @Test
    void twoProcessesHandingAHubBackAndForthStayWithinItsPublishedQueryMinuteAndTwinSecond() {
        Identity device = h.add("pump-1");
        List<Process> processes = List.of(new Process(), new Process());
        for (int i = 0; i < TENURES; i++) {
            Process p = processes.get(i % 2);
            new FleetRemediation(RemediationSettings.fromSettings(h.settings), p.greedy(device), h.tickets, h.clock,
                    p.coordination).run(Findings.plan(List.of()), HubTarget.parse(h.stub.armId()), RosterScope.COUNT_ONLY,
                    "run-" + i);
        }

        List<RecordedRequest> queries = h.stub.requests(StubOperation.QUERY);
        assertThat(maxInWindow(queries, 60_000_000_000L)).as("queries in any minute, S1 x10: 200").isLessThanOrEqualTo(200);
        assertThat(queries).as("every tenure still queries the hub").hasSizeGreaterThanOrEqualTo(2 * TENURES);
        assertThat(maxInWindow(h.stub.requests(StubOperation.TWIN_READ), 1_000_000_000L))
                .as("twin reads in any second, S1 x10: 100").isLessThanOrEqualTo(100);
        assertThat(h.stub.count(StubOperation.TWIN_READ)).isPositive();
    }

    private static int maxInWindow(List<RecordedRequest> requests, long windowNanos) {
        List<Long> times = requests.stream().map(RecordedRequest::nanoTime).sorted().toList();
        int max = 0;
        int from = 0;
        for (int to = 0; to < times.size(); to++) {
            while (times.get(to) - times.get(from) >= windowNanos) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        return max;
    }
}
