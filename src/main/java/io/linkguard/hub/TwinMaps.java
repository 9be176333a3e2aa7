package io.linkguard.hub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the SDK's twin collections into plain JSON maps for remediation (String, Long or Double,
 * Boolean, Map, List, null), and guards the JSON remediation writes: IoT Hub twin keys may not contain
 * '.', '$' or a space, nor may objects nest deeper than the twin limit.
 */
final class TwinMaps {
    /** IoT Hub's depth limit for tags and desired properties (the root object counts as 1). */
    static final int MAX_DEPTH = 10;

    private TwinMaps() {
    }

    /** A deep, unmodifiable plain copy of the object at {@code key}, or an empty map when absent or not an object. */
    static Map<String, Object> object(Map<String, Object> collection, String key) {
        if (collection == null) {
            return Map.of();
        }
        Object value = collection.get(key);
        return value instanceof Map<?, ?> map ? plainObject(map) : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plainObject(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (!k.startsWith("$")) {
                out.put(k, plain(e.getValue()));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            return plainObject(map);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(plain(v)));
            return Collections.unmodifiableList(out);
        }
        if (value instanceof Number n && !(value instanceof Long) && !(value instanceof Double)) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 9.0e15 ? (Object) (long) d : (Object) d;
        }
        return value;
    }

    /**
     * Checks a patch LinkGuard is about to send under {@code root} (e.g. {@code tags.linkguard}); returns a
     * problem description, or null when it is fine.
     */
    static String problem(String root, Map<String, Object> patch) {
        if (patch == null) {
            return root + ": the patch is null";
        }
        return problem(root, patch, 2);
    }

    private static String problem(String path, Map<?, ?> object, int depth) {
        if (depth > MAX_DEPTH) {
            return path + ": nested deeper than IoT Hub's limit of " + MAX_DEPTH;
        }
        for (Map.Entry<?, ?> e : object.entrySet()) {
            if (!(e.getKey() instanceof String key) || key.isEmpty()) {
                return path + ": a key is empty or not a string";
            }
            if (key.contains(".") || key.contains("$") || key.contains(" ")) {
                return path + "." + key + ": twin keys may not contain '.', '$' or a space";
            }
            if (e.getValue() instanceof Map<?, ?> child) {
                String p = problem(path + "." + key, child, depth + 1);
                if (p != null) {
                    return p;
                }
            } else if (e.getValue() instanceof Iterable<?> || (e.getValue() != null && e.getValue().getClass().isArray())) {
                return path + "." + key + ": arrays are not allowed in LinkGuard's twin objects";
            }
        }
        return null;
    }
}
