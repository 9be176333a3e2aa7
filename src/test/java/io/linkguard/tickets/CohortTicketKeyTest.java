package io.linkguard.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.classification.Classification;
import io.linkguard.evidence.Identity;
import io.linkguard.findings.Cohort;
import io.linkguard.findings.CohortDimension;
import io.linkguard.findings.PrecursorBreakdown;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cohort's key: distinct per value, never an identity's, one line of safe characters whatever the device sent. */
class CohortTicketKeyTest {

    private static Cohort cohort(String hub, String value) {
        return new Cohort(hub, Classification.FAULTY_RECONNECT, CohortDimension.SDK_VERSION, value, 5, 6, 10, 100, 8, 1e-6,
                1e-5, List.of(), PrecursorBreakdown.EMPTY);
    }

    @Test
    void theKeyNamesHubDimensionValueAndClass() {
        TicketKey key = TicketKey.of(cohort("hub-a", "azure-iot-device 1.18.3"));
        assertThat(key.value()).isEqualTo("linkguard:hub-a:~cohort:sdk-version=azure-iot-device~201.18.3:faulty-reconnect");
        assertThat(key.classification()).isEqualTo("faulty-reconnect");
        assertThat(key.isCohort()).isTrue();
        assertThat(TicketKey.of(new Identity("hub-a", "~cohort", "x"), Classification.FAULTY_RECONNECT).isCohort()).isFalse();
    }

    @Test
    void distinctValuesGetDistinctSafeKeysAndNoneIsAnIdentitysKey() {
        List<String> parts = List.of("a", ":", "~", "~20", " ", "\n", "-->", "é", "\u202E", "=");
        Map<String, String> seen = new HashMap<>();
        for (String x : parts) {
            for (String y : parts) {
                String value = x + y;
                String key = TicketKey.of(cohort("h", value)).value();
                assertThat(key).matches("[A-Za-z0-9._+/()~:=-]+");
                String before = seen.put(key, value);
                assertThat(before).as("key %s of %s and %s", key, value, before).isIn(null, value);
                for (Classification c : Classification.values()) {
                    assertThat(TicketKey.of(new Identity("h", "~cohort", value.replaceAll("[^a-z]", "a")), c).value())
                            .isNotEqualTo(key);
                }
            }
        }
    }

    @Test
    void aLongValueBecomesItsDigestAndAFleetWideCohortHasNoTicket() {
        String key = TicketKey.of(cohort("h", "x".repeat(500))).value();
        assertThat(key).matches("linkguard:h:~cohort:sdk-version=~h[0-9a-f]{32}:faulty-reconnect");
        assertThat(TicketKey.of(cohort("h", "x".repeat(501))).value()).isNotEqualTo(key);
        assertThatThrownBy(() -> TicketKey.of(cohort(null, "x"))).hasMessageContaining("spans all hubs");
    }
}
