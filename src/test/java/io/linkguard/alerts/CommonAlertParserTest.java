package io.linkguard.alerts;

import static io.linkguard.alerts.Alerts.dim;
import static io.linkguard.alerts.Alerts.dims;
import static io.linkguard.alerts.Alerts.logAlert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.evidence.Identity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommonAlertParserTest {
    private static final String HUB_ID = "/subscriptions/0a1b2c3d-1111-2222-3333-444455556666/resourcegroups/rg/providers/microsoft.devices/iothubs/hub-a";
    private final CommonAlertParser parser = new CommonAlertParser(List.of("hub-a", "hub-b"), 3);

    @Test
    void aLogAlertSplitByDeviceNamesItsIdentities() {
        AlertRequest request = parser.parse(logAlert("Fired", List.of(
                dims(dim("deviceId", "pump-1"), dim("_ResourceId", HUB_ID)),
                dims(dim("DeviceId", "gw'7"), dim("moduleId", "edgeHub"), dim("hub", "hub-b")))));
        assertThat(request.alertRule()).isEqualTo("linkguard-409002-by-device");
        assertThat(request.severity()).isEqualTo("Sev3");
        assertThat(request.resolved()).isFalse();
        assertThat(request.identities()).containsExactly(new Identity("hub-a", "pump-1", null), new Identity("hub-b", "gw'7", "edgeHub"));
        assertThat(request.truncated()).isZero();
    }

    @Test
    void withoutAHubDimensionEveryWatchedHubIsLookedAt() {
        AlertRequest request = parser.parse(logAlert("Fired", List.of(dims(dim("deviceId", "pump-1")))));
        assertThat(request.identities()).containsExactly(new Identity("hub-a", "pump-1", null), new Identity("hub-b", "pump-1", null));
    }

    @Test
    void boundedToTheMaximumNumberOfDevicesAndSaysHowManyWereLeft() {
        List<List<String[]>> sets = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            sets.add(dims(dim("deviceId", "d" + i), dim("hub", "hub-a")));
        }
        sets.add(dims(dim("deviceId", "d1"), dim("moduleId", "m"), dim("hub", "hub-a")));
        AlertRequest request = parser.parse(logAlert("Fired", sets));
        assertThat(request.identities()).containsExactly(new Identity("hub-a", "d0", null), new Identity("hub-a", "d1", null),
                new Identity("hub-a", "d2", null), new Identity("hub-a", "d1", "m"));
        assertThat(request.truncated()).isEqualTo(4);
    }

    @Test
    void aResolvedAlertAsksForNothing() {
        AlertRequest request = parser.parse(logAlert("Resolved", List.of(dims(dim("deviceId", "pump-1")))));
        assertThat(request.resolved()).isTrue();
        assertThat(request.identities()).isEmpty();
    }

    @Test
    void badPayloadsAreRejectedWithAClearMessage() {
        assertBad("", "empty body");
        assertBad("{\"schemaId\":", "not JSON");
        assertBad("{\"schemaId\":\"Microsoft.Insights/activityLogs\",\"data\":{}}", "schemaId must be 'azureMonitorCommonAlertSchema'");
        assertBad("{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"data\":{}}", "data.essentials is missing");
        assertBad("{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"data\":{\"essentials\":{\"monitorCondition\":\"Fired\"}}}",
                "data.alertContext.condition.allOf is missing");
        assertBad(logAlert("Fired", List.of(dims(dim("ResultType", "409002")))), "no deviceId dimension");
        assertBad(logAlert("Fired", List.of(dims(dim("deviceId", "x\"]); AzureDiagnostics | take 1 //")))),
                "allOf[0].dimensions: deviceId 'x\"]); AzureDiagnostics | take 1 //' is not a valid IoT Hub id");
        assertBad(logAlert("Fired", List.of(dims(dim("deviceId", "ok"), dim("moduleId", "m\nforged log line")))),
                "moduleId 'm\\u000Aforged log line' is not a valid IoT Hub id");
        assertBad(logAlert("Fired", List.of(dims(dim("deviceId", "ok"), dim("hub", "hub-z")))),
                "hub 'hub-z' is not watched by LinkGuard (LINKGUARD_HUB_RESOURCE_IDS names hub-a, hub-b)");
        assertBad(logAlert("Fired", List.of(dims(dim("deviceId", "ok"), dim("Resource", "HUB_A")))), "is not an IoT hub name or ARM id");
        assertBad(logAlert("Fired", List.of(dims(dim("deviceId", "x".repeat(300))))), "…' is not a valid IoT Hub id");
        assertBad("{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"data\":{\"essentials\":{},\"alertContext\":{\"condition\":"
                + "{\"allOf\":[{\"dimensions\":{\"name\":\"deviceId\"}}]}}}}", "allOf[0].dimensions must be an array");
        assertBad("x".repeat(CommonAlertParser.MAX_BODY_CHARS + 1), "over the limit");
    }

    private void assertBad(String body, String message) {
        assertThatThrownBy(() -> parser.parse(body)).isInstanceOf(BadAlertException.class).hasMessageContaining(message);
    }
}
