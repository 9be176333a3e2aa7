package io.linkguard.tickets;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory ticket system behind the {@link TicketSink} SPI, to test the orchestrator's decisions
 * (the sinks' wire formats are tested against WireMock). Thread-safe; failures can be queued per
 * operation, searches can miss chosen tickets (a label removed by hand), and a hook runs before each
 * create so tests can make two runs race.
 */
public class FakeTicketSystem implements TicketSink {

    public static final class Ticket {
        public final String ref;
        public final String key;
        public final long sequence;
        public final Instant created;
        public volatile Instant updated;
        public volatile boolean open = true;
        public volatile String duplicateOf;
        public final List<String> log = new CopyOnWriteArrayList<>();

        Ticket(String ref, String key, long sequence, Instant created) {
            this.ref = ref;
            this.key = key;
            this.sequence = sequence;
            this.created = created;
            this.updated = created;
        }
    }

    private final String name;
    private final boolean searchable;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong(100);
    public final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    public final Set<String> hiddenFromSearch = ConcurrentHashMap.newKeySet();
    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, ConcurrentLinkedQueue<TicketSinkException>> failures = new ConcurrentHashMap<>();
    public volatile Runnable beforeCreate = () -> { };

    public FakeTicketSystem(String name, boolean searchable, Clock clock) {
        this.name = name;
        this.searchable = searchable;
        this.clock = clock;
    }

    public FakeTicketSystem failNext(String operation, TicketSinkException e) {
        failures.computeIfAbsent(operation, k -> new ConcurrentLinkedQueue<>()).add(e);
        return this;
    }

    public long count(String operation) {
        return calls.stream().filter(operation::equals).count();
    }

    public List<Ticket> openFor(TicketKey key) {
        List<Ticket> out = new ArrayList<>();
        tickets.values().stream().filter(t -> t.open && t.key.equals(key.value())).forEach(out::add);
        out.sort((a, b) -> Long.compare(a.sequence, b.sequence));
        return out;
    }

    public List<Ticket> all(TicketKey key) {
        return tickets.values().stream().filter(t -> t.key.equals(key.value())).toList();
    }

    private void enter(String operation) throws TicketSinkException {
        calls.add(operation);
        ConcurrentLinkedQueue<TicketSinkException> q = failures.get(operation);
        TicketSinkException e = q == null ? null : q.poll();
        if (e != null) {
            throw e;
        }
    }

    private RemoteTicket remote(Ticket t) {
        return new RemoteTicket(t.ref, "T-" + t.ref, "https://tickets.example/" + t.ref, t.open, t.sequence, t.created, t.updated);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean searchable() {
        return searchable;
    }

    @Override
    public List<RemoteTicket> findOpen(TicketKey key) throws TicketSinkException {
        enter("findOpen");
        List<RemoteTicket> out = new ArrayList<>();
        for (Ticket t : tickets.values()) {
            if (t.open && t.key.equals(key.value()) && !hiddenFromSearch.contains(t.ref)) {
                out.add(remote(t));
            }
        }
        Collections.shuffle(out);
        return out;
    }

    @Override
    public Optional<RemoteTicket> get(String reference) throws TicketSinkException {
        enter("get");
        Ticket t = tickets.get(reference);
        return t == null ? Optional.empty() : Optional.of(remote(t));
    }

    @Override
    public RemoteTicket create(TicketKey key, TicketContent content) throws TicketSinkException {
        beforeCreate.run();
        enter("create");
        long seq = sequence.incrementAndGet();
        Ticket t = new Ticket(String.valueOf(seq), key.value(), seq, clock.instant());
        t.log.add("opened: " + content.title());
        t.log.add(io.linkguard.tickets.body.Markdown.render(content.document()));
        tickets.put(t.ref, t);
        return remote(t);
    }

    @Override
    public void update(RemoteTicket ticket, TicketContent content) throws TicketSinkException {
        enter("update");
        Ticket t = tickets.get(ticket.reference());
        if (t != null) {
            t.log.add("comment: " + content.event().label());
            t.updated = clock.instant();
        }
    }

    @Override
    public void resolve(RemoteTicket ticket, TicketContent content) throws TicketSinkException {
        enter("resolve");
        Ticket t = tickets.get(ticket.reference());
        if (t != null) {
            t.open = false;
            t.log.add("resolved: " + content.event().label() + " " + content.key().value());
            t.updated = clock.instant();
        }
    }

    @Override
    public void reopen(RemoteTicket ticket, TicketContent content) throws TicketSinkException {
        enter("reopen");
        Ticket t = tickets.get(ticket.reference());
        if (t != null) {
            t.open = true;
            t.log.add("reopened");
            t.updated = clock.instant();
        }
    }

    @Override
    public void closeAsDuplicate(RemoteTicket duplicate, RemoteTicket kept, TicketContent content) throws TicketSinkException {
        enter("closeAsDuplicate");
        Ticket t = tickets.get(duplicate.reference());
        if (t != null) {
            t.open = false;
            t.duplicateOf = kept.reference();
            t.updated = clock.instant();
        }
    }
}
