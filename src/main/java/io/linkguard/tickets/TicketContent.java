package io.linkguard.tickets;

import io.linkguard.tickets.body.TicketDocument;

/**
 * What a sink writes for one step: the ticket's key and title, the document (rendered by each sink in
 * its own format) and the request it came from (the webhook sends the finding itself).
 */
public record TicketContent(Event event, TicketKey key, String title, TicketDocument document,
                            TicketRequest request) {

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
