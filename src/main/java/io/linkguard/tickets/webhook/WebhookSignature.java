package io.linkguard.tickets.webhook;

import io.linkguard.tickets.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: HMAC-SHA256, keyed with the shared secret's UTF-8 bytes, over the ASCII decimal
 * Unix timestamp (the X-LinkGuard-Timestamp header), one '.', and the exact body bytes; sent as
 * {@code X-LinkGuard-Signature: sha256=<64 lower-case hex digits>}. Signing the timestamp lets a receiver
 * reject replays by age without trusting an unsigned header.
 */
public final class WebhookSignature {
    public static final String SIGNATURE_HEADER = "X-LinkGuard-Signature";
    public static final String TIMESTAMP_HEADER = "X-LinkGuard-Timestamp";
    public static final String EVENT_HEADER = "X-LinkGuard-Event";
    public static final String DELIVERY_HEADER = "X-LinkGuard-Delivery";

    private WebhookSignature() {
    }

    /** "sha256=" + hex HMAC of timestamp + "." + body. */
    public static String sign(Secret secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
