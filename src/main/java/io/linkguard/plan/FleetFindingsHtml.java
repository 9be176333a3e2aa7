package io.linkguard.plan;

import io.linkguard.classification.Classification;
import io.linkguard.classification.FleetEvent;
import io.linkguard.evidence.EventKind;
import io.linkguard.evidence.TimelineEvent;
import io.linkguard.findings.Cohort;
import io.linkguard.findings.FleetFindings;
import io.linkguard.findings.PrecursorBreakdown;
import io.linkguard.findings.PrecursorCause;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The report's pictures, inline SVG only: per hub activity over time, the class breakdown, cohort and cause bars. */
final class FleetFindingsHtml {
    private static final int WIDTH = 900;
    private static final Map<Classification, String> COLOURS = Map.of(Classification.TRANSIENT, "#2e7d32",
            Classification.FAULTY_RECONNECT, "#b35c00", Classification.SHARED_IDENTITY, "#b00020",
            Classification.PLATFORM_EVENT, "#1565c0");

    private FleetFindingsHtml() {
    }

    static String colour(Classification c) {
        return COLOURS.get(c);
    }

    /** Per hub: conflicts (red) and drops (grey) per bin among the reported identities, fleet events shaded. */
    static void activity(StringBuilder h, Plan plan, Duration bin) {
        long binMillis = bin.toMillis();
        Map<String, TreeMap<Long, int[]>> byHub = new TreeMap<>();
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (Finding f : plan.findings()) {
            TreeMap<Long, int[]> bins = byHub.computeIfAbsent(f.identity().hub(), x -> new TreeMap<>());
            for (TimelineEvent e : f.timeline()) {
                boolean conflict = e.kind() == EventKind.CONFLICT;
                if (conflict || e.kind().isFleetDrop()) {
                    long b = Math.floorDiv(e.timeMillis(), binMillis) * binMillis;
                    bins.computeIfAbsent(b, x -> new int[2])[conflict ? 0 : 1]++;
                    from = Math.min(from, b);
                    to = Math.max(to, b + binMillis);
                }
            }
        }
        if (byHub.isEmpty()) {
            return;
        }
        h.append("<h2>Conflicts and drops over time</h2><p><small>Per ").append(bin.toMinutes())
                .append("-minute bin, among the reported identities: <b style=\"color:#d32f2f\">&#9632;</b> conflicts, ")
                .append("<b style=\"color:#9e9e9e\">&#9632;</b> drops (404104, 5xx, 400029/400030); shaded: fleet events. ")
                .append(Instant.ofEpochMilli(from)).append(" to ").append(Instant.ofEpochMilli(to)).append("</small></p>");
        final long start = from;
        final double span = Math.max(1, to - from);
        for (Map.Entry<String, TreeMap<Long, int[]>> hub : byHub.entrySet()) {
            int max = hub.getValue().values().stream().mapToInt(c -> Math.max(c[0], c[1])).max().orElse(1);
            int height = 120;
            h.append("<h3>").append(PlanHtml.esc(hub.getKey())).append("</h3><svg class=\"chart\" width=\"").append(WIDTH + 40)
                    .append("\" height=\"").append(height + 20).append("\" role=\"img\" aria-label=\"conflicts and drops of ")
                    .append(PlanHtml.esc(hub.getKey())).append("\">");
            for (FleetEvent e : plan.fleetEvents()) {
                if (e.hub().equals(hub.getKey())) {
                    double x1 = 40 + (e.from().toEpochMilli() - from) / span * WIDTH;
                    double x2 = 40 + (e.to().toEpochMilli() - from) / span * WIDTH;
                    h.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"%d\" fill=\"#e3f2fd\"><title>fleet event %s %s .. %s</title></rect>",
                            x1, Math.max(1, x2 - x1), height, e.trigger(), e.from(), e.to()));
                }
            }
            double w = Math.max(1, binMillis / span * WIDTH / 2);
            hub.getValue().forEach((b, c) -> {
                double x = 40 + (b - start) / span * WIDTH;
                bar(h, x, w, c[0], max, height, "#d32f2f", Instant.ofEpochMilli(b) + ": " + c[0] + " conflicts");
                bar(h, x + w, w, c[1], max, height, "#9e9e9e", Instant.ofEpochMilli(b) + ": " + c[1] + " drops");
            });
            h.append(String.format(Locale.ROOT, "<line x1=\"40\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", height, WIDTH + 40, height))
                    .append(String.format(Locale.ROOT, "<text x=\"0\" y=\"10\" font-size=\"10\">%d</text><text x=\"0\" y=\"%d\" font-size=\"10\">0</text>",
                            max, height))
                    .append(String.format(Locale.ROOT, "<text x=\"40\" y=\"%d\" font-size=\"10\">%s</text><text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text>",
                            height + 14, Instant.ofEpochMilli(from), WIDTH + 40, height + 14, Instant.ofEpochMilli(to)))
                    .append("</svg>");
        }
    }

    private static void bar(StringBuilder h, double x, double w, int n, int max, int height, String fill, String title) {
        if (n == 0) {
            return;
        }
        double bh = (double) n / max * (height - 4);
        h.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
                x, height - bh, w, bh, fill, PlanHtml.esc(title)));
    }

    /** One horizontal bar per class, its length the identities of the class. */
    static void classes(StringBuilder h, PlanSummary summary) {
        int max = summary.byClassification().values().stream().mapToInt(Integer::intValue).max().orElse(1);
        h.append("<h2>Classes</h2><svg width=\"").append(WIDTH).append("\" height=\"").append(24 * 4 + 4)
                .append("\" role=\"img\" aria-label=\"identities per class\">");
        int y = 2;
        for (Map.Entry<Classification, Integer> e : summary.byClassification().entrySet()) {
            double w = max == 0 ? 0 : (double) e.getValue() / max * (WIDTH - 260);
            h.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"13\">%s</text><rect x=\"140\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" font-size=\"13\">%d</text>", y + 14, e.getKey().label(), y, Math.max(1, w),
                    colour(e.getKey()), 146 + w, y + 14, e.getValue()));
            y += 24;
        }
        h.append("</svg>");
    }

    /** Per cohort: its share of the active identities against its share of the class. */
    static void cohorts(StringBuilder h, FleetFindings f) {
        h.append("<h2>Cohorts</h2>");
        if (!f.cohortsComputed()) {
            h.append("<p>Not computed: the evidence source gave no per-hub counts of active identities.</p>");
            return;
        }
        if (f.cohorts().isEmpty()) {
            h.append("<p>None: no attribute value is over-represented in any class (").append(f.candidatesTested())
                    .append(" candidates tested).</p>");
            return;
        }
        h.append("<p><small>Grey: share of the scope's active identities; coloured: share of the class's identities. ")
                .append(f.candidatesTested()).append(" candidates tested, reported at Bonferroni-adjusted p &le; ")
                .append(f.settings().alpha()).append(".</small></p>");
        int rowHeight = 46;
        h.append("<svg width=\"").append(WIDTH).append("\" height=\"").append(rowHeight * f.cohorts().size() + 4)
                .append("\" role=\"img\" aria-label=\"cohort shares\">");
        int y = 2;
        int barWidth = WIDTH - 300;
        for (Cohort c : f.cohorts()) {
            h.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"13\">%s</text>", y + 12,
                    PlanHtml.esc((c.hub() == null ? "all hubs" : c.hub()) + " · " + c.classification().label() + " · "
                            + c.dimension().label() + " " + c.value())));
            h.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"#bdbdbd\"/><text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s of active identities</text>",
                    y + 16, Math.max(1, c.activeShare() * barWidth), c.activeShare() * barWidth + 6, y + 26, pct(c.activeShare())));
            h.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"%s\"/><text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s of %s identities (%d), lift %.1f</text>",
                    y + 29, Math.max(1, c.classShare() * barWidth), colour(c.classification()), c.classShare() * barWidth + 6,
                    y + 39, pct(c.classShare()), c.classification().label(), c.members(), c.lift()));
            y += rowHeight;
        }
        h.append("</svg>");
    }

    /** Per hub, what dropped before transient conflicts, and the documented remedy of each cause. */
    static void precursors(StringBuilder h, FleetFindings f) {
        if (f.transientPrecursorsByHub().isEmpty()) {
            return;
        }
        h.append("<h2>What dropped before transient conflicts</h2><table><tr><th>hub</th><th>identities by most frequent cause</th></tr>");
        TreeSet<PrecursorCause> seen = new TreeSet<>();
        f.transientPrecursorsByHub().forEach((hub, p) -> {
            h.append("<tr><td>").append(PlanHtml.esc(hub)).append("</td><td>").append(causeBar(p)).append("<br><small>")
                    .append(PlanHtml.esc(FleetFindingsTable.line(p))).append("</small></td></tr>");
            seen.addAll(p.byCause().keySet());
        });
        h.append("</table><ul>");
        for (PrecursorCause c : seen) {
            h.append("<li><b style=\"color:").append(CAUSE_COLOURS[c.ordinal()]).append("\">&#9632;</b> <b>").append(c.label()).append("</b> (").append(PlanHtml.esc(c.codes())).append("): ")
                    .append(PlanHtml.esc(c.remedy())).append(" — <small>").append(PlanHtml.esc(c.doc())).append("</small></li>");
        }
        h.append("</ul>");
    }

    private static final String[] CAUSE_COLOURS = {"#6d4c41", "#8e24aa", "#9e9e9e", "#f57c00", "#1565c0"};

    private static String causeBar(PrecursorBreakdown p) {
        StringBuilder s = new StringBuilder("<svg width=\"600\" height=\"16\" role=\"img\">");
        double x = 0;
        for (Map.Entry<PrecursorCause, PrecursorBreakdown.Count> e : p.byCause().entrySet()) {
            double w = p.identities() == 0 ? 0 : (double) e.getValue().identities() / p.identities() * 600;
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"16\" fill=\"%s\"><title>%s: %d identities</title></rect>",
                    x, w, CAUSE_COLOURS[e.getKey().ordinal()], e.getKey().label(), e.getValue().identities()));
            x += w;
        }
        return s.append("</svg>").toString();
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, share < 0.1 ? "%.1f%%" : "%.0f%%", share * 100);
    }
}
