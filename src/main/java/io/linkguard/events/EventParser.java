package io.linkguard.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkguard.evidence.HubNames;
import io.linkguard.evidence.Identity;
import io.linkguard.evidence.IdentityIds;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads IoT Hub's {@code Microsoft.Devices.DeviceConnected} / {@code DeviceDisconnected} events from an Event
 * Grid delivery: the Event Grid schema ({@code eventType}, {@code eventTime}, {@code topic}) or CloudEvents 1.0
 * ({@code specversion}, {@code type}, {@code time}, {@code source}), one event or an array of them. Nothing
 * here throws for bad input: every entry that cannot be used is skipped and counted by reason.
 */
public final class EventParser {
    public static final String CONNECTED = "Microsoft.Devices.DeviceConnected";
    public static final String DISCONNECTED = "Microsoft.Devices.DeviceDisconnected";
    /** Event Grid delivers at most 5,000 events per batch; anything beyond is not a real delivery. */
    public static final int MAX_EVENTS = 5000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> hubs;

    /** @param hubs the lower-case names of the hubs LinkGuard watches; events of other hubs are skipped */
    public EventParser(Set<String> hubs) {
        this.hubs = Set.copyOf(hubs);
    }

    public ParsedEvents parse(String body) {
        Map<String, Long> skipped = new TreeMap<>();
        List<DeviceConnectionEvent> events = new ArrayList<>();
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null) {
            skipped.put("not-json", 1L);
            return new ParsedEvents(List.of(), skipped);
        }
        List<JsonNode> entries = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(entries::add);
        } else {
            entries.add(root);
        }
        for (int i = 0; i < entries.size(); i++) {
            if (i >= MAX_EVENTS) {
                skipped.merge("over-batch-limit", (long) (entries.size() - MAX_EVENTS), Long::sum);
                break;
            }
            String reason = read(entries.get(i), events);
            if (reason != null) {
                skipped.merge(reason, 1L, Long::sum);
            }
        }
        return new ParsedEvents(List.copyOf(events), skipped);
    }

    /** Adds the event to {@code out}, or returns why it was skipped. */
    private String read(JsonNode e, List<DeviceConnectionEvent> out) {
        if (!e.isObject()) {
            return "not-an-event";
        }
        boolean cloudEvent = e.has("specversion");
        String type = text(e, cloudEvent ? "type" : "eventType");
        ConnectionState state;
        if (CONNECTED.equals(type)) {
            state = ConnectionState.CONNECTED;
        } else if (DISCONNECTED.equals(type)) {
            state = ConnectionState.DISCONNECTED;
        } else {
            return "other-event-type";
        }
        JsonNode data = e.get("data");
        if (data == null || !data.isObject()) {
            return "missing-data";
        }
        String deviceId = text(data, "deviceId");
        if (deviceId == null) {
            return "missing-device-id";
        }
        if (!IdentityIds.isValid(deviceId)) {
            return "invalid-device-id";
        }
        String moduleId = text(data, "moduleId");
        if (moduleId != null && !IdentityIds.isValid(moduleId)) {
            return "invalid-module-id";
        }
        String hub = hubName(text(data, "hubName"), text(e, cloudEvent ? "source" : "topic"));
        if (hub == null) {
            return "missing-hub";
        }
        if (!HubNames.isValid(hub)) {
            return "invalid-hub-name";
        }
        if (!hubs.contains(hub)) {
            return "unknown-hub";
        }
        String sequence = text(data.path("deviceConnectionStateEventInfo"), "sequenceNumber");
        if (sequence == null) {
            return "missing-sequence-number";
        }
        if (!SequenceNumber.isValid(sequence)) {
            return "invalid-sequence-number";
        }
        Instant time = time(text(e, cloudEvent ? "time" : "eventTime"));
        if (time == null) {
            return "bad-event-time";
        }
        out.add(new DeviceConnectionEvent(text(e, "id"), new Identity(hub, deviceId, moduleId), state,
                new SequenceNumber(sequence), time));
        return null;
    }

    /** data.hubName ("myhub", sometimes a host name "myhub.azure-devices.net"), else the topic's ARM id. */
    private static String hubName(String hubName, String topic) {
        String name = HubNames.of(hubName);
        return name != null ? name : HubNames.of(topic);
    }

    private static Instant time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() || v.asText().isEmpty() ? null : v.asText();
    }
}
