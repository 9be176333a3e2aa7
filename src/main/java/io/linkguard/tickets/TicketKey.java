package io.linkguard.tickets;

import io.linkguard.classification.Classification;
import io.linkguard.evidence.Identity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The dedupe key of a ticket: one per (hub, identity, class). */
public record TicketKey(String value) {

    public static TicketKey of(Identity identity, Classification classification) {
        return new TicketKey("linkguard:" + identity.hub() + ":" + identity.deviceId()
                + (identity.isModule() ? ":" + identity.moduleId() : "") + ":" + classification.label());
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
