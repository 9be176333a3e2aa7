package io.linkguard.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.config.ConfigurationException;
import io.linkguard.config.KnownSettings;
import io.linkguard.remediation.safety.Mode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemediationSettingsTest {

    @Test
    void everySettingIsReadAndRegistered() {
        Map<String, String> v = new HashMap<>();
        v.put("LINKGUARD_MODE", "ENFORCE");
        v.put("LINKGUARD_BACKOFF_METHOD", "acme_calmDown");
        v.put("LINKGUARD_BACKOFF_MIN_SECONDS", "10");
        v.put("LINKGUARD_BACKOFF_MAX_SECONDS", "900");
        v.put("LINKGUARD_BACKOFF_JITTER", "0.25");
        v.put("LINKGUARD_BACKOFF_HOLD_MINUTES", "120");
        v.put("LINKGUARD_BACKOFF_ADVICE", "Call support.");
        v.put("LINKGUARD_METHOD_CONNECT_TIMEOUT_SECONDS", "0");
        v.put("LINKGUARD_METHOD_RESPONSE_TIMEOUT_SECONDS", "20");
        v.put("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0");
        v.put("LINKGUARD_VERIFY_AFTER_MINUTES", "90");
        v.put("LINKGUARD_VERIFY_MIN_DROP", "0.7");
        v.put("LINKGUARD_TICKET_UPDATE_PERIOD_MINUTES", "30");
        v.put("LINKGUARD_QUIET_HOURS", "48");
        v.put("LINKGUARD_MAX_BACKOFFS_PER_RUN", "5");
        v.put("LINKGUARD_MAX_TICKETS_PER_RUN", "6");
        v.put("LINKGUARD_MAX_TAG_WRITES_PER_RUN", "7");
        v.put("LINKGUARD_FLEET_GUARD_SHARE", "0.2");
        v.put("LINKGUARD_FLEET_GUARD_MIN_IDENTITIES", "3");
        v.put("LINKGUARD_BULK_THRESHOLD", "8");
        v.put("LINKGUARD_SUPPRESS_IDS", " lab-* ,, test-?,lab-* ");
        v.put("LINKGUARD_HUB_CONCURRENCY", "2");
        v.put("LINKGUARD_FLEET_GUARD_WINDOW_MINUTES", "90");
        v.put("LINKGUARD_CAP_WINDOW_MINUTES", "15");
        v.put("LINKGUARD_HUB_LEASE_WAIT_SECONDS", "120");
        v.put("LINKGUARD_COHORT_TICKETS", "Alongside");
        assertThat(v.keySet()).isEqualTo(RemediationSettings.NAMES);
        assertThat(KnownSettings.all()).containsAll(RemediationSettings.NAMES);

        RemediationSettings s = RemediationSettings.fromSettings(v);
        assertThat(s.mode()).isEqualTo(Mode.ENFORCE);
        assertThat(s.cohortTickets()).isEqualTo(CohortTicketPolicy.ALONGSIDE);
        assertThat(s.backoff().methodName()).isEqualTo("acme_calmDown");
        assertThat(s.backoff().minBackoffSeconds()).isEqualTo(10);
        assertThat(s.backoff().maxBackoffSeconds()).isEqualTo(900);
        assertThat(s.backoff().jitter()).isEqualTo(0.25);
        assertThat(s.backoff().hold()).isEqualTo(Duration.ofMinutes(120));
        assertThat(s.backoff().advice()).isEqualTo("Call support.");
        assertThat(s.backoff().connectTimeout()).isZero();
        assertThat(s.backoff().responseTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.ladder().confirm()).isZero();
        assertThat(s.ladder().verifyAfter()).isEqualTo(Duration.ofMinutes(90));
        assertThat(s.ladder().minDrop()).isEqualTo(0.7);
        assertThat(s.ladder().ticketRefresh()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.ladder().quiet()).isEqualTo(Duration.ofHours(48));
        assertThat(s.ladder().hold()).isEqualTo(Duration.ofMinutes(120));
        assertThat(s.ladder().claim()).isEqualTo(Duration.ofSeconds(80));
        assertThat(s.maxBackoffsPerRun()).isEqualTo(5);
        assertThat(s.maxTicketsPerRun()).isEqualTo(6);
        assertThat(s.maxTagWritesPerRun()).isEqualTo(7);
        assertThat(s.fleetGuard().maxShare()).isEqualTo(0.2);
        assertThat(s.fleetGuard().minIdentities()).isEqualTo(3);
        assertThat(s.bulkThreshold()).isEqualTo(8);
        assertThat(s.suppressPatterns()).containsExactly("lab-*", "test-?");
        assertThat(s.hubConcurrency()).isEqualTo(2);
        assertThat(s.fleetGuard().window()).isEqualTo(Duration.ofMinutes(90));
        assertThat(s.capWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.hubLeaseWait()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void aMethodNameTheServiceSdkWouldRefuseFailsAtStartUp() {
        assertThatThrownBy(() -> RemediationSettings.fromSettings(Map.of("LINKGUARD_BACKOFF_METHOD", "linkguard.backoff")))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith("LINKGUARD_BACKOFF_METHOD: expected a method name"));
    }

    @Test
    void defaultsAreSafe() {
        RemediationSettings s = RemediationSettings.fromSettings(Map.of());
        assertThat(s).isEqualTo(RemediationSettings.DEFAULTS);
        assertThat(s.mode()).isNotEqualTo(Mode.ENFORCE);
        assertThat(s.backoff().connectTimeout().plus(s.backoff().responseTimeout())).isLessThan(Duration.ofSeconds(200));
    }

    @Test
    void everyBadValueIsNamedAtOnce() {
        Map<String, String> v = Map.of("LINKGUARD_MODE", "yolo", "LINKGUARD_BACKOFF_MIN_SECONDS", "300",
                "LINKGUARD_BACKOFF_MAX_SECONDS", "60", "LINKGUARD_METHOD_RESPONSE_TIMEOUT_SECONDS", "200000",
                "LINKGUARD_BACKOFF_METHOD", "calm down!", "LINKGUARD_VERIFY_AFTER_MINUTES", "600",
                "LINKGUARD_FLEET_GUARD_SHARE", "2", "LINKGUARD_MAX_BACKOFS_PER_RUN", "3");
        assertThatThrownBy(() -> RemediationSettings.fromSettings(v)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> {
                    List<String> p = e.problems();
                    assertThat(p).anyMatch(m -> m.startsWith("LINKGUARD_MODE: expected one of dry-run, enforce, observe"));
                    assertThat(p).anyMatch(m -> m.startsWith("LINKGUARD_BACKOFF_MAX_SECONDS: must be at least"));
                    assertThat(p).anyMatch(m -> m.startsWith("LINKGUARD_METHOD_RESPONSE_TIMEOUT_SECONDS: expected a whole number from 5 to 300"));
                    assertThat(p).anyMatch(m -> m.startsWith("LINKGUARD_BACKOFF_METHOD: expected a method name"));
                    assertThat(p).anyMatch(m -> m.startsWith("LINKGUARD_VERIFY_AFTER_MINUTES: must not exceed LINKGUARD_BACKOFF_HOLD_MINUTES"));
                    assertThat(p).anyMatch(m -> m.startsWith("LINKGUARD_FLEET_GUARD_SHARE: expected a number"));
                    assertThat(p).anyMatch(m -> m.startsWith("LINKGUARD_MAX_BACKOFS_PER_RUN: not a LinkGuard setting"));
                    assertThat(p).hasSize(7);
                });
    }
}
