package io.linkguard.tickets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Scrubs known secret values (and their URL-encoded and Base64 forms) out of any text before it reaches
 * a log line, an outcome detail or an exception message. A second line of defence: the HTTP layer never
 * puts a header or a request body into a message in the first place.
 */
public final class Redactor {
    public static final String MASK = "***";
    /** Shorter values are not scrubbed: masking every "a" would wreck messages without protecting anything. */
    private static final int MIN_LENGTH = 4;

    private final List<String> values = new CopyOnWriteArrayList<>();

    public Redactor add(Secret secret) {
        if (secret != null) {
            addValue(secret.reveal());
        }
        return this;
    }

    /** Adds a value that is secret although it was not configured as such (an access token, a signed URL). */
    public synchronized Redactor addValue(String value) {
        if (value == null || value.length() < MIN_LENGTH) {
            return this;
        }
        for (String form : List.of(value, URLEncoder.encode(value, StandardCharsets.UTF_8),
                Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)))) {
            if (!values.contains(form)) {
                values.add(form);
            }
        }
        values.sort(Comparator.comparingInt(String::length).reversed());
        return this;
    }

    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String v : values) {
            if (out.contains(v)) {
                out = out.replace(v, MASK);
            }
        }
        return out;
    }
}
