package io.linkguard.tickets.body;

import io.linkguard.tickets.body.TicketDocument.Block;
import io.linkguard.tickets.body.TicketDocument.Bullets;
import io.linkguard.tickets.body.TicketDocument.CodeBlock;
import io.linkguard.tickets.body.TicketDocument.Heading;
import io.linkguard.tickets.body.TicketDocument.Inline;
import io.linkguard.tickets.body.TicketDocument.Link;
import io.linkguard.tickets.body.TicketDocument.Paragraph;
import io.linkguard.tickets.body.TicketDocument.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain text for ServiceNow's description, work notes and close notes: headings underlined, tables aligned. Journal
 * fields (work notes, comments) show whatever stands between {@code [code]} and {@code [/code]} as HTML
 * (glide.ui.security.allow_codetag), so those tags are written {@code (code)} and {@code (/code)} wherever they
 * appear; inline text and table cells are one line each, so a device's text cannot forge a section.
 */
public final class PlainText {
    private PlainText() {
    }

    public static String render(TicketDocument doc) {
        StringBuilder out = new StringBuilder();
        for (Block b : doc.blocks()) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            if (b instanceof Heading h) {
                String heading = text(h.text());
                out.append(heading).append('\n')
                        .append("-".repeat(Math.min(heading.length(), 72))).append('\n');
            } else if (b instanceof Paragraph p) {
                out.append(inline(p.parts())).append('\n');
            } else if (b instanceof Bullets l) {
                l.items().forEach(i -> out.append("  * ").append(inline(i)).append('\n'));
            } else if (b instanceof Table t) {
                table(out, t);
            } else if (b instanceof CodeBlock c) {
                noCodeTags(c.text()).lines().forEach(line -> out.append("    ").append(line).append('\n'));
            } else if (b instanceof Link l) {
                out.append(text(l.text())).append(": ").append(text(l.url())).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The document in pieces of at most {@code limit} characters, broken between sections (a heading and
     * what follows it), else between blocks; a single block longer than the limit is cut. Every piece but
     * the last ends with a line saying the text continues.
     */
    public static List<String> chunks(TicketDocument doc, int limit) {
        String more = "\n[continued in the next note]";
        int room = limit - more.length();
        List<List<Block>> sections = new ArrayList<>();
        for (Block b : doc.blocks()) {
            if (b instanceof Heading || sections.isEmpty()) {
                sections.add(new ArrayList<>());
            }
            sections.get(sections.size() - 1).add(b);
        }
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (List<Block> section : sections) {
            String text = render(new TicketDocument(section));
            if (text.length() > room) {
                for (Block b : section) {
                    add(pieces, current, render(new TicketDocument(List.of(b))), room);
                }
            } else {
                add(pieces, current, text, room);
            }
        }
        if (!current.isEmpty() || pieces.isEmpty()) {
            pieces.add(current.toString());
        }
        for (int i = 0; i < pieces.size() - 1; i++) {
            pieces.set(i, pieces.get(i) + more);
        }
        return pieces;
    }

    private static void add(List<String> pieces, StringBuilder current, String text, int room) {
        String piece = text.length() > room ? FieldLimit.truncate(text, room) : text;
        if (!current.isEmpty() && current.length() + 1 + piece.length() > room) {
            pieces.add(current.toString());
            current.setLength(0);
        }
        current.append(current.isEmpty() ? "" : "\n").append(piece);
    }

    private static void table(StringBuilder out, Table t) {
        int[] widths = new int[t.headers().size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = text(t.headers().get(i)).length();
            for (List<String> row : t.rows()) {
                widths[i] = Math.max(widths[i], text(row.get(i)).length());
            }
        }
        row(out, t.headers(), widths);
        for (List<String> row : t.rows()) {
            row(out, row, widths);
        }
    }

    private static void row(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder("  ");
        for (int i = 0; i < cells.size(); i++) {
            String c = text(cells.get(i));
            line.append(c).append(" ".repeat(widths[i] - c.length() + 2));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String inline(List<Inline> parts) {
        StringBuilder s = new StringBuilder();
        parts.forEach(p -> s.append(DeviceText.oneLine(p.text())));
        return noCodeTags(s.toString());
    }

    private static String text(String t) {
        return noCodeTags(DeviceText.oneLine(t));
    }

    private static final java.util.regex.Pattern CODE_TAG = java.util.regex.Pattern.compile("(?i)\\[\\s*(/?)\\s*code\\s*]");

    /** ServiceNow's [code]...[/code] (any case, any spaces) written (code)...(/code). */
    static String noCodeTags(String t) {
        return t.indexOf('[') < 0 ? t : CODE_TAG.matcher(t).replaceAll("($1code)");
    }
}
