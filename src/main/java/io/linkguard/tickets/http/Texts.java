package io.linkguard.tickets.http;

import io.linkguard.logs.LogTimestamps;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Text the sinks send and read: encoded for a query, timestamps of an answer. */
public final class Texts {
    private Texts() {
    }

    /** A path segment or query value, percent-encoded (a space as %20, not '+'). */
    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * An answer's timestamp (ISO-8601, or ServiceNow's zone-less UTC "yyyy-MM-dd HH:mm:ss"), to the
     * millisecond; null when absent or unreadable: a ticket's times only order and pace, never decide alone.
     */
    public static Instant instant(String text) {
        try {
            return Instant.ofEpochMilli(LogTimestamps.parseMillis(text));
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }
}
