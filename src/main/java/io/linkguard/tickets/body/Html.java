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
 * HTML for Azure DevOps (System.Description, System.History and comments are HTML fields). Everything escaped,
 * control characters and bidi overrides become spaces.
 */
public final class Html {
    private Html() {
    }

    public static String render(TicketDocument doc) {
        StringBuilder out = new StringBuilder();
        for (Block b : doc.blocks()) {
            if (b instanceof Heading h) {
                out.append("<h3>").append(escape(h.text())).append("</h3>");
            } else if (b instanceof Paragraph p) {
                out.append("<p>").append(inline(p.parts())).append("</p>");
            } else if (b instanceof Bullets l) {
                out.append("<ul>");
                l.items().forEach(i -> out.append("<li>").append(inline(i)).append("</li>"));
                out.append("</ul>");
            } else if (b instanceof Table t) {
                table(out, t);
            } else if (b instanceof CodeBlock c) {
                out.append("<pre><code>").append(escape(c.text())).append("</code></pre>");
            } else if (b instanceof Link l) {
                out.append("<p><a href=\"").append(escape(l.url())).append("\">").append(escape(l.text()))
                        .append("</a></p>");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void table(StringBuilder out, Table t) {
        out.append("<table><tr>");
        t.headers().forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
        out.append("</tr>");
        for (List<String> row : t.rows()) {
            out.append("<tr>");
            row.forEach(c -> out.append("<td>").append(escape(c)).append("</td>"));
            out.append("</tr>");
        }
        out.append("</table>");
    }

    private static String inline(List<Inline> parts) {
        StringBuilder s = new StringBuilder();
        for (Inline p : parts) {
            switch (p.style()) {
                case PLAIN -> s.append(escape(p.text()));
                case STRONG -> s.append("<b>").append(escape(p.text())).append("</b>");
                case CODE -> s.append("<code>").append(escape(p.text())).append("</code>");
                case DATA -> s.append(escape(p.text()));
            }
        }
        return s.toString();
    }

    public static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\n' && DeviceText.breaksOrHides(c)) {
                c = ' ';
            }
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                case '@' -> s.append("&#64;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
