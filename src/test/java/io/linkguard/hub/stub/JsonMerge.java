package io.linkguard.hub.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** JSON merge patch (RFC 7386) as IoT Hub applies it to tags and desired properties, and the twin limits. */
final class JsonMerge {

    private JsonMerge() {
    }

    /** Merges {@code patch} into {@code target} in place: objects merge, null deletes, anything else replaces. */
    static void merge(ObjectNode target, JsonNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode value = f.getValue();
            if (value.isNull()) {
                target.remove(f.getKey());
            } else if (value.isObject()) {
                JsonNode existing = target.get(f.getKey());
                ObjectNode child = existing != null && existing.isObject() ? (ObjectNode) existing : target.putObject(f.getKey());
                merge(child, value);
            } else {
                target.set(f.getKey(), value.deepCopy());
            }
        }
    }

    /** The depth of a JSON value: a scalar is 0, an object holding scalars is 1. */
    static int depth(JsonNode node) {
        int max = 0;
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                max = Math.max(max, depth(child));
            }
            return max + 1;
        }
        return 0;
    }

    /** A key IoT Hub would refuse ({@code .}, {@code $} or a space), or null. */
    static String badKey(JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String k = f.getKey();
                if (k.isEmpty() || k.contains(".") || k.contains("$") || k.contains(" ")) {
                    return k;
                }
                String nested = badKey(f.getValue());
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }
}
