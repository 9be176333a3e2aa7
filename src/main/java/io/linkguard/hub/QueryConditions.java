package io.linkguard.hub;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code queryCondition} of an IoT Hub job over a list of devices: {@code deviceId IN ['a','b']}.
 * Ids are written as string literals with {@code \} and {@code '} escaped by a backslash (the
 * DocumentDB-style grammar IoT Hub's query language comes from; ids with those characters are rare, and
 * this escaping was not checked against a live hub). A job's query condition is limited to
 * {@link #MAX_BYTES}; {@link #chunk} splits a long id list into conditions that each fit.
 */
public final class QueryConditions {
    /** The hub's limit on a job's query condition. */
    public static final int MAX_BYTES = 8 * 1024;

    private static final String PREFIX = "deviceId IN [";
    private static final String SUFFIX = "]";

    private QueryConditions() {
    }

    /** {@code deviceId IN [...]} over {@code deviceIds}, in the order given. */
    public static String deviceIdIn(List<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            throw new IllegalArgumentException("a job needs at least one device");
        }
        StringBuilder sb = new StringBuilder(PREFIX);
        for (int i = 0; i < deviceIds.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(literal(deviceIds.get(i)));
        }
        return sb.append(SUFFIX).toString();
    }

    /**
     * Splits {@code deviceIds} (in order) into groups whose {@link #deviceIdIn} condition is at most
     * {@code maxBytes} of UTF-8.
     */
    public static List<List<String>> chunk(List<String> deviceIds, int maxBytes) {
        int overhead = bytes(PREFIX) + bytes(SUFFIX);
        List<List<String>> chunks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int size = overhead;
        for (String id : deviceIds) {
            int idBytes = bytes(literal(id));
            if (overhead + idBytes > maxBytes) {
                throw new IllegalArgumentException("device id too long for one query condition of " + maxBytes
                        + " bytes: " + id);
            }
            int added = (current.isEmpty() ? 0 : 1) + idBytes;
            if (size + added > maxBytes) {
                chunks.add(List.copyOf(current));
                current = new ArrayList<>();
                size = overhead;
                added = idBytes;
            }
            current.add(id);
            size += added;
        }
        if (!current.isEmpty()) {
            chunks.add(List.copyOf(current));
        }
        return chunks;
    }

    /** {@link #chunk(List, int)} at the hub's limit. */
    public static List<List<String>> chunk(List<String> deviceIds) {
        return chunk(deviceIds, MAX_BYTES);
    }

    static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    static String literal(String id) {
        return "'" + id.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
