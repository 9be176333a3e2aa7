package io.linkguard.plan;

import io.linkguard.findings.Cohort;
import io.linkguard.findings.FleetFindings;
import io.linkguard.findings.PrecursorBreakdown;
import io.linkguard.findings.PrecursorCause;
import java.util.Locale;
import java.util.Map;

/** The table output's fleet findings: cohorts, then the drops before transient conflicts with their remedies. */
final class FleetFindingsTable {
    private FleetFindingsTable() {
    }

    static void append(StringBuilder out, FleetFindings f) {
        if (!f.cohortsComputed()) {
            out.append("Cohorts: not computed (the evidence source gave no per-hub counts of active identities)\n");
        } else if (f.cohorts().isEmpty()) {
            out.append(String.format(Locale.ROOT, "Cohorts: none (%d candidates tested)%n", f.candidatesTested()));
        } else {
            out.append(String.format(Locale.ROOT, "Cohorts (%d candidates tested; over-represented attribute values, one fix for many identities):%n",
                    f.candidatesTested()));
            for (Cohort c : f.cohorts()) {
                out.append("  ").append(c.hub() == null ? "all hubs" : c.hub()).append("  ").append(c.line()).append('\n');
            }
        }
        if (!f.transientPrecursorsByHub().isEmpty()) {
            out.append("Drops before transient conflicts (identities by their most frequent cause):\n");
            f.transientPrecursorsByHub().forEach((hub, p) -> out.append("  ").append(hub).append("  ")
                    .append(line(p)).append('\n'));
            PrecursorCause dominant = null;
            int most = -1;
            for (PrecursorBreakdown p : f.transientPrecursorsByHub().values()) {
                for (Map.Entry<PrecursorCause, PrecursorBreakdown.Count> e : p.byCause().entrySet()) {
                    if (e.getValue().identities() > most) {
                        most = e.getValue().identities();
                        dominant = e.getKey();
                    }
                }
            }
            if (dominant != null) {
                out.append("  remedy for ").append(dominant.label()).append(": ").append(dominant.remedy())
                        .append(" (").append(dominant.doc()).append(")\n");
            }
        }
        out.append('\n');
    }

    static String line(PrecursorBreakdown p) {
        StringBuilder s = new StringBuilder().append(p.identities()).append(" identities:");
        p.byCause().forEach((cause, n) -> s.append(' ').append(cause.label()).append(' ').append(n.identities())
                .append(" (").append(n.conflicts()).append(" conflicts),"));
        s.setLength(s.length() - 1);
        return s.toString();
    }
}
