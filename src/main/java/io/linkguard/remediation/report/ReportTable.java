package io.linkguard.remediation.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkguard.remediation.safety.Mode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report as an operator reads it in a terminal or a log: hubs, then every identity LinkGuard did or
 * would do something about (failures first), with the reason; in dry-run every write with its exact body;
 * then the counts.
 */
public final class ReportTable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<IdentityResult.Status> ORDER = List.of(IdentityResult.Status.FAILED,
            IdentityResult.Status.DONE, IdentityResult.Status.WOULD_DO, IdentityResult.Status.SKIPPED,
            IdentityResult.Status.OBSERVED, IdentityResult.Status.NOTHING);

    private ReportTable() {
    }

    public static String write(RemediationReport report, boolean withWrites) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "LinkGuard remediation: mode %s, run %s, %s .. %s%n", report.mode().label(),
                report.runId(), report.started(), report.finished()));
        if (!report.inputComplete()) {
            out.append("  INCOMPLETE INPUT: nothing is resolved for lack of findings\n");
        }
        out.append('\n');
        for (HubResult h : report.hubs()) {
            out.append(String.format(Locale.ROOT, "Hub %s: %s; %s identities, %d with findings, %d tagged, %d to back off or ticket%n",
                    h.hub(), h.status().label(), h.identities() < 0 ? "?" : String.valueOf(h.identities()), h.findings(),
                    h.tagged(), h.acting()));
            if (h.reason() != null) {
                out.append("  ").append(h.reason()).append('\n');
            }
        }
        out.append('\n');
        List<IdentityResult> shown = report.identities().stream()
                .filter(r -> r.status() != IdentityResult.Status.NOTHING || report.identities().size() <= 50)
                .sorted(java.util.Comparator.comparingInt((IdentityResult r) -> ORDER.indexOf(r.status()))
                        .thenComparing(IdentityResult::identity))
                .toList();
        if (shown.isEmpty()) {
            out.append("Nothing to do.\n");
        } else {
            out.append(String.format(Locale.ROOT, "%-9s %-17s %-19s %s%n", "STATUS", "CLASS", "STAGE", "IDENTITY / WHY"));
        }
        for (IdentityResult r : shown) {
            String stage = r.stageBefore() == r.stageAfter() ? r.stageAfter().label()
                    : r.stageBefore().label() + " -> " + r.stageAfter().label();
            out.append(String.format(Locale.ROOT, "%-9s %-17s %-19s %s%n", r.status().label(),
                    r.classification() == null ? "-" : r.classification(), stage, r.identity().display()));
            out.append(String.format(Locale.ROOT, "%48s%s%n", "", r.why()));
            for (ActionResult a : r.actions()) {
                out.append(String.format(Locale.ROOT, "%48s%s: %s%s%n", "", a.action(), a.outcome(),
                        a.detail() == null || a.detail().isEmpty() ? "" : " (" + a.detail() + ")"));
            }
            if (withWrites) {
                for (HubWrite w : r.writes()) {
                    out.append(String.format(Locale.ROOT, "%48s%s %s%s%s: %s%n", "", w.kind().label(), w.target(),
                            w.etag() == null ? "" : " If-Match \"" + w.etag() + "\"",
                            w.condition() == null ? "" : " [" + w.condition() + "]", json(w.body())));
                }
            }
        }
        for (String note : report.notes()) {
            out.append("note: ").append(note).append('\n');
        }
        out.append('\n').append(summary(report)).append('\n');
        return out.toString();
    }

    public static String write(RemediationReport report) {
        return write(report, report.mode() == Mode.DRY_RUN);
    }

    /** One line: identities by status, actions by outcome. */
    public static String summary(RemediationReport report) {
        String statuses = report.statuses().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        String actions = report.counts().entrySet().stream().map(ReportTable::actionCounts).collect(Collectors.joining("; "));
        return String.format(Locale.ROOT, "Summary (%s): %d identities: %s; actions: %s%s%s", report.mode().label(),
                report.identities().size(), statuses.isEmpty() ? "none" : statuses, actions.isEmpty() ? "none" : actions,
                report.unreadableTags() > 0 ? "; " + report.unreadableTags() + " unreadable tags treated as absent" : "",
                report.mode() == Mode.ENFORCE ? "" : " (nothing was changed)");
    }

    private static String actionCounts(Map.Entry<String, Map<String, Integer>> e) {
        return e.getKey() + " " + e.getValue().entrySet().stream().map(o -> o.getKey() + " " + o.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return String.valueOf(body);
        }
    }
}
