package io.linkguard.tickets;

import io.linkguard.classification.Classification;
import io.linkguard.evidence.Identity;
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
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
