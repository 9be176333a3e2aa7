package io.linkguard.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkguard.evidence.Identity;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The queue message of an {@link EvaluationRequest}: {@code {"v":1,"runId","trigger","invocationId",
 * "requestedAt","origin","identities":[{"hub","deviceId","moduleId"}]}}. A message that cannot be read is
 * {@link Unreadable} with the reason, never an exception: the worker records and drops it (a retry would
 * not make it readable).
 */
public final class EvaluationRequests {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvaluationRequests() {
    }

    /** A message the worker could not read, and why. */
    public static final class Unreadable extends Exception {
        public Unreadable(String reason) {
            super(reason);
        }
    }

    public static String toJson(EvaluationRequest r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("v", VERSION);
        root.put("runId", r.runId());
        root.put("trigger", r.trigger().label());
        root.put("invocationId", r.invocationId());
        root.put("requestedAt", r.requestedAt().toString());
        root.put("origin", r.origin());
        ArrayNode ids = root.putArray("identities");
        for (Identity i : r.identities()) {
            ObjectNode n = ids.addObject();
            n.put("hub", i.hub());
            n.put("deviceId", i.deviceId());
            if (i.moduleId() != null) {
                n.put("moduleId", i.moduleId());
            }
        }
        return root.toString();
    }

    public static EvaluationRequest parse(String message) throws Unreadable {
        JsonNode root;
        try {
            root = JSON.readTree(message == null ? "" : message);
        } catch (IOException e) {
            throw new Unreadable("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new Unreadable("not a JSON object");
        }
        if (root.path("v").asInt(-1) != VERSION) {
            throw new Unreadable("unknown message version " + root.path("v"));
        }
        String runId = text(root, "runId");
        Optional<RunTrigger> trigger = Arrays.stream(RunTrigger.values())
                .filter(t -> t.label().equals(root.path("trigger").asText())).findFirst();
        if (trigger.isEmpty()) {
            throw new Unreadable("unknown trigger " + root.path("trigger"));
        }
        Instant requestedAt;
        try {
            requestedAt = Instant.parse(text(root, "requestedAt"));
        } catch (DateTimeParseException e) {
            throw new Unreadable("requestedAt is not an ISO instant");
        }
        JsonNode ids = root.path("identities");
        if (!ids.isArray()) {
            throw new Unreadable("identities is not an array");
        }
        List<Identity> identities = new ArrayList<>();
        for (JsonNode n : ids) {
            String hub = n.path("hub").asText("");
            String device = n.path("deviceId").asText("");
            if (hub.isEmpty() || device.isEmpty()) {
                throw new Unreadable("an identity without hub or deviceId");
            }
            identities.add(new Identity(hub, device, n.hasNonNull("moduleId") ? n.get("moduleId").asText() : null));
        }
        return new EvaluationRequest(runId, trigger.get(), root.path("invocationId").asText(null), requestedAt,
                identities, root.path("origin").asText(""));
    }

    private static String text(JsonNode root, String field) throws Unreadable {
        String v = root.path(field).asText("");
        if (v.isEmpty()) {
            throw new Unreadable(field + " is missing");
        }
        return v;
    }
}
