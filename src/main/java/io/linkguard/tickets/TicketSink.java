package io.linkguard.tickets;

import java.util.List;
import java.util.Optional;

/**
 * One ticket system (ServiceNow, Azure DevOps Boards, GitHub Issues, a webhook) as the
 * {@link TicketOrchestrator} drives it. Implementations only translate: the decisions (dedupe, rate
 * limits, reopen policy, what counts as pending) are the orchestrator's. Every method either succeeds
 * or throws {@link TicketSinkException}; none retries on its own.
 */
public interface TicketSink {

    /** The setting label of the sink: servicenow, azuredevops, github, webhook. */
    String name();

    /**
     * Whether {@link #findOpen} and {@link #get} work. A webhook cannot be asked what it holds: for it the
     * twin tag's state is the only record, and delivery is at least once.
     */
    default boolean searchable() {
        return true;
    }

    /** Every open ticket carrying the key, in any order. */
    List<RemoteTicket> findOpen(TicketKey key) throws TicketSinkException;

    /** The ticket with this reference, open or not; empty when the system no longer has it. */
    Optional<RemoteTicket> get(String reference) throws TicketSinkException;

    /** Opens a ticket carrying the key so that {@link #findOpen} finds it. */
    RemoteTicket create(TicketKey key, TicketContent content) throws TicketSinkException;

    /** Adds the content as a comment / work note. */
    void update(RemoteTicket ticket, TicketContent content) throws TicketSinkException;

    /** Closes the ticket as resolved, with the content as the resolution note. */
    void resolve(RemoteTicket ticket, TicketContent content) throws TicketSinkException;

    /** Opens a closed ticket again, with the content as a comment. */
    void reopen(RemoteTicket ticket, TicketContent content) throws TicketSinkException;

    /** Closes {@code duplicate} as a duplicate of {@code kept}, linking the two. */
    void closeAsDuplicate(RemoteTicket duplicate, RemoteTicket kept, TicketContent content) throws TicketSinkException;
}
