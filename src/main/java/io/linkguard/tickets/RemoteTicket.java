package io.linkguard.tickets;

import java.time.Instant;
import java.util.Comparator;

/**
 * A ticket as its system reports it. {@code reference} is what the API addresses it by (a ServiceNow
 * sys_id, a work item id, an issue number); {@code displayId} what people call it (INC0010001, #42);
 * {@code sequence} the system's creation order (incident number, work item id, issue number), which
 * decides "the oldest" when two runs raced; {@code updated} its last change by anyone. {@code reopenable}:
 * whether a ticket that is not open may be opened again (a ServiceNow incident may be while Resolved, not
 * once Closed or Canceled); every other system's closed tickets are.
 */
public record RemoteTicket(String reference, String displayId, String url, boolean open, long sequence,
                           Instant created, Instant updated, boolean reopenable) {

    public RemoteTicket(String reference, String displayId, String url, boolean open, long sequence, Instant created,
                        Instant updated) {
        this(reference, displayId, url, open, sequence, created, updated, true);
    }

    /** Oldest first: creation order as the system numbers it, then creation time, then reference. */
    public static final Comparator<RemoteTicket> OLDEST_FIRST = Comparator.comparingLong(RemoteTicket::sequence)
            .thenComparing(RemoteTicket::created, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(RemoteTicket::reference);
}
