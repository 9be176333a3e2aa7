package io.linkguard.alerts;

import io.linkguard.evidence.Identity;
import java.util.List;

/**
 * What an alert asks for: the identities named by its dimensions (at most the configured maximum, in
 * payload order; {@code truncated} says how many more were named), or nothing when the alert is resolved.
 */
public record AlertRequest(String alertId, String alertRule, String severity, String monitorCondition,
                           List<Identity> identities, int truncated) {

    public boolean resolved() {
        return "Resolved".equalsIgnoreCase(monitorCondition);
    }
}
