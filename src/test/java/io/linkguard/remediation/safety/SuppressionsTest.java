package io.linkguard.remediation.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.evidence.Identity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuppressionsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void globsMatchDeviceModuleAndHubQualifiedNamesLiterallyOtherwise() {
        Suppressions s = new Suppressions(List.of("lab-*", "hub-b/*", "gw-?/modbus", "a.b"));
        assertThat(s.byPattern(new Identity("hub-a", "lab-1", null))).contains("suppressed by pattern 'lab-*'");
        assertThat(s.byPattern(new Identity("hub-b", "anything", "mod"))).isPresent();
        assertThat(s.byPattern(new Identity("hub-a", "gw-1", "modbus"))).isPresent();
        assertThat(s.byPattern(new Identity("hub-a", "gw-12", "modbus"))).isEmpty();
        assertThat(s.byPattern(new Identity("hub-a", "axb", null))).as("a dot is a dot").isEmpty();
        assertThat(s.byPattern(new Identity("hub-a", "prod-lab-1", null))).isEmpty();
        assertThat(Suppressions.none().byPattern(new Identity("h", "d", null))).isEmpty();
    }

    @Test
    void operatorTagIsActiveUntilItsExpiryAndFailsSafeWhenUnreadable() {
        assertThat(Suppressions.byTag(Map.of("until", "2026-11-27T00:00:00Z", "reason", "rollout"), NOW))
                .isEqualTo(new Suppressions.TagSuppression(true,
                        "suppressed by tags.linkguardSuppress until 2026-11-27T00:00:00Z (rollout)"));
        assertThat(Suppressions.byTag(Map.of("until", "2026-11-25T00:00:00Z"), NOW).suppressed()).isFalse();
        assertThat(Suppressions.byTag(Map.of("until", "2026-11-25T00:00:00Z"), NOW).note()).contains("expired");
        assertThat(Suppressions.byTag(Map.of("reason", "forever"), NOW).suppressed()).isTrue();
        assertThat(Suppressions.byTag(Map.of("until", 20261127), NOW).suppressed()).isTrue();
        assertThat(Suppressions.byTag(Map.of(), NOW)).isEqualTo(new Suppressions.TagSuppression(false, null));
    }

    @Test
    void fleetGuardWeighsShareAndMinimum() {
        FleetGuard guard = new FleetGuard(0.1, 5);
        assertThat(guard.check("h", 5, 10)).as("small hub: the minimum applies").isEmpty();
        assertThat(guard.check("h", 6, 10)).isPresent();
        assertThat(guard.check("h", 100, 1000)).isEmpty();
        assertThat(guard.check("h", 101, 1000)).get().asString().contains("101 of 1000");
        assertThat(guard.check("h", 0, -1)).isEmpty();
        assertThat(guard.check("h", 1, -1)).get().asString().contains("unknown");
    }
}
