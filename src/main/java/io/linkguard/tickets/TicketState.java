package io.linkguard.tickets;

import java.time.Instant;

/**
 * What the twin tag remembers of a ticket: which sink, its reference and link, whether it is open,
 * resolved or still pending creation, when it was last written and for which class.
 */
public record TicketState(String sink, String reference, String url, Status status, Instant lastUpdate,
                          String classification) {

    public enum Status { OPEN, RESOLVED, PENDING }
}
