package io.linkguard.tickets.body;

import java.util.ArrayList;
import java.util.List;

/**
 * A ticket text as structure, so each sink renders it in its own format (Markdown for GitHub, HTML for
 * Azure DevOps, plain text for ServiceNow) and no renderer has to parse another's output. Identifiers
 * travel as {@link Inline#code} so a device id never turns into markup, a link or an @mention.
 */
public record TicketDocument(List<Block> blocks) {

    public TicketDocument {
        blocks = List.copyOf(blocks);
    }

    public sealed interface Block permits Heading, Paragraph, Bullets, Table, CodeBlock, Link {
    }

    public record Heading(String text) implements Block {
    }

    public record Paragraph(List<Inline> parts) implements Block {
    }

    public record Bullets(List<List<Inline>> items) implements Block {
    }

    public record Table(List<String> headers, List<List<String>> rows) implements Block {
    }

    public record CodeBlock(String language, String text) implements Block {
    }

    public record Link(String text, String url) implements Block {
    }

    /**
     * A run of text, plain, strong or code; {@code DATA} is text a device controls (values from its logs, or our
     * sentences quoting them): shown as it is, never markup, never a link, mention or issue reference.
     */
    public record Inline(String text, Style style) {
        public enum Style { PLAIN, STRONG, CODE, DATA }

        public static Inline data(String text) {
            return new Inline(text, Style.DATA);
        }

        public static Inline text(String text) {
            return new Inline(text, Style.PLAIN);
        }

        public static Inline strong(String text) {
            return new Inline(text, Style.STRONG);
        }

        public static Inline code(String text) {
            return new Inline(text, Style.CODE);
        }
    }

    /** Collects blocks in order. */
    public static final class Builder {
        private final List<Block> blocks = new ArrayList<>();

        public Builder heading(String text) {
            blocks.add(new Heading(text));
            return this;
        }

        public Builder paragraph(List<Inline> parts) {
            blocks.add(new Paragraph(List.copyOf(parts)));
            return this;
        }

        /** Parts are Inline values or plain strings. */
        public Builder paragraph(Object... parts) {
            blocks.add(new Paragraph(inlines(parts)));
            return this;
        }

        public Builder bullets(List<List<Inline>> items) {
            if (!items.isEmpty()) {
                blocks.add(new Bullets(items));
            }
            return this;
        }

        public Builder table(List<String> headers, List<List<String>> rows) {
            blocks.add(new Table(headers, rows));
            return this;
        }

        public Builder code(String language, String text) {
            blocks.add(new CodeBlock(language, text));
            return this;
        }

        public Builder link(String text, String url) {
            blocks.add(new Link(text, url));
            return this;
        }

        public Builder append(TicketDocument other) {
            blocks.addAll(other.blocks());
            return this;
        }

        public TicketDocument build() {
            return new TicketDocument(blocks);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static List<Inline> inlines(Object... parts) {
        List<Inline> out = new ArrayList<>(parts.length);
        for (Object p : parts) {
            out.add(p instanceof Inline i ? i : Inline.text(String.valueOf(p)));
        }
        return out;
    }
}
