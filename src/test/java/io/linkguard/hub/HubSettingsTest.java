package io.linkguard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.config.ConfigurationException;
import io.linkguard.config.KnownSettings;
import io.linkguard.config.SettingsReader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubSettingsTest {

    @Test
    void defaultsLeaveHalfOfEachThrottleToTheCustomer() {
        HubSettings s = HubSettings.read(new SettingsReader(Map.of()));
        assertThat(s).isEqualTo(HubSettings.DEFAULTS);
        assertThat(s.rateShare()).isEqualTo(0.5);
        assertThat(s.retryPolicy().deadline()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void valuesAreReadAndBadOnesNamed() {
        SettingsReader ok = new SettingsReader(Map.of(HubSettings.RATE_SHARE, "0.9", HubSettings.CALL_DEADLINE_SECONDS, "120",
                HubSettings.MAX_ATTEMPTS, "3", HubSettings.HTTP_TIMEOUT_SECONDS, "15"));
        HubSettings s = HubSettings.read(ok);
        ok.throwIfInvalid();
        assertThat(s).isEqualTo(new HubSettings(0.9, Duration.ofSeconds(120), 3, Duration.ofSeconds(15)));
        assertThat(s.retryPolicy().maxAttempts()).isEqualTo(3);

        SettingsReader bad = new SettingsReader(Map.of(HubSettings.RATE_SHARE, "1.5", HubSettings.MAX_ATTEMPTS, "zero"));
        HubSettings.read(bad);
        assertThatThrownBy(bad::throwIfInvalid).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(HubSettings.RATE_SHARE).hasMessageContaining(HubSettings.MAX_ATTEMPTS);
    }

    @Test
    void everyNameIsAKnownSetting() {
        assertThat(KnownSettings.all()).containsAll(HubSettings.NAMES);
    }
}
