package io.linkguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkguard.config.AnalysisSettings;
import io.linkguard.evidence.Identity;
import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import io.linkguard.remediation.FakeHub;
import io.linkguard.remediation.HubConnection;
import io.linkguard.remediation.HubGateway;
import io.linkguard.remediation.HubGatewayFactory;
import io.linkguard.remediation.HubRoster;
import io.linkguard.remediation.RosterScope;
import io.linkguard.tickets.TicketPort;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code apply} end to end on the bundled sample, against the in-memory hub behind the factory seam. */
class ApplyCommandTest {
    private static final String SAMPLE = "samples/connections-sample.csv.gz";
    private static final String HUB = "hub-a-42.azure-devices.net";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final FakeHub hub = new FakeHub();
    private final List<String> connected = new ArrayList<>();
    private long hubSize = 10_000;
    private Clock clock;

    @BeforeEach
    void registerTheSampleFleet() throws Exception {
        Plan plan = PlanCommand.plan(SAMPLE, AnalysisSettings.DEFAULTS);
        Instant latest = Instant.EPOCH;
        for (Finding f : plan.findings()) {
            hub.add(f.identity());
            latest = latest.isAfter(f.evidence().lastSeen()) ? latest : f.evidence().lastSeen();
        }
        clock = Clock.fixed(latest.plusSeconds(60), ZoneOffset.UTC);
    }

    private Adapters adapters() {
        HubGatewayFactory factory = target -> {
            connected.add(target.hubName());
            return new HubConnection() {
                @Override
                public HubGateway gateway() {
                    return hub;
                }

                @Override
                public HubRoster roster(RosterScope scope) {
                    List<Identity> tagged = hub.identities(target.hubName()).stream()
                            .filter(i -> !hub.linkguardTag(i).isEmpty()).toList();
                    return new HubRoster(target.hubName(), hubSize, tagged);
                }

                @Override
                public void close() {
                }
            };
        };
        return Adapters.withHubs(factory, settings -> TicketPort.disabled(), clock);
    }

    private int run(Adapters adapters, String... args) {
        out.reset();
        err.reset();
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), adapters);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void observeNeedsNoHub() {
        assertThat(run(Adapters.none(), "apply", "--logs", SAMPLE, "--mode", "observe")).isZero();
        assertThat(out()).contains("mode observe").contains("observed  shared-identity")
                .contains("Summary (observe): 50 identities: observed 50").contains("(nothing was changed)");
    }

    @Test
    void dryRunAndEnforceNeedAHubAndSayWhichIsMissing() {
        assertThat(run(Adapters.none(), "apply", "--logs", SAMPLE)).isEqualTo(2);
        assertThat(err()).contains("apply in mode dry-run needs --hub");
        assertThat(run(Adapters.none(), "apply", "--logs", SAMPLE, "--mode", "enforce", "--hub", "not a hub")).isEqualTo(2);
        assertThat(err()).contains("--hub: expected the hub's host name");
        assertThat(run(Adapters.none(), "apply", "--logs", SAMPLE, "--mode", "enforce", "--hub", HUB, "--no-lease")).isEqualTo(6);
        assertThat(err()).contains("no IoT Hub adapter is wired into this build");
        assertThat(run(Adapters.none(), "apply", "--logs", SAMPLE, "--mode", "panic", "--hub", HUB)).isEqualTo(2);
        assertThat(run(adapters(), "apply", "--logs", SAMPLE, "--mode", "enforce", "--hub", HUB)).as("no state table, no --no-lease")
                .isEqualTo(2);
        assertThat(err()).contains("takes the hub's writer lease").contains("LINKGUARD_TABLE_ENDPOINT").contains("--no-lease");
        assertThat(connected).as("refused before any hub is reached").isEmpty();
        assertThat(run(Adapters.none(), "apply", "--logs", SAMPLE, "--set", "LINKGUARD_MODE=sometimes")).isEqualTo(2);
        assertThat(err()).contains("LINKGUARD_MODE: expected one of dry-run, enforce, observe");
    }

    @Test
    void dryRunListsEveryWriteAndMakesNone() {
        assertThat(run(adapters(), "apply", "--logs", SAMPLE, "--hub",
                "/subscriptions/0/resourceGroups/rg-iot/providers/Microsoft.Devices/IotHubs/HUB-A-42")).isZero();
        assertThat(connected).containsExactly("hub-a-42");
        assertThat(hub.writes()).isZero();
        assertThat(out()).contains("Hub hub-a-42: acted").contains("would-do").contains("tag-patch hub-a-42/")
                .contains("If-Match \"AAAAAAAAAAE=\"").contains("\"stage\":\"tag\"")
                .contains("hub hub-b-42 is not part of this run").contains("(nothing was changed)");
    }

    @Test
    void enforceWritesAndASecondRunChangesNothing() throws Exception {
        assertThat(run(adapters(), "apply", "--logs", SAMPLE, "--hub", HUB, "--mode", "enforce", "--no-lease", "--format", "json")).isZero();
        JsonNode first = new ObjectMapper().readTree(out());
        assertThat(first.get("mode").asText()).isEqualTo("enforce");
        assertThat(first.at("/summary/actions/tag/written").asInt()).isPositive();
        assertThat(first.at("/summary/actions/ticket/disabled").asInt()).as("shared identities reach the ticket rung")
                .isPositive();
        int writes = hub.writes();
        assertThat(writes).isPositive();
        assertThat(hub.calls(FakeHub.Op.METHOD)).as("faulty identities are only tagged until confirmed").isZero();

        assertThat(run(adapters(), "apply", "--logs", SAMPLE, "--hub", HUB, "--mode", "enforce", "--no-lease")).isZero();
        assertThat(hub.writes()).isEqualTo(writes);
        assertThat(out()).contains("Summary (enforce)").doesNotContain("done ");
    }

    @Test
    void fleetGuardExitsWithFive() {
        hubSize = 20;
        assertThat(run(adapters(), "apply", "--logs", SAMPLE, "--hub", HUB, "--mode", "enforce", "--no-lease",
                "--set", "LINKGUARD_FLEET_GUARD_SHARE=0.01", "--set", "LINKGUARD_FLEET_GUARD_MIN_IDENTITIES=0")).isEqualTo(5);
        assertThat(out()).contains("Hub hub-a-42: guarded").contains("fleet guard:");
        assertThat(hub.writes()).isZero();
    }

    @Test
    void planNeverConnectsToAHub() {
        Adapters failing = Adapters.withHubs(target -> {
            throw new AssertionError("plan must not connect");
        }, s -> TicketPort.disabled(), clock);
        assertThat(run(failing, "plan", "--logs", SAMPLE)).isZero();
        assertThat(out()).contains("read-only");
    }
}
