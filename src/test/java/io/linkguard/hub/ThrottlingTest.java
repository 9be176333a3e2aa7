package io.linkguard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.evidence.Identity;
import io.linkguard.hub.stub.Fault;
import io.linkguard.hub.stub.RecordedRequest;
import io.linkguard.hub.stub.StubHub;
import io.linkguard.hub.stub.StubOperation;
import io.linkguard.remediation.WriteResult;
import io.linkguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Throttling on the real clock against a stub hub that enforces S1's published twin-update throttle
 * (50/s, one second of burst) with 429 + Retry-After. No timing is asserted beyond what the hub enforces.
 */
class ThrottlingTest {
    private static final int THREADS = 4;

    @Test
    void aBucketSizedToTheHubCausesNo429s() throws Exception {
        try (StubHub stub = StubHub.start()) {
            stub.throttleAsPublished();
            IotHubGateway gateway = IotHubGateway.builder().limits(stub.limits()).credential(stub.credential())
                    .settings(new HubSettings(0.95, Duration.ofSeconds(30), 5, Duration.ofSeconds(10))).build();

            List<WriteResult> results = writeTags(stub, gateway, 120);

            assertThat(results).extracting(WriteResult::status).containsOnly(WriteResult.Status.WRITTEN);
            assertThat(stub.throttledCount()).isZero();
            assertThat(gateway.stats().total().hubThrottled()).isZero();
        }
    }

    @Test
    void aBucketTooLargeForTheHubBacksOffAsToldWithoutA429Storm() throws Exception {
        try (StubHub stub = StubHub.start()) {
            stub.throttleAsPublished();
            // The gateway believes the hub is an S3 (250 updates/s); the hub enforces S1's 50/s.
            IotHubGateway gateway = IotHubGateway.builder()
                    .limits(PublishedThrottles.forSku(stub.hubName(), stub.hostName(), "S3", 1))
                    .credential(stub.credential())
                    .settings(new HubSettings(1.0, Duration.ofSeconds(30), 8, Duration.ofSeconds(10))).build();

            List<WriteResult> results = writeTags(stub, gateway, 160);

            assertThat(results).extracting(WriteResult::status).containsOnly(WriteResult.Status.WRITTEN);
            List<RecordedRequest> updates = stub.requests(StubOperation.TWIN_UPDATE);
            long throttled = updates.stream().filter(r -> r.status() == 429).count();
            assertThat(throttled).as("the hub had to say no at least once").isPositive();
            assertThat(throttled).as("but the whole shared budget slowed down: no 429 storm").isLessThan(40);
            assertThat(gateway.stats().snapshot().get(HubOperation.TWIN_WRITE).hubThrottled()).isEqualTo(throttled);
            assertRetriesCameAfterRetryAfter(updates);
        }
    }

    @Test
    void withoutRetryAfterTheGatewayBacksOffExponentially() {
        try (StubHub stub = StubHub.start()) {
            stub.addDevice("no-ra");
            MutableClock clock = new MutableClock(Instant.EPOCH.plusSeconds(5));
            IotHubGateway gateway = GatewayFixture.fakeTime(stub, clock).build();
            String etag = stub.twin("no-ra").orElseThrow().etag();
            stub.inject(Fault.status(429, 429001).on(StubOperation.TWIN_UPDATE).times(3));

            WriteResult r = gateway.patchTag(new Identity(stub.hubName(), "no-ra", null), etag, Map.of("a", 1));

            assertThat(r.status()).isEqualTo(WriteResult.Status.WRITTEN);
            assertThat(clock.nonZeroSleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        }
    }

    /** For each 429 the hub answered, the next request for the same twin arrived at least Retry-After later. */
    private static void assertRetriesCameAfterRetryAfter(List<RecordedRequest> updates) {
        Map<String, RecordedRequest> lastThrottled = new HashMap<>();
        int checked = 0;
        for (RecordedRequest r : updates) {
            RecordedRequest previous = lastThrottled.remove(r.path());
            if (previous != null) {
                assertThat(Duration.ofNanos(r.nanoTime() - previous.nanoTime()))
                        .as("retry of %s", r.path()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
                checked++;
            }
            if (r.status() == 429) {
                lastThrottled.put(r.path(), r);
            }
        }
        assertThat(checked).isPositive();
    }

    private static List<WriteResult> writeTags(StubHub stub, IotHubGateway gateway, int count) throws Exception {
        List<String> ids = IntStream.range(0, count).mapToObj(i -> "t-" + i).toList();
        stub.addDevices(ids);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<WriteResult>> futures = new ArrayList<>();
            for (String id : ids) {
                String etag = stub.twin(id).orElseThrow().etag();
                futures.add(pool.submit(() -> gateway.patchTag(new Identity(stub.hubName(), id, null), etag,
                        Map.of("classification", "faulty-reconnect"))));
            }
            List<WriteResult> results = new ArrayList<>();
            for (Future<WriteResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
