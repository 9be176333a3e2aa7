package io.linkguard.device.backoff;

import io.linkguard.device.reconnect.ReconnectPolicy;
import java.time.Instant;

/**
 * A valid {@code linkguard.backoff/1} instruction (docs/backoff-contract.md): reconnect with {@code policy} until
 * {@code holdUntil}. {@code classification}, {@code reason} and {@code advice} are for the logs only.
 */
public record BackoffInstruction(
        String commandId,
        ReconnectPolicy policy,
        Instant holdUntil,
        String classification,
        String reason,
        String advice) {

    public static final String SCHEMA = "linkguard.backoff/1";
}
