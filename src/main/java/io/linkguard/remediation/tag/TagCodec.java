package io.linkguard.remediation.tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkguard.classification.Classification;
import io.linkguard.tickets.TicketState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@link LinkGuardTag} to and from the JSON object in {@code tags.linkguard}. Writing bounds every string so
 * the whole tag stays within {@link #MAX_TAG_BYTES} (the twin's 8 KB of tags keep the rest for the customer);
 * depth 3, no arrays. Reading accepts what an operator may have typed (numbers as strings are not accepted,
 * timestamps with any offset are) and reports anything else as {@link TagReading.Unreadable}, never throws.
 */
public final class TagCodec {
    /** LinkGuard's share of the twin's 8 KB of tags. */
    public static final int MAX_TAG_BYTES = 2048;
    public static final int MAX_REASON_BYTES = 200;
    public static final int MAX_RUN_ID_BYTES = 64;
    /** The tag's run id key: it changes only together with something else. */
    public static final String RUN_ID = "runId";
    public static final int MAX_ID_BYTES = 128;
    public static final int MAX_ERROR_BYTES = 120;
    public static final int MAX_SINK_BYTES = 32;
    public static final int MAX_URL_BYTES = 300;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TagCodec() {
    }

    public static Map<String, Object> encode(LinkGuardTag tag) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", LinkGuardTag.SCHEMA_VERSION);
        m.put("stage", tag.stage().label());
        put(m, "stageAt", tag.stageAt());
        put(m, "class", tag.classification());
        m.put("confidence", round(tag.confidence()));
        put(m, "since", tag.since());
        put(m, "lastSeen", tag.lastSeen());
        if (tag.conflicts() != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("total", tag.conflicts().total());
            c.put("code409002", tag.conflicts().code409002());
            c.put("code400027", tag.conflicts().code400027());
            c.put("perHour", round(tag.conflicts().perHour()));
            m.put("conflicts", c);
        }
        put(m, "reason", Text.clip(tag.reason(), MAX_REASON_BYTES));
        put(m, RUN_ID, Text.clip(tag.runId(), MAX_RUN_ID_BYTES));
        if (tag.action() != null) {
            Map<String, Object> a = new LinkedHashMap<>();
            put(a, "type", tag.action().type());
            put(a, "at", tag.action().at());
            put(a, "outcome", Text.clip(tag.action().outcome(), MAX_ERROR_BYTES));
            m.put("action", a);
        }
        if (tag.backoff() != null) {
            m.put("backoff", encode(tag.backoff()));
        }
        if (tag.ticket() != null) {
            m.put("ticket", encode(tag.ticket()));
        }
        put(m, "resolvedAt", tag.resolvedAt());
        return m;
    }

    private static Map<String, Object> encode(BackoffState b) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "commandId", Text.clip(b.commandId(), MAX_RUN_ID_BYTES));
        m.put("state", b.state().label());
        put(m, "via", b.via() == null ? null : b.via().label());
        put(m, "sent", b.sent());
        put(m, "until", b.until());
        m.put("acknowledged", b.acknowledged());
        m.put("rateAtSend", round(b.rateAtSend()));
        m.put("attempts", b.attempts());
        put(m, "jobId", Text.clip(b.jobId(), MAX_ID_BYTES));
        put(m, "verdict", b.verdict() == null ? null : b.verdict().label());
        put(m, "rateAfter", b.rateAfter() == null ? null : round(b.rateAfter()));
        put(m, "verifiedAt", b.verifiedAt());
        put(m, "lastError", Text.clip(b.lastError(), MAX_ERROR_BYTES));
        return m;
    }

    private static Map<String, Object> encode(TicketState t) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "sink", Text.clip(t.sink(), MAX_SINK_BYTES));
        put(m, "ref", Text.clip(t.reference(), MAX_ID_BYTES));
        String url = t.url();
        if (url != null && Text.clip(url, MAX_URL_BYTES).equals(url)) {
            m.put("url", url);
        }
        put(m, "status", t.status() == null ? null : t.status().name().toLowerCase(Locale.ROOT));
        put(m, "updated", t.lastUpdate());
        put(m, "class", t.classification());
        return m;
    }

    /** The tag's JSON size in bytes (UTF-8, compact), as the hub counts it. */
    public static int sizeBytes(Map<String, Object> json) {
        try {
            return JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tag not serialisable", e);
        }
    }

    /** Reads {@code tags.linkguard} as found on a twin (empty map: absent). */
    public static TagReading parse(Map<String, Object> raw) {
        if (raw == null || raw.isEmpty()) {
            return new TagReading.Absent();
        }
        try {
            Fields f = new Fields(raw, "");
            Object version = raw.get("v");
            if (!(version instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                return new TagReading.Unreadable("v: expected the schema version number, got " + describe(version));
            }
            if (n.intValue() > LinkGuardTag.SCHEMA_VERSION) {
                return new TagReading.Unsupported(n.intValue());
            }
            if (n.intValue() < 1) {
                return new TagReading.Unreadable("v: unknown schema version " + n.intValue());
            }
            String stageLabel = f.requiredText("stage");
            Stage stage = Stage.ofLabel(stageLabel)
                    .orElseThrow(() -> new TagFormatException("stage: unknown '" + stageLabel + "'"));
            String classification = f.text("class");
            if (classification != null) {
                checkClassification("class", classification);
            }
            Double confidence = f.number("confidence");
            LinkGuardTag tag = new LinkGuardTag(stage, f.requiredTime("stageAt"), classification,
                    confidence == null ? 0 : confidence, f.time("since"), f.time("lastSeen"), conflicts(f.object("conflicts")),
                    f.text("reason"), f.text(RUN_ID), action(f.object("action")), backoff(f.object("backoff")),
                    ticket(f.object("ticket")), f.time("resolvedAt"));
            return new TagReading.Valid(tag);
        } catch (TagFormatException e) {
            return new TagReading.Unreadable(e.getMessage());
        }
    }

    private static Conflicts conflicts(Fields f) {
        if (f == null) {
            return null;
        }
        return new Conflicts(f.count("total"), f.count("code409002"), f.count("code400027"), orZero(f.number("perHour")));
    }

    private static LastAction action(Fields f) {
        return f == null ? null : new LastAction(f.text("type"), f.time("at"), f.text("outcome"));
    }

    private static BackoffState backoff(Fields f) {
        if (f == null) {
            return null;
        }
        String stateLabel = f.requiredText("state");
        BackoffState.State state = BackoffState.State.ofLabel(stateLabel)
                .orElseThrow(() -> new TagFormatException(f.path("state") + ": unknown '" + stateLabel + "'"));
        String viaLabel = f.text("via");
        BackoffState.Via via = viaLabel == null ? null : BackoffState.Via.ofLabel(viaLabel)
                .orElseThrow(() -> new TagFormatException(f.path("via") + ": unknown '" + viaLabel + "'"));
        String verdictLabel = f.text("verdict");
        BackoffState.Verdict verdict = verdictLabel == null ? null : BackoffState.Verdict.ofLabel(verdictLabel)
                .orElseThrow(() -> new TagFormatException(f.path("verdict") + ": unknown '" + verdictLabel + "'"));
        Boolean ack = f.bool("acknowledged");
        BackoffState b = new BackoffState(f.requiredText("commandId"), state, via, f.time("sent"), f.requiredTime("until"),
                ack != null && ack, orZero(f.number("rateAtSend")), (int) f.count("attempts"), f.text("jobId"), verdict,
                f.number("rateAfter"), f.time("verifiedAt"), f.text("lastError"));
        if (b.delivered() && b.sent() == null) {
            throw new TagFormatException(f.path("sent") + ": missing for a delivered back-off");
        }
        if (state == BackoffState.State.SCHEDULED && b.jobId() == null) {
            throw new TagFormatException(f.path("jobId") + ": missing for a scheduled back-off");
        }
        return b;
    }

    private static TicketState ticket(Fields f) {
        if (f == null) {
            return null;
        }
        String statusLabel = f.requiredText("status");
        TicketState.Status status;
        try {
            status = TicketState.Status.valueOf(statusLabel.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TagFormatException(f.path("status") + ": unknown '" + statusLabel + "'");
        }
        String classification = f.text("class");
        if (classification != null) {
            checkClassification(f.path("class"), classification);
        }
        return new TicketState(f.text("sink"), f.text("ref"), f.text("url"), status, f.time("updated"), classification);
    }

    private static void checkClassification(String path, String label) {
        try {
            Classification.ofLabel(label);
        } catch (IllegalArgumentException e) {
            throw new TagFormatException(path + ": unknown class '" + label + "'");
        }
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value instanceof Instant t) {
            m.put(key, format(t));
        } else if (value != null) {
            m.put(key, value);
        }
    }

    public static String format(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static double round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return 0;
        }
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    private static double orZero(Double v) {
        return v == null ? 0 : v;
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        String s = String.valueOf(value);
        return (value instanceof String ? "'" + Text.clip(s, 40) + "'" : Text.clip(s, 40))
                + " (" + value.getClass().getSimpleName() + ")";
    }

    private static final class TagFormatException extends RuntimeException {
        TagFormatException(String message) {
            super(message, null, false, false);
        }
    }

    /** Typed reads of one JSON object of the tag; every problem names the field's path. */
    private static final class Fields {
        private final Map<String, Object> m;
        private final String prefix;

        Fields(Map<String, Object> m, String prefix) {
            this.m = m;
            this.prefix = prefix;
        }

        String path(String key) {
            return prefix + key;
        }

        String text(String key) {
            Object v = m.get(key);
            if (v == null) {
                return null;
            }
            if (v instanceof String s) {
                return s;
            }
            throw new TagFormatException(path(key) + ": expected text, got " + describe(v));
        }

        String requiredText(String key) {
            String s = text(key);
            if (s == null || s.isBlank()) {
                throw new TagFormatException(path(key) + ": missing");
            }
            return s;
        }

        Double number(String key) {
            Object v = m.get(key);
            if (v == null) {
                return null;
            }
            if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                return n.doubleValue();
            }
            throw new TagFormatException(path(key) + ": expected a number, got " + describe(v));
        }

        long count(String key) {
            Double d = number(key);
            if (d == null) {
                return 0;
            }
            if (d < 0 || d != Math.rint(d)) {
                throw new TagFormatException(path(key) + ": expected a whole number >= 0, got " + d);
            }
            return d.longValue();
        }

        Boolean bool(String key) {
            Object v = m.get(key);
            if (v == null || v instanceof Boolean) {
                return (Boolean) v;
            }
            throw new TagFormatException(path(key) + ": expected true or false, got " + describe(v));
        }

        Instant time(String key) {
            String s = text(key);
            if (s == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                throw new TagFormatException(path(key) + ": expected an ISO-8601 time, got '" + Text.clip(s, 40) + "'");
            }
        }

        Instant requiredTime(String key) {
            Instant t = time(key);
            if (t == null) {
                throw new TagFormatException(path(key) + ": missing");
            }
            return t;
        }

        @SuppressWarnings("unchecked")
        Fields object(String key) {
            Object v = m.get(key);
            if (v == null) {
                return null;
            }
            if (v instanceof Map<?, ?> map) {
                return new Fields((Map<String, Object>) map, path(key) + ".");
            }
            throw new TagFormatException(path(key) + ": expected an object, got " + describe(v));
        }
    }
}
