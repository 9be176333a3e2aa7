package io.linkguard.events;

import java.time.Instant;

/** Builds IoT Hub connection events as Event Grid delivers them, in both schemas. */
final class Events {
    static final String TOPIC = "/SUBSCRIPTIONS/0A1B2C3D-1111-2222-3333-444455556666/RESOURCEGROUPS/RG-IOT/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/HUB-A";

    private Events() {
    }

    /** A sequence number as the hub writes it: 64 upper-case hex digits. */
    static String seq(long n) {
        return String.format("000000000000000001D4132452F67CE2%032X", n);
    }

    static String eventGrid(String type, String device, String module, long seq, Instant time) {
        return """
                {"id":"%s","topic":"%s","subject":"devices/%s","eventType":"Microsoft.Devices.Device%s",
                 "eventTime":"%s","dataVersion":"1","metadataVersion":"1",
                 "data":{"deviceConnectionStateEventInfo":{"sequenceNumber":"%s"},"hubName":"hub-a","deviceId":"%s"%s}}
                """.formatted("eg-" + device + "-" + seq, TOPIC, device, type, time, seq(seq), device,
                module == null ? "" : ",\"moduleId\":\"" + module + "\"");
    }

    static String cloudEvent(String type, String device, long seq, Instant time) {
        return """
                {"specversion":"1.0","id":"%s","source":"%s","subject":"devices/%s","type":"Microsoft.Devices.Device%s",
                 "time":"%s","data":{"deviceConnectionStateEventInfo":{"sequenceNumber":"%s"},"hubName":"hub-a","deviceId":"%s"}}
                """.formatted("ce-" + device + "-" + seq, TOPIC, device, type, time, seq(seq), device);
    }

    static String batch(String... events) {
        return "[" + String.join(",", events) + "]";
    }
}
