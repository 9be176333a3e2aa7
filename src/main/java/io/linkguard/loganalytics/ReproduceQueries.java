package io.linkguard.loganalytics;

import io.linkguard.evidence.Identity;
import io.linkguard.evidence.IdentityEvidence;
import io.linkguard.evidence.IdentityIds;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Self-contained KQL an operator pastes into the Log Analytics workspace (no LinkGuard parameters, no
 * prelude) to see one identity's evidence for themselves: its Connections rows in order, and its
 * addresses and SDK versions with counts, which is how clones of a shared identity are found. The
 * filters are the production prelude's (connections.kql); values go through {@link KqlLiterals}.
 */
public final class ReproduceQueries {
    /** Context kept on both sides of the evidence window. */
    static final Duration MARGIN = Duration.ofHours(1);

    private ReproduceQueries() {
    }

    /** The identity's Connections rows across the evidence window, oldest first. */
    public static String timeline(Identity identity, IdentityEvidence evidence) {
        return filter(identity, evidence)
                + "| project TimeGenerated, OperationName, ResultType, ResultDescription,\n"
                + "    maskedIpAddress = tostring(p.maskedIpAddress), sdkVersion = tostring(p.sdkVersion),\n"
                + "    protocol = tostring(p.protocol)\n"
                + "| order by TimeGenerated asc";
    }

    /**
     * One row per (masked address, SDK version, protocol) the identity connected from, with its connects and
     * conflicts and when it was first and last seen: two or more rows active over the same hours are two
     * or more clients.
     */
    public static String clients(Identity identity, IdentityEvidence evidence) {
        return filter(identity, evidence)
                + "| summarize connects = countif(OperationName == \"deviceConnect\" and isempty(ResultType)),\n"
                + "    conflicts = countif(ResultType in (\"409002\", \"400027\")),\n"
                + "    firstSeen = min(TimeGenerated), lastSeen = max(TimeGenerated)\n"
                + "    by maskedIpAddress = tostring(p.maskedIpAddress), sdkVersion = tostring(p.sdkVersion),\n"
                + "    protocol = tostring(p.protocol)\n"
                + "| order by connects desc";
    }

    private static String filter(Identity identity, IdentityEvidence evidence) {
        if (!IdentityIds.isValid(identity.deviceId())
                || identity.moduleId() != null && !IdentityIds.isValid(identity.moduleId())) {
            throw new IllegalArgumentException("not a valid IoT Hub identity: " + identity.display());
        }
        Instant from = evidence.firstSeen().minus(MARGIN).truncatedTo(ChronoUnit.SECONDS);
        Instant to = evidence.lastSeen().plus(MARGIN).truncatedTo(ChronoUnit.SECONDS);
        String module = identity.moduleId() == null ? "isempty(tostring(p.moduleId))"
                : "tostring(p.moduleId) == " + KqlLiterals.string(identity.moduleId());
        return "AzureDiagnostics\n"
                + "| where TimeGenerated between (" + KqlLiterals.datetime(from) + " .. " + KqlLiterals.datetime(to) + ")\n"
                + "| where ResourceProvider == \"MICROSOFT.DEVICES\" and ResourceType == \"IOTHUBS\" and Category == \"Connections\"\n"
                + "| where tolower(coalesce(extract(@\"/([^/]+)$\", 1, _ResourceId), Resource)) == "
                + KqlLiterals.hubName(identity.hub()) + "\n"
                + "| extend p = parse_json(properties_s)\n"
                + "| where tostring(p.deviceId) == " + KqlLiterals.string(identity.deviceId()) + " and " + module + "\n";
    }
}
