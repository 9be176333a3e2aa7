package io.linkguard.tickets;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A sink in dry-run mode: searches go to the real system (so the outcome says what would happen to the
 * real tickets), every write is logged instead of sent.
 */
final class DryRunSink implements TicketSink {
    private final TicketSink real;
    private final TicketLog log;
    private final Clock clock;

    DryRunSink(TicketSink real, TicketLog log, Clock clock) {
        this.real = real;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public boolean searchable() {
        return real.searchable();
    }

    @Override
    public List<RemoteTicket> findOpen(TicketKey key) throws TicketSinkException {
        return real.findOpen(key);
    }

    @Override
    public Optional<RemoteTicket> get(String reference) throws TicketSinkException {
        return real.get(reference);
    }

    @Override
    public RemoteTicket create(TicketKey key, TicketContent content) {
        log.info("dry run: " + name() + " would open '" + content.title() + "' for " + key.value());
        Instant now = clock.instant();
        return new RemoteTicket("dry-run", "(new ticket)", null, true, Long.MAX_VALUE, now, now);
    }

    @Override
    public void update(RemoteTicket ticket, TicketContent content) {
        log.info("dry run: " + name() + " would comment on " + ticket.displayId() + " for " + content.key().value());
    }

    @Override
    public void resolve(RemoteTicket ticket, TicketContent content) {
        log.info("dry run: " + name() + " would resolve " + ticket.displayId() + " for " + content.key().value());
    }

    @Override
    public void reopen(RemoteTicket ticket, TicketContent content) {
        log.info("dry run: " + name() + " would reopen " + ticket.displayId() + " for " + content.key().value());
    }

    @Override
    public void closeAsDuplicate(RemoteTicket duplicate, RemoteTicket kept, TicketContent content) {
        log.info("dry run: " + name() + " would close " + duplicate.displayId() + " as a duplicate of " + kept.displayId());
    }
}
