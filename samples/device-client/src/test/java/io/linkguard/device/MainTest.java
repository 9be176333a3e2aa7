package io.linkguard.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
    static final String VALID = "HostName=hub.azure-devices.net;DeviceId=d1;SharedAccessKey=c2VjcmV0LWtleS1mb3ItdGVzdHM=";

    @Test
    void needsAConnectionString() {
        assertThatThrownBy(() -> Main.fromEnvironment(Map.of()))
                .hasMessageStartingWith("IOTHUB_DEVICE_CONNECTION_STRING is required");
        assertThatThrownBy(() -> Main.fromEnvironment(Map.of("IOTHUB_DEVICE_CONNECTION_STRING", "SharedAccessKey=x")))
                .hasMessage("IOTHUB_DEVICE_CONNECTION_STRING must contain HostName= and DeviceId=");
    }

    @Test
    void namesTheSettingWhenTheSdkRefusesTheConnectionString() {
        ReferenceDevice.Builder builder = Main.fromEnvironment(Map.of("IOTHUB_DEVICE_CONNECTION_STRING",
                "HostName=hub.azure-devices.net;DeviceId=d1"));

        assertThatThrownBy(() -> Main.build(builder)).hasMessageStartingWith("IOTHUB_DEVICE_CONNECTION_STRING was refused by the device SDK: ");
    }

    @Test
    void checksTheMethodName() {
        assertThatThrownBy(() -> Main.fromEnvironment(Map.of("IOTHUB_DEVICE_CONNECTION_STRING", VALID, "LINKGUARD_BACKOFF_METHOD", "back off")))
                .hasMessage("LINKGUARD_BACKOFF_METHOD must be 1-128 letters, digits, '.', '_' or '-', got 'back off'");
    }

    @Test
    void buildsADeviceFromValidSettingsWithoutConnecting() throws Exception {
        try (ReferenceDevice device = Main.build(Main.fromEnvironment(Map.of("IOTHUB_DEVICE_CONNECTION_STRING", VALID,
                "LINKGUARD_BACKOFF_METHOD", "custom.backoff")))) {
            assertThat(device.deviceId()).isEqualTo("d1");
            assertThat(device.clientOpens()).isZero();
        }
    }
}
