package io.linkguard.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentityTest {

    @Test
    void equalWhenHubDeviceAndModuleAreEqual() {
        Identity device = new Identity("hub-a", "dev-1", null);

        assertThat(device).isEqualTo(new Identity("hub-a", "dev-1", "")).hasSameHashCodeAs(new Identity("hub-a", "dev-1", ""));
        assertThat(new Identity("hub-a", "dev-1", "m")).isEqualTo(new Identity("hub-a", "dev-1", "m"));
        assertThat(device).isNotEqualTo(new Identity("hub-a", "dev-1", "m")).isNotEqualTo(new Identity("hub-b", "dev-1", null))
                .isNotEqualTo(new Identity("hub-a", "dev-2", null)).isNotEqualTo("hub-a/dev-1").isNotEqualTo(null);
        assertThat(new Identity("hub-a", "dev-1", "m")).isNotEqualTo(device);
    }

    @Test
    void hashIsTheOneARecordGenerates() {
        // Record's generated hashCode (java.lang.runtime.ObjectMethods): 31 * h + hash of each component in order.
        // Kept so the iteration order of maps keyed by identity stays what it was.
        assertThat(new Identity("hub-a", "dev,1", "mod").hashCode())
                .isEqualTo(("hub-a".hashCode() * 31 + "dev,1".hashCode()) * 31 + "mod".hashCode());
        assertThat(new Identity("hub-a", "dev,1", null).hashCode()).isEqualTo(("hub-a".hashCode() * 31 + "dev,1".hashCode()) * 31);
    }
}
