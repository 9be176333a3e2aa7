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

/** GitHub-flavoured Markdown. Text is escaped, identifiers go into code spans (no markup, no @mentions). */
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
                l.items().forEach(item -> out.append("- ").append(inline(item)).append('\n'));
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
            }
        }
        return s.toString();
    }

    /** A paragraph that would start a heading, quote, list or rule is escaped at its first character. */
    private static String blockStart(String text) {
        return text.matches("(?s)([#>+=-]|\\d+[.)]).*") ? "\\" + text : text;
    }

    static String codeSpan(String text) {
        String oneLine = text.replace('\n', ' ');
        String ticks = "`";
        while (oneLine.contains(ticks)) {
            ticks += "`";
        }
        boolean pad = oneLine.startsWith("`") || oneLine.endsWith("`");
        return ticks + (pad ? " " : "") + oneLine + (pad ? " " : "") + ticks;
    }

    private static String cell(String text) {
        return escape(text).replace("\n", " ");
    }

    /** Backslash-escapes Markdown punctuation; '@' becomes an entity so no mention fires. */
    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~' -> s.append('\\').append(c);
                case '@' -> s.append("&#64;");
                case '&' -> s.append("&amp;");
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
