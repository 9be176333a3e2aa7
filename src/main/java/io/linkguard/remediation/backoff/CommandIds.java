package io.linkguard.remediation.backoff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Back-off command ids, {@code lg-20261126T101500Z-7f3a2c}: the time of the decision and a short hash of
 * what it was decided for (an identity, or a job's chunk). Two instructions for one identity never share
 * an id; a dry-run and an enforce run at the same moment name the same instruction alike.
 */
public final class CommandIds {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private CommandIds() {
    }

    public static String of(Instant decidedAt, String subject) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((subject + "\n" + decidedAt).getBytes(StandardCharsets.UTF_8));
            return "lg-" + TIME.format(decidedAt) + "-" + HexFormat.of().formatHex(hash, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
