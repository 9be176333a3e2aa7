package io.linkguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalysisSettingsTest {

    @Test
    void noSettingsMeansTheDocumentedDefaults() {
        assertThat(AnalysisSettings.fromSettings(Map.of())).isEqualTo(AnalysisSettings.DEFAULTS);
    }

    @Test
    void settingsOverrideDefaults() {
        AnalysisSettings s = AnalysisSettings.fromSettings(Map.of(
                "LINKGUARD_PRECURSOR_WINDOW_SECONDS", "90",
                "LINKGUARD_FAULTY_MIN_UNEXPLAINED", "8",
                "LINKGUARD_FLEET_BIN_MINUTES", "10",
                "LINKGUARD_TAG_TRANSIENT", "false",
                "OTHER_APP_SETTING", "ignored"));
        assertThat(s.evidence().precursorWindow()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.thresholds().faultyMinUnexplained()).isEqualTo(8);
        assertThat(s.thresholds().fleetBin()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.policy().tagTransient()).isFalse();
    }

    @Test
    void everyBadSettingIsNamedWithWhatIsExpected() {
        assertThatThrownBy(() -> AnalysisSettings.fromSettings(Map.of(
                "LINKGUARD_MIN_CONFLICTS", "three",
                "LINKGUARD_SHARED_MIN_ALTERNATION", "1.5",
                "LINKGUARD_TAG_PLATFORM_EVENT", "yes",
                "LINKGUARD_MIN_CONFLICT", "3")))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.problems()).hasSize(4);
                    assertThat(e.problems()).contains(
                            "LINKGUARD_MIN_CONFLICTS: expected a whole number from 1 to 10000, got 'three'",
                            "LINKGUARD_SHARED_MIN_ALTERNATION: expected a number from 0.0 to 1.0, got '1.5'",
                            "LINKGUARD_TAG_PLATFORM_EVENT: expected true or false, got 'yes'");
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                            .startsWith("LINKGUARD_MIN_CONFLICT: not a LinkGuard setting (known: ")
                            .contains("LINKGUARD_MIN_CONFLICTS"));
                });
    }

    @Test
    void cohortSettingsAreReadAndChecked() {
        AnalysisSettings s = AnalysisSettings.fromSettings(Map.of("LINKGUARD_COHORT_MIN_IDENTITIES", "8",
                "LINKGUARD_COHORT_ALPHA", "0.001", "LINKGUARD_COHORT_MIN_LIFT", "3", "LINKGUARD_COHORT_MIN_CLASS_SHARE", "0.2"));
        assertThat(s.cohorts()).isEqualTo(new io.linkguard.findings.CohortSettings(8, 0.2, 3.0, 0.001));
        assertThatThrownBy(() -> AnalysisSettings.fromSettings(Map.of("LINKGUARD_COHORT_ALPHA", "0.9",
                "LINKGUARD_COHORT_MIN_IDENTITIES", "1")))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.problems()).hasSize(2);
                    assertThat(String.join("\n", e.problems())).contains("LINKGUARD_COHORT_ALPHA").contains("LINKGUARD_COHORT_MIN_IDENTITIES");
                });
    }
}
