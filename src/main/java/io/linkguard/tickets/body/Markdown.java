package io.linkguard.tickets.body;

import io.linkguard.tickets.body.TicketDocument.Block;
import io.linkguard.tickets.body.TicketDocument.Bullets;
import io.linkguard.tickets.body.TicketDocument.CodeBlock;
import io.linkguard.tickets.body.TicketDocument.Heading;
import io.linkguard.tickets.body.TicketDocument.Inline;
import io.linkguard.tickets.body.TicketDocument.Link;
import io.linkguard.tickets.body.TicketDocument.Paragraph;
import io.linkguard.tickets.body.TicketDocument.Table;
import java.util.List;

/**
 * GitHub-flavoured Markdown. Text is one line per inline run and escaped: Markdown punctuation backslash-escaped, a
 * run that would start a block (heading, quote, list, rule) escaped at its first character, "://" and "www." broken
 * with an entity so nothing becomes an autolink. GitHub finds @mentions and #references in the rendered text
 * outside code, so '@' (always) and '#' (in device-controlled text and table cells) go into a one-character code
 * span. Identifiers are code spans.
 */
public final class Markdown {
    private Markdown() {
    }

    public static String render(TicketDocument doc) {
        StringBuilder out = new StringBuilder();
        for (Block b : doc.blocks()) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            if (b instanceof Heading h) {
                out.append("### ").append(escape(h.text())).append('\n');
            } else if (b instanceof Paragraph p) {
                out.append(blockStart(inline(p.parts()))).append('\n');
            } else if (b instanceof Bullets l) {
                l.items().forEach(item -> out.append("- ").append(blockStart(inline(item))).append('\n'));
            } else if (b instanceof Table t) {
                table(out, t);
            } else if (b instanceof CodeBlock c) {
                String fence = fence(c.text());
                out.append(fence).append(c.language()).append('\n').append(c.text());
                if (!c.text().endsWith("\n")) {
                    out.append('\n');
                }
                out.append(fence).append('\n');
            } else if (b instanceof Link l) {
                out.append('[').append(escape(l.text())).append("](<").append(l.url().replace(">", "%3E"))
                        .append(">)\n");
            }
        }
        return out.toString();
    }

    private static void table(StringBuilder out, Table t) {
        out.append('|');
        t.headers().forEach(h -> out.append(' ').append(cell(h)).append(" |"));
        out.append("\n|");
        t.headers().forEach(h -> out.append("---|"));
        out.append('\n');
        for (List<String> row : t.rows()) {
            out.append('|');
            row.forEach(c -> out.append(' ').append(cell(c)).append(" |"));
            out.append('\n');
        }
    }

    static String inline(List<Inline> parts) {
        StringBuilder s = new StringBuilder();
        for (Inline p : parts) {
            switch (p.style()) {
                case PLAIN -> s.append(escape(p.text()));
                case STRONG -> s.append("**").append(escape(p.text())).append("**");
                case CODE -> s.append(codeSpan(p.text()));
                case DATA -> s.append(data(p.text()));
            }
        }
        return s.toString();
    }

    /**
     * A paragraph or list item that would start a heading, quote, list or rule (after any leading spaces, which
     * are dropped) is escaped at its first marker character.
     */
    private static String blockStart(String text) {
        String t = text.stripLeading();
        java.util.regex.Matcher ordered = java.util.regex.Pattern.compile("(?s)(\\d+)([.)].*)").matcher(t);
        if (ordered.matches()) {
            return ordered.group(1) + "\\" + ordered.group(2);
        }
        return t.matches("(?s)[#>+=-].*") ? "\\" + t : t;
    }

    static String codeSpan(String text) {
        String oneLine = DeviceText.oneLine(text);
        String ticks = "`";
        while (oneLine.contains(ticks)) {
            ticks += "`";
        }
        boolean pad = oneLine.startsWith("`") || oneLine.endsWith("`");
        return ticks + (pad ? " " : "") + oneLine + (pad ? " " : "") + ticks;
    }

    private static String cell(String text) {
        return data(text);
    }

    /** Device-controlled text: escaped, and '#' kept out of issue references. */
    static String data(String text) {
        return escape(text, true);
    }

    /** Backslash-escapes Markdown punctuation; '@' becomes an entity so no mention fires. */
    static String escape(String text) {
        return escape(text, false);
    }

    private static String escape(String text, boolean data) {
        String line = DeviceText.oneLine(text);
        StringBuilder s = new StringBuilder(line.length() + 8);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~' -> s.append('\\').append(c);
                case '@' -> s.append("`@`");
                case '#' -> s.append(data ? "`#`" : "#");
                case '&' -> s.append("&amp;");
                case ':' -> s.append(line.startsWith("//", i + 1) ? "&#58;" : ":");
                case '.' -> s.append(i >= 3 && line.regionMatches(true, i - 3, "www", 0, 3) ? "&#46;" : ".");
                default -> s.append(c);
            }
        }
        return s.toString();
    }

    private static String fence(String code) {
        String fence = "```";
        while (code.contains(fence)) {
            fence += "`";
        }
        return fence;
    }
}
