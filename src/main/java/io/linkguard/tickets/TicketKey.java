package io.linkguard.tickets;

import io.linkguard.classification.Classification;
import io.linkguard.evidence.Identity;
import io.linkguard.findings.Cohort;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The dedupe key of a ticket: one per (hub, identity, class), {@code linkguard:{hub}:{deviceId}[:{moduleId}]:{class}}.
 * ':' is a valid id character, so inside each component ':' is written {@code ~3A} and '~' (never in a valid id)
 * {@code ~7E}: no component then holds a ':', the number of components tells a device from a module, and the key
 * is injective ({@code gw:agent} and module {@code agent} of {@code gw} differ). Ids without ':' keep the key they
 * always had, so existing tickets stay findable.
 */
public record TicketKey(String value) {

    public static TicketKey of(Identity identity, Classification classification) {
        return new TicketKey("linkguard:" + component(identity.hub()) + ":" + component(identity.deviceId())
                + (identity.isModule() ? ":" + component(identity.moduleId()) : "") + ":" + classification.label());
    }

    /**
     * The key of a cohort's fleet-level ticket: {@code linkguard:{hub}:~cohort:{dimension}={value}:{class}}. No
     * escaped id component is {@code ~cohort} (an escaped component holds '~' only as ~7E or ~3A), so it never equals
     * an identity's key; the class stays last, as in every key.
     */
    public static TicketKey of(Cohort cohort) {
        if (cohort.hub() == null) {
            throw new IllegalArgumentException("a cohort ticket belongs to one hub; " + cohort.id() + " spans all hubs");
        }
        return new TicketKey("linkguard:" + component(cohort.hub()) + ":" + COHORT + ":" + cohort.dimension().label()
                + "=" + attributeValue(cohort.value()) + ":" + cohort.classification().label());
    }

    /** Longest encoded attribute value kept as it is; a longer one is replaced by its digest. */
    static final int VALUE_LIMIT = 100;

    /**
     * A cohort's attribute value comes from devices (an SDK version string may hold anything) and the key is written
     * verbatim where sinks keep it (GitHub's body marker): every character but letters, digits and . _ - + / ( ) is
     * written as '~' and the hex of its UTF-8 bytes, so the key stays one line of safe characters and injective; a
     * value longer than {@link #VALUE_LIMIT} encoded becomes {@code ~h} and 32 hex digits of its SHA-256.
     */
    static String attributeValue(String value) {
        StringBuilder s = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || ".-_+/()".indexOf(c) >= 0)) {
                s.append(c);
            } else {
                s.append('~').append(HexFormat.of().toHexDigits(b));
            }
        }
        if (s.length() <= VALUE_LIMIT) {
            return s.toString();
        }
        return "~h" + sha256(value).substring(0, 32);
    }

    static final String COHORT = "~cohort";

    /** Whether this is a cohort's key. */
    public boolean isCohort() {
        String[] parts = value.split(":");
        return parts.length == 5 && parts[2].equals(COHORT);
    }

    /** One component of the key: '~' and ':' escaped with '~' and their hex code. */
    static String component(String text) {
        if (text.indexOf(':') < 0 && text.indexOf('~') < 0) {
            return text;
        }
        return text.replace("~", "~7E").replace(":", "~3A");
    }

    /** The class label the key ends with. */
    public String classification() {
        return value.substring(value.lastIndexOf(':') + 1);
    }

    /** The same identity's key for another class. */
    public TicketKey withClassification(Classification other) {
        return new TicketKey(value.substring(0, value.lastIndexOf(':') + 1) + other.label());
    }

    /**
     * SHA-256 of the key as 64 lower-case hex digits: a case-proof, punctuation-free stand-in where a
     * system limits length or characters (GitHub label names, ServiceNow's 100-character correlation_id).
     */
    public String fingerprint() {
        return sha256(value);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
