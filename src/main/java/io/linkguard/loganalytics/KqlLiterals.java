package io.linkguard.loganalytics;

import io.linkguard.evidence.HubNames;
import io.linkguard.evidence.IdentityIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The only way a value reaches LinkGuard's KQL. Ids are validated against IoT Hub's own rules first
 * (which exclude double quotes, backslashes, control and non-ASCII characters), and then written as
 * escaped string literals anyway, so no id or hub name can change a query's structure.
 */
public final class KqlLiterals {
    private KqlLiterals() {
    }

    public static String string(String value) {
        StringBuilder s = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        throw new IllegalArgumentException("character U+" + String.format("%04X", (int) c)
                                + " cannot be written into a query");
                    }
                    s.append(c);
                }
            }
        }
        return s.append('"').toString();
    }

    /** A dynamic array of device ids; every id must be a valid IoT Hub id. */
    public static String deviceIds(List<String> ids) {
        for (String id : ids) {
            if (!IdentityIds.isValid(id)) {
                throw new IllegalArgumentException("not a valid IoT Hub device id: '" + IdentityIds.printable(id) + "'");
            }
        }
        return dynamicList(ids);
    }

    /** A dynamic array of lower-case hub names (3-50 letters, digits and hyphens). */
    public static String hubNames(List<String> hubs) {
        hubs.forEach(KqlLiterals::requireHubName);
        return dynamicList(hubs);
    }

    /** One lower-case hub name as a string literal, validated like {@link #hubNames}. */
    public static String hubName(String hub) {
        requireHubName(hub);
        return string(hub);
    }

    private static void requireHubName(String hub) {
        if (!HubNames.isValid(hub)) {
            throw new IllegalArgumentException("not a valid lower-case IoT hub name: '" + IdentityIds.printable(hub) + "'");
        }
    }

    public static String timespan(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative timespan " + d);
        }
        return d.toMillis() + "ms";
    }

    public static String datetime(Instant instant) {
        return "datetime(" + instant + ")";
    }

    private static String dynamicList(List<String> values) {
        StringBuilder s = new StringBuilder("dynamic([");
        for (int i = 0; i < values.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(string(values.get(i)));
        }
        return s.append("])").toString();
    }
}
