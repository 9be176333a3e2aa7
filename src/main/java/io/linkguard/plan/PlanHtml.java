package io.linkguard.plan;

import io.linkguard.classification.FleetEvent;
import io.linkguard.evidence.EventKind;
import io.linkguard.evidence.TimelineEvent;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

/** A self-contained HTML report: summary, fleet events, and each identity with an SVG timeline of its events. */
public final class PlanHtml {
    private static final int WIDTH = 900;

    private PlanHtml() {
    }

    public static String write(Plan plan) {
        long from = plan.findings().stream().flatMap(f -> f.timeline().stream()).mapToLong(TimelineEvent::timeMillis).min().orElse(0);
        long to = plan.findings().stream().flatMap(f -> f.timeline().stream()).mapToLong(TimelineEvent::timeMillis).max().orElse(1);
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>LinkGuard plan</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
                .append("td,th{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}")
                .append(".faulty-reconnect{color:#b35c00}.shared-identity{color:#b00020}.transient{color:#2e7d32}")
                .append(".platform-event{color:#1565c0}small{color:#666}</style></head><body>");
        h.append("<h1>LinkGuard plan</h1><p>").append(esc(PlanSummary.of(plan).line())).append("</p>");
        h.append("<p><small>Input: ").append(esc(plan.input().source())).append(", ").append(plan.input().rows())
                .append(" rows, ").append(plan.input().used()).append(" used, skipped ")
                .append(esc(plan.input().skipped().toString())).append("</small></p>");
        h.append("<p><small>Timeline legend: <b style=\"color:#d32f2f\">&#9679;</b> conflict, <b style=\"color:#757575\">&#9650;</b> drop/error, ")
                .append("<b style=\"color:#43a047\">|</b> connect; shaded: hub-wide event. From ")
                .append(Instant.ofEpochMilli(from)).append(" to ").append(Instant.ofEpochMilli(to)).append("</small></p>");
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
        h.append("<h2>Identities</h2><table><tr><th>identity</th><th>class</th><th>actions</th><th>why</th></tr>");
        for (Finding f : plan.findings()) {
            String label = f.verdict().classification().label();
            h.append("<tr><td>").append(esc(f.identity().display())).append("<br><small>")
                    .append(f.evidence().conflicts()).append(" conflicts</small></td><td class=\"").append(label).append("\">")
                    .append(label).append(String.format(Locale.ROOT, " %.2f", f.verdict().confidence())).append("</td><td>")
                    .append(f.actions().isEmpty() ? "-" : f.actions().stream().map(Action::label).collect(Collectors.joining(", ")))
                    .append("</td><td>").append(f.verdict().reasons().stream().map(PlanHtml::esc).collect(Collectors.joining("<br>")))
                    .append("<br>").append(svg(f, plan, from, to)).append("</td></tr>");
        }
        h.append("</table></body></html>\n");
        return h.toString();
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

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
