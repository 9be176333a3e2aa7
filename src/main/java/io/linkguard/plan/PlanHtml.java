package io.linkguard.plan;

import io.linkguard.classification.FleetEvent;
import io.linkguard.evidence.EventKind;
import io.linkguard.evidence.TimelineEvent;
import io.linkguard.findings.Cohort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.Locale;
import java.util.stream.Collectors;

/** A self-contained HTML report: summary, fleet events, and each identity with an SVG timeline of its events. */
public final class PlanHtml {
    private static final int WIDTH = 900;

    private PlanHtml() {
    }

    public static String write(Plan plan) {
        return write(plan, Duration.ofMinutes(5));
    }

    /** The report; {@code fleetBin} is the bin of the activity charts (the fleet-detection bin). */
    public static String write(Plan plan, Duration fleetBin) {
        StringBuilder out = new StringBuilder(64 * 1024);
        try {
            write(plan, fleetBin, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the report to {@code out} identity by identity, so that no text of the whole plan is held in memory. */
    public static void write(Plan plan, Duration fleetBin, Appendable out) throws IOException {
        long from = plan.findings().stream().flatMap(f -> f.timeline().stream()).mapToLong(TimelineEvent::timeMillis).min().orElse(0);
        long to = plan.findings().stream().flatMap(f -> f.timeline().stream()).mapToLong(TimelineEvent::timeMillis).max().orElse(1);
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>LinkGuard plan</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
                .append("td,th{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}")
                .append(".faulty-reconnect{color:#b35c00}.shared-identity{color:#b00020}.transient{color:#2e7d32}")
                .append(".platform-event{color:#1565c0}small{color:#666}.hidden{display:none}select{margin-right:1em}</style></head><body>");
        h.append("<h1>LinkGuard plan</h1><p>").append(esc(PlanSummary.of(plan).line())).append("</p>");
        h.append("<p><small>Input: ").append(esc(plan.input().source())).append(", ").append(plan.input().rows())
                .append(" rows, ").append(plan.input().used()).append(" used, skipped ")
                .append(esc(plan.input().skipped().toString())).append("</small></p>");
        h.append("<p><small>Timeline legend: <b style=\"color:#d32f2f\">&#9679;</b> conflict, <b style=\"color:#757575\">&#9650;</b> drop/error, ")
                .append("<b style=\"color:#43a047\">|</b> connect; shaded: hub-wide event. From ")
                .append(Instant.ofEpochMilli(from)).append(" to ").append(Instant.ofEpochMilli(to)).append("</small></p>");
        PlanSummary summary = PlanSummary.of(plan);
        FleetFindingsHtml.classes(h, summary);
        FleetFindingsHtml.cohorts(h, plan.fleetFindings());
        FleetFindingsHtml.precursors(h, plan.fleetFindings());
        FleetFindingsHtml.activity(h, plan, fleetBin);
        h.append("<h2>Fleet events</h2>");
        if (plan.fleetEvents().isEmpty()) {
            h.append("<p>None.</p>");
        } else {
            h.append("<table><tr><th>hub</th><th>from</th><th>to</th><th>trigger</th><th>why</th></tr>");
            for (FleetEvent e : plan.fleetEvents()) {
                h.append("<tr><td>").append(esc(e.hub())).append("</td><td>").append(e.from()).append("</td><td>")
                        .append(e.to()).append("</td><td>").append(e.trigger()).append("</td><td>")
                        .append(esc(e.explanation())).append("</td></tr>");
            }
            h.append("</table>");
        }
        Map<io.linkguard.evidence.Identity, List<String>> cohortsOf = new HashMap<>();
        for (Cohort c : plan.fleetFindings().cohorts()) {
            c.memberIds().forEach(id -> cohortsOf.computeIfAbsent(id, x -> new ArrayList<>()).add(c.id()));
        }
        h.append("<h2>Identities</h2>").append(filters(plan))
                .append("<table id=\"identities\"><tr><th>identity</th><th>class</th><th>actions</th><th>why</th></tr>");
        out.append(h);
        for (Finding f : plan.findings()) {
            String label = f.verdict().classification().label();
            h.setLength(0);
            h.append("<tr data-class=\"").append(label).append("\" data-cohorts=\"")
                    .append(esc(String.join("|", cohortsOf.getOrDefault(f.identity(), List.of())))).append("\"><td>").append(esc(f.identity().display())).append("<br><small>")
                    .append(f.evidence().conflicts()).append(" conflicts</small></td><td class=\"").append(label).append("\">")
                    .append(label).append(String.format(Locale.ROOT, " %.2f", f.verdict().confidence())).append("</td><td>")
                    .append(f.actions().isEmpty() ? "-" : f.actions().stream().map(Action::label).collect(Collectors.joining(", ")))
                    .append("</td><td>").append(f.verdict().reasons().stream().map(PlanHtml::esc).collect(Collectors.joining("<br>")))
                    .append("<br>").append(svg(f, plan, from, to)).append("</td></tr>");
            out.append(h);
        }
        out.append("</table>").append(FILTER_SCRIPT).append("</body></html>\n");
    }

    private static final String FILTER_SCRIPT = "<script>(function(){var c=document.getElementById('class-filter'),"
            + "k=document.getElementById('cohort-filter'),n=document.getElementById('shown');function apply(){var shown=0;"
            + "document.querySelectorAll('#identities tr[data-class]').forEach(function(r){var ok=(!c.value||r.dataset.class===c.value)"
            + "&&(!k.value||r.dataset.cohorts.split('|').indexOf(k.value)>=0);r.classList.toggle('hidden',!ok);if(ok)shown++;});"
            + "n.textContent=shown+' shown';}c.addEventListener('change',apply);k.addEventListener('change',apply);apply();})();</script>";

    private static String filters(Plan plan) {
        StringBuilder s = new StringBuilder("<p><label>class <select id=\"class-filter\"><option value=\"\">all</option>");
        for (io.linkguard.classification.Classification c : io.linkguard.classification.Classification.values()) {
            s.append("<option>").append(c.label()).append("</option>");
        }
        s.append("</select></label><label>cohort <select id=\"cohort-filter\"><option value=\"\">any</option>");
        for (Cohort c : plan.fleetFindings().cohorts()) {
            s.append("<option value=\"").append(esc(c.id())).append("\">").append(esc(c.id())).append("</option>");
        }
        return s.append("</select></label><small id=\"shown\"></small></p>").toString();
    }

    private static String svg(Finding f, Plan plan, long from, long to) {
        double span = Math.max(1, to - from);
        StringBuilder s = new StringBuilder("<svg width=\"" + WIDTH + "\" height=\"24\" role=\"img\">");
        for (FleetEvent e : plan.fleetEvents()) {
            if (e.hub().equals(f.identity().hub())) {
                double x1 = (e.from().toEpochMilli() - from) / span * WIDTH;
                double x2 = (e.to().toEpochMilli() - from) / span * WIDTH;
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"24\" fill=\"#e3f2fd\"/>",
                        Math.max(0, x1), Math.max(1, x2 - x1)));
            }
        }
        s.append("<line x1=\"0\" y1=\"12\" x2=\"").append(WIDTH).append("\" y2=\"12\" stroke=\"#ccc\"/>");
        for (TimelineEvent e : f.timeline()) {
            double x = (e.timeMillis() - from) / span * WIDTH;
            String title = "<title>" + Instant.ofEpochMilli(e.timeMillis()) + " " + e.kind() + (e.code() == null ? "" : " " + esc(e.code()))
                    + (e.maskedIp() == null ? "" : " " + esc(e.maskedIp())) + "</title>";
            if (e.kind() == EventKind.CONFLICT) {
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"12\" r=\"4\" fill=\"#d32f2f\">%s</circle>", x, title));
            } else if (e.kind() == EventKind.CONNECT) {
                s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"4\" x2=\"%.1f\" y2=\"20\" stroke=\"#43a047\">%s</line>", x, x, title));
            } else if (e.kind() != EventKind.DISCONNECT) {
                s.append(String.format(Locale.ROOT, "<path d=\"M%.1f 6 L%.1f 18 L%.1f 18 Z\" fill=\"#757575\">%s</path>", x, x - 4, x + 4, title));
            }
        }
        return s.append("</svg>").toString();
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
