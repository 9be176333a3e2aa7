package io.linkguard.tickets;

import io.linkguard.tickets.body.TicketDocument;
import java.util.List;

/**
 * What a sink writes for one step: the ticket's key and title, the document (rendered by each sink in
 * its own format), an appendix (the timeline excerpt of a new or reopened ticket, possibly empty: a sink
 * with small fields, ServiceNow, posts it as a separate note) and the request it came from (the webhook
 * sends the finding itself).
 */
public record TicketContent(Event event, TicketKey key, String title, TicketDocument document,
                            TicketDocument appendix, TicketRequest request) {

    public TicketContent(Event event, TicketKey key, String title, TicketDocument document, TicketRequest request) {
        this(event, key, title, document, new TicketDocument(List.of()), request);
    }

    /** The document followed by the appendix. */
    public TicketDocument full() {
        return TicketDocument.builder().append(document).append(appendix).build();
    }

    public enum Event {
        OPENED("opened"), UPDATED("updated"), REOPENED("reopened"), RESOLVED("resolved"),
        /** Closed because a concurrent run opened the same ticket first. */
        DUPLICATE("duplicate"),
        /** Resolved because the identity was reclassified: the new class has its own ticket. */
        SUPERSEDED("superseded");

        private final String label;

        Event(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
