package io.linkguard.remediation;

import io.linkguard.tickets.TicketOutcome;
import io.linkguard.tickets.TicketPort;
import io.linkguard.tickets.TicketRequest;
import io.linkguard.tickets.TicketState;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A ticket sink that deduplicates by key like the real ones, with scripted failures. */
final class FakeTickets implements TicketPort {
    private final Clock clock;
    final Map<String, TicketState> tickets = new HashMap<>();
    final List<TicketRequest> raised = new ArrayList<>();
    final List<TicketRequest> resolved = new ArrayList<>();
    private final Deque<TicketOutcome.Kind> failures = new ArrayDeque<>();

    FakeTickets(Clock clock) {
        this.clock = clock;
    }

    synchronized void failNext(TicketOutcome.Kind kind) {
        failures.add(kind);
    }

    @Override
    public synchronized TicketOutcome raise(TicketRequest request) {
        raised.add(request);
        TicketOutcome.Kind failure = failures.poll();
        if (failure != null) {
            return new TicketOutcome(failure, request.previous(), "injected " + failure);
        }
        TicketState existing = tickets.get(request.key().value());
        TicketOutcome.Kind kind = existing == null ? TicketOutcome.Kind.OPENED
                : existing.status() == TicketState.Status.RESOLVED ? TicketOutcome.Kind.REOPENED : TicketOutcome.Kind.UPDATED;
        String key = request.key().value();
        String ref = existing == null ? "INC-" + key.split(":")[2] : existing.reference();
        TicketState state = new TicketState("fake", ref, "https://tickets.example/" + ref, TicketState.Status.OPEN,
                clock.instant(), request.key().value().substring(request.key().value().lastIndexOf(':') + 1));
        tickets.put(request.key().value(), state);
        return new TicketOutcome(kind, state, ref);
    }

    @Override
    public synchronized TicketOutcome resolve(TicketRequest request) {
        resolved.add(request);
        TicketOutcome.Kind failure = failures.poll();
        if (failure != null) {
            return new TicketOutcome(failure, request.previous(), "injected " + failure);
        }
        TicketState existing = tickets.get(request.key().value());
        if (existing == null) {
            return new TicketOutcome(TicketOutcome.Kind.UNCHANGED, request.previous(), "nothing open");
        }
        TicketState state = new TicketState(existing.sink(), existing.reference(), existing.url(),
                TicketState.Status.RESOLVED, clock.instant(), existing.classification());
        tickets.put(request.key().value(), state);
        return new TicketOutcome(TicketOutcome.Kind.RESOLVED, state, existing.reference());
    }
}
