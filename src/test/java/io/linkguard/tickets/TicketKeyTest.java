package io.linkguard.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.classification.Classification;
import io.linkguard.evidence.Identity;
import io.linkguard.testing.MutableClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dedupe key is unambiguous for every id, and unchanged for ids that never were ambiguous. */
class TicketKeyTest {

    @Test
    void aDeviceWithAColonAndAModuleOfAnotherDeviceGetDifferentKeys() {
        TicketKey device = TicketKey.of(new Identity("plant", "gw:agent", null), Classification.SHARED_IDENTITY);
        TicketKey module = TicketKey.of(new Identity("plant", "gw", "agent"), Classification.SHARED_IDENTITY);
        assertThat(device).isNotEqualTo(module);
        assertThat(device.value()).isEqualTo("linkguard:plant:gw~3Aagent:shared-identity");
        assertThat(module.value()).isEqualTo("linkguard:plant:gw:agent:shared-identity");
        assertThat(device.classification()).isEqualTo("shared-identity");
        assertThat(device.withClassification(Classification.FAULTY_RECONNECT).value())
                .isEqualTo("linkguard:plant:gw~3Aagent:faulty-reconnect");
    }

    @Test
    void everyDistinctIdentityHasItsOwnKey() {
        List<String> parts = List.of("a", ":", "~", "~3A", "%3A", "a:", ":a", "3A");
        java.util.Set<String> ids = new java.util.LinkedHashSet<>(parts);
        for (String x : parts) {
            for (String y : parts) {
                ids.add(x + y);
            }
        }
        Map<String, Identity> seen = new HashMap<>();
        for (String hub : List.of("h", "h:x")) {
            for (String device : ids) {
                check(seen, new Identity(hub, device, null));
                for (String module : ids) {
                    check(seen, new Identity(hub, device, module));
                }
            }
        }
        assertThat(seen).hasSizeGreaterThan(10_000);
    }

    private static void check(Map<String, Identity> seen, Identity identity) {
        for (Classification c : Classification.values()) {
            TicketKey key = TicketKey.of(identity, c);
            Identity earlier = seen.put(key.value(), identity);
            assertThat(earlier == null || earlier.equals(identity) ? null : earlier).as("%s and %s share the key %s", earlier, identity, key.value()).isNull();
            assertThat(key.classification()).isEqualTo(c.label());
        }
    }

    @Test
    void idsWithoutAColonKeepTheKeyTheyAlwaysHad() {
        assertThat(TicketKey.of(new Identity("hub-a-42", "a-dev-00054", null), Classification.SHARED_IDENTITY).value())
                .isEqualTo("linkguard:hub-a-42:a-dev-00054:shared-identity");
        assertThat(TicketKey.of(new Identity("hub-a-42", "pump*_@ops(1)%", "edge_mod"), Classification.FAULTY_RECONNECT).value())
                .isEqualTo("linkguard:hub-a-42:pump*_@ops(1)%:edge_mod:faulty-reconnect");
    }

    @Test
    void resolvingTheDeviceLeavesTheModulesTicketOpen() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
        FakeTicketSystem system = new FakeTicketSystem("fake", true, clock);
        TicketOrchestrator port = TicketOrchestrator.builder().clock(clock).sink(system).build();
        var f = Findings.shared();
        TicketRequest device = Findings.request(Findings.as(f, new Identity("plant", "gw:agent", null)), "run-1", null);
        TicketRequest module = Findings.request(Findings.as(f, new Identity("plant", "gw", "agent")), "run-1", null);
        TicketOutcome d = port.raise(device);
        TicketOutcome m = port.raise(module);
        assertThat(d.kind()).isEqualTo(TicketOutcome.Kind.OPENED);
        assertThat(m.kind()).isEqualTo(TicketOutcome.Kind.OPENED);
        assertThat(port.resolve(new TicketRequest(device.key(), null, List.of(), "run-2", d.state())).kind())
                .isEqualTo(TicketOutcome.Kind.RESOLVED);
        assertThat(system.openFor(module.key())).extracting(t -> t.ref).containsExactly(m.state().reference());
        assertThat(system.openFor(device.key())).isEmpty();
    }
}
