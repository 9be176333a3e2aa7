package io.linkguard.hub;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code queryCondition} of an IoT Hub job over a list of devices: {@code deviceId IN ['a','b']}.
 * Ids are written as string literals with {@code \} and {@code '} escaped by a backslash (the
 * DocumentDB-style grammar IoT Hub's query language comes from; ids with those characters are rare, and
 * this escaping was not checked against a live hub). A job's query condition is limited to
 * {@link #MAX_BYTES}; remediation splits long device lists to fit ({@code remediation.backoff.JobChunks}).
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

    static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    static String literal(String id) {
        return "'" + id.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
