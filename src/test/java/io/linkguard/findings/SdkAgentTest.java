package io.linkguard.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.linkguard.evidence.IdentityAttribute;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SdkAgentTest {

    @Test
    void readsTheUserAgentsOfTheDeviceSdks() {
        assertEquals(new SdkAgent("azure-iot-device", "1.18.3", "node v20.11.1", "Ubuntu 22.04"),
                SdkAgent.parse("azure-iot-device/1.18.3(node v20.11.1; Ubuntu 22.04; x64)"));
        assertEquals(new SdkAgent("iothubclient", "1.14.0", "native", "Linux"),
                SdkAgent.parse("iothubclient/1.14.0 (native; Linux; x86_64)"));
        assertEquals(new SdkAgent("com.microsoft.azure.sdk.iot.iot-device-client", "2.5.0", "17.0.9", "Linux"),
                SdkAgent.parse("com.microsoft.azure.sdk.iot.iot-device-client/2.5.0 (17.0.9; Linux; amd64)"));
        assertEquals(new SdkAgent("azure-iot-device-client", "2.6.1", null, null), SdkAgent.parse("azure-iot-device-client/2.6.1"));
        assertEquals(new SdkAgent("azsdk-c", "1.5.0", "linux", null), SdkAgent.parse("azsdk-c%2F1.5.0%20%28linux%29"));
        assertEquals(new SdkAgent("custom", null, null, null), SdkAgent.parse("custom"));
        assertEquals(new SdkAgent(null, null, null, null), SdkAgent.parse(" "));
    }

    @Test
    void dimensionsDeriveTheirValues() {
        Map<IdentityAttribute, String> a = Map.of(IdentityAttribute.SDK_VERSION, "azure-iot-device/1.18.3 (node v20)",
                IdentityAttribute.MASKED_IP, "62.88.126.XXX", IdentityAttribute.IDENTITY_KIND, "module");
        assertEquals("azure-iot-device 1.18.3", CohortDimension.SDK_VERSION.valueOf(a));
        assertEquals("azure-iot-device", CohortDimension.SDK.valueOf(a));
        assertEquals("node v20", CohortDimension.RUNTIME.valueOf(a));
        assertEquals(null, CohortDimension.OS.valueOf(a));
        assertEquals("62.88.126.0/24", CohortDimension.ADDRESS_BLOCK.valueOf(a));
        assertEquals("module", CohortDimension.IDENTITY_KIND.valueOf(a));
        assertEquals(null, CohortDimension.PROTOCOL.valueOf(a));
    }
}
