package io.linkguard.evidence;

import static io.linkguard.alerts.Alerts.dim;
import static io.linkguard.alerts.Alerts.dims;
import static io.linkguard.alerts.Alerts.logAlert;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.alerts.CommonAlertParser;
import io.linkguard.events.EventParser;
import io.linkguard.logs.RawRow;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Logs, Event Grid events and alerts name the same hub in the same forms; each source must key it as
 * {@link HubNames#of} does, or evidence, events and alerts about one hub would not meet.
 */
class HubNameSourcesAgreeTest {
    private static final String HUB = "hub-a";

    @ParameterizedTest
    @ValueSource(strings = {
            "/subscriptions/0a1b2c3d-1111-2222-3333-444455556666/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/Hub-A",
            "/SUBSCRIPTIONS/0A1B2C3D-1111-2222-3333-444455556666/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/HUB-A/",
            "HUB-A",
            "hub-a.azure-devices.net"})
    void everySourceKeysTheHubAlike(String idOrName) {
        assertThat(HubNames.of(idOrName)).isEqualTo(HUB);
        assertThat(fromLogRow(idOrName)).as("logs").isEqualTo(HUB);
        assertThat(fromEvent(idOrName)).as("events").isEqualTo(HUB);
        assertThat(fromAlert(idOrName)).as("alerts").isEqualTo(HUB);
    }

    private static String fromLogRow(String resourceId) {
        RawRow row = new RawRow(Map.of("TimeGenerated", 0, "Category", 1, "OperationName", 2, "properties_s", 3,
                "_ResourceId", 4), new String[] {"2026-11-20T08:00:00Z", "Connections", "deviceConnect",
                "{\"deviceId\":\"d1\"}", resourceId}, 1);
        return new ConnectionRowParser(new SkipCounts()).parse(row).identity().hub();
    }

    private static String fromEvent(String topic) {
        String event = """
                [{"id":"e1","topic":"%s","subject":"devices/d1","eventType":"%s","eventTime":"2026-11-20T08:00:00Z",
                  "dataVersion":"1","metadataVersion":"1","data":{"deviceConnectionStateEventInfo":
                  {"sequenceNumber":"000000000000000001D4132452F67CE20000000000000000000000000000000A"},"deviceId":"d1"}}]
                """.formatted(topic, EventParser.CONNECTED);
        var parsed = new EventParser(Set.of(HUB)).parse(event);
        assertThat(parsed.skipped()).isEmpty();
        return parsed.events().get(0).identity().hub();
    }

    private static String fromAlert(String resourceId) {
        var request = new CommonAlertParser(List.of(HUB, "hub-b"), 3)
                .parse(logAlert("Fired", List.of(dims(dim("deviceId", "d1"), dim("_ResourceId", resourceId)))));
        return request.identities().get(0).hub();
    }
}
