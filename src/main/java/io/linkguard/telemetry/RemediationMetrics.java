package io.linkguard.telemetry;

import io.linkguard.pipeline.ActionOutcome;
import io.linkguard.remediation.safety.Mode;
import io.linkguard.remediation.report.ActionResult;
import io.linkguard.remediation.report.IdentityResult;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.remediation.tag.BackoffState;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics of one hub's remediation report: {@value #ACTIONS} per hub, action type and outcome, and
 * {@value #VERIFICATIONS} per hub and result (docs/telemetry.md; the workbook's action and back-off panels).
 */
public final class RemediationMetrics {
    public static final String ACTIONS = "linkguard.actions";
    public static final String VERIFICATIONS = "linkguard.backoff.verifications";

    private RemediationMetrics() {
    }

    public static void report(Telemetry t, RemediationReport report) {
        if (report.mode() == Mode.OBSERVE) {
            return;
        }
        boolean dryRun = report.mode() != Mode.ENFORCE;
        Map<Map<String, String>, Integer> counts = new LinkedHashMap<>();
        for (IdentityResult identity : report.identities()) {
            String hub = identity.identity().hub();
            for (ActionResult a : identity.actions()) {
                String type = type(a);
                if (type != null) {
                    String outcome = ActionOutcome.ofReported(a.outcome(), dryRun).label();
                    counts.merge(Map.of("metric", ACTIONS, "hub", hub, "type", type, "outcome", outcome), 1, Integer::sum);
                }
            }
            if (identity.verification() != null && !dryRun) {
                String result = identity.verification() == BackoffState.Verdict.IMPROVED ? "calmed" : "persisting";
                counts.merge(Map.of("metric", VERIFICATIONS, "hub", hub, "result", result), 1, Integer::sum);
            }
        }
        counts.forEach((key, n) -> {
            Map<String, String> dimensions = new HashMap<>(key);
            t.metric(dimensions.remove("metric"), n, dimensions);
        });
    }

    /**
     * The contract's action type: the report's action, refined by how a back-off was delivered and what
     * happened to a ticket; null for what is not an action on the hub or a ticket system (an observation).
     */
    static String type(ActionResult a) {
        String outcome = a.outcome() == null ? "" : a.outcome().replaceFirst("^would-", "");
        return switch (a.action()) {
            case "backoff" -> switch (outcome) {
                case "acknowledged-method", "rejected" -> "backoff-method";
                case "sent-desired" -> "backoff-desired";
                case "sent-job", "scheduled-job" -> "backoff-job";
                default -> outcome.startsWith("job-") ? "backoff-job" : "backoff";
            };
            case "ticket" -> switch (outcome) {
                case "opened", "reopened" -> "ticket-open";
                case "updated", "unchanged" -> "ticket-update";
                case "resolved" -> "ticket-resolve";
                default -> "ticket";
            };
            case "tag", "resolve", "skip", "read" -> a.action();
            default -> null;
        };
    }
}
