package io.linkguard.remediation.tag;

import java.time.Instant;

/** The last thing LinkGuard did to the identity ({@code tag}, {@code backoff}, {@code ticket}, {@code resolve}), when and how it went. */
public record LastAction(String type, Instant at, String outcome) {
}
