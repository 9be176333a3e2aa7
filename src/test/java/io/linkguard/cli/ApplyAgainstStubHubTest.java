package io.linkguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkguard.config.AnalysisSettings;
import io.linkguard.evidence.Identity;
import io.linkguard.hub.IotHubConnections;
import io.linkguard.hub.stub.RecordedRequest;
import io.linkguard.hub.stub.StubHub;
import io.linkguard.hub.stub.StubOperation;
import io.linkguard.hub.stub.TwinSnapshot;
import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import io.linkguard.bench.Azurite;
import io.linkguard.remediation.WriterLeases;
import io.linkguard.state.AzuriteExtension;
import io.linkguard.state.StateTables;
import io.linkguard.state.TableLeaseStore;
import io.linkguard.state.TableUsageLog;
import io.linkguard.state.TableWriterLeases;
import io.linkguard.tickets.TicketPort;
import com.azure.data.tables.TableServiceClientBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code apply --mode enforce} on the bundled sample through {@link Main#run} with the real IoT Hub adapter
 * (ARM lookup, iot-service-client) pointed at the HTTPS stub hub, taking the hub's writer lease and recording
 * what it spent in the Functions app's state table (a real Azurite).
 */
@ExtendWith(AzuriteExtension.class)
class ApplyAgainstStubHubTest {
    private StateTables tables;
    private Map<String, String> env = Map.of();

    @BeforeEach
    void tables(Azurite azurite) {
        tables = new StateTables(new TableServiceClientBuilder().connectionString(azurite.connectionString()).buildClient(),
                Azurite.uniquePrefix());
    }

    private static final String SAMPLE = "samples/connections-sample.csv.gz";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int apply(Adapters adapters, String hub) {
        return apply(adapters, hub, "enforce");
    }

    private int apply(Adapters adapters, String hub, String mode) {
        out.reset();
        err.reset();
        return Main.run(List.of("apply", "--logs", SAMPLE, "--hub", hub, "--mode", mode, "--format", "json"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env, adapters);
    }

    @Test
    void enforceWritesThroughTheRealAdapterAndASecondIdenticalRunWritesNothing() throws Exception {
        Plan plan = PlanCommand.plan(SAMPLE, AnalysisSettings.DEFAULTS);
        try (StubHub stub = StubHub.start(StubHub.Config.defaults().hubName("hub-a-42").sku("S1", 1))) {
            Instant latest = Instant.EPOCH;
            List<Identity> ours = new ArrayList<>();
            for (Finding f : plan.findings()) {
                latest = latest.isAfter(f.evidence().lastSeen()) ? latest : f.evidence().lastSeen();
                Identity id = f.identity();
                if (!id.hub().equals("hub-a-42")) {
                    continue;
                }
                ours.add(id);
                if (id.moduleId() == null) {
                    stub.addDevice(id.deviceId(), true);
                } else {
                    stub.addModule(id.deviceId(), id.moduleId(), true);
                }
                stub.updateTwin(id.deviceId(), id.moduleId(), "{\"tags\":{\"owner\":\"plant-ops\"}}");
            }
            // the rest of the fleet, so that the fleet guard (10 % by default) sees a realistic hub
            stub.addDevices(IntStream.range(0, 1000).mapToObj(i -> "quiet-" + i).toList());
            IotHubConnections hubs = IotHubConnections.builder().credential(stub.credential())
                    .environment(stub.armProfile().getEnvironment()).armHttpClient(stub.armHttpClient()).build();
            Adapters adapters = Adapters.withHubs(hubs, settings -> TicketPort.disabled(),
                    Clock.fixed(latest.plusSeconds(60), ZoneOffset.UTC))
                    .withCoordination(settings -> Optional.of(Adapters.coordination(tables, Duration.ofMinutes(10))));

            assertThat(apply(adapters, stub.armId(), "dry-run")).as(err.toString(StandardCharsets.UTF_8)).isZero();
            JsonNode dry = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
            Map<String, String> listedIfMatch = new java.util.HashMap<>();
            for (JsonNode identity : dry.get("identities")) {
                for (JsonNode w : identity.get("writes")) {
                    if (w.get("kind").asText().equals("tag-patch")) {
                        listedIfMatch.putIfAbsent(w.get("target").asText(), "\"" + w.get("ifMatch").asText() + "\"");
                    }
                }
            }
            assertThat(listedIfMatch).isNotEmpty();
            assertThat(stub.count(StubOperation.TWIN_UPDATE)).as("dry-run writes nothing").isZero();

            assertThat(apply(adapters, stub.armId())).as(err.toString(StandardCharsets.UTF_8)).isZero();
            Map<String, String> sentIfMatch = new java.util.HashMap<>();
            for (RecordedRequest r : stub.requests(StubOperation.TWIN_UPDATE)) {
                String target = "hub-a-42/" + r.path().replaceFirst("^twins/", "").replace("/modules/", "/");
                sentIfMatch.putIfAbsent(target, r.header("If-Match"));
            }
            assertThat(sentIfMatch).as("enforce makes the tag writes dry-run listed, with the ETags it listed")
                    .isEqualTo(listedIfMatch);
            JsonNode first = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(first.get("mode").asText()).isEqualTo("enforce");
            int tagged = first.at("/summary/actions/tag/written").asInt();
            assertThat(tagged).isPositive();
            assertThat(stub.count(StubOperation.ARM_READ)).isPositive();
            long updates = stub.count(StubOperation.TWIN_UPDATE, 200);
            assertThat(updates).isGreaterThanOrEqualTo(tagged);
            List<TwinSnapshot> withTag = stub.twins().stream().filter(t -> !t.linkguardTag().isMissingNode()).toList();
            assertThat(withTag).hasSizeGreaterThanOrEqualTo(tagged).allSatisfy(t -> {
                assertThat(t.tags().path("owner").asText()).as("customer tag kept").isEqualTo("plant-ops");
                assertThat(t.linkguardTag().path("v").asInt()).isEqualTo(1);
                assertThat(t.deviceId()).doesNotStartWith("quiet-");
            });
            assertThat(withTag).anySatisfy(t -> assertThat(t.linkguardTag().path("class").asText()).isEqualTo("shared-identity"));
            assertThat(stub.requests()).extracting(RecordedRequest::status).allSatisfy(s -> assertThat(s).isLessThan(400));
            assertThat(ours).isNotEmpty();

            long writes = stub.count(StubOperation.TWIN_UPDATE) + stub.count(StubOperation.METHOD) + stub.count(StubOperation.JOB_CREATE);
            assertThat(apply(adapters, stub.armId())).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(stub.count(StubOperation.TWIN_UPDATE) + stub.count(StubOperation.METHOD) + stub.count(StubOperation.JOB_CREATE))
                    .as("a second identical run writes nothing").isEqualTo(writes);
            JsonNode second = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(second.at("/summary/actions/tag/written").isMissingNode()).isTrue();
            assertThat(new TableUsageLog(tables).since("hub-a-42", Instant.EPOCH).values())
                    .as("what apply spent counts in the hub's window, as the app's runs do")
                    .singleElement().satisfies(u -> assertThat(u.tagWrites()).isGreaterThanOrEqualTo(tagged));

            // A Functions app run holds the hub: apply waits for it, then gives up without touching the hub.
            WriterLeases appLeases = new TableWriterLeases(new TableLeaseStore(tables), Clock.systemUTC(), Duration.ofMinutes(10));
            WriterLeases.WriterLease app = ((WriterLeases.Taken) appLeases.tryTake("hub-a-42", "r-app-run")).lease();
            long requests = stub.requests().size();
            env = Map.of("LINKGUARD_HUB_LEASE_WAIT_SECONDS", "1");
            assertThat(apply(adapters, stub.armId())).as("busy, not unreachable").isEqualTo(7);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("hub busy: ").contains("being remediated by run r-app-run");
            assertThat(stub.requests()).as("not even a read while the app holds the hub").hasSize((int) requests);
            app.close();
            assertThat(apply(adapters, stub.armId())).as("free again once the app gave the lease back").isZero();
        }
    }
}
