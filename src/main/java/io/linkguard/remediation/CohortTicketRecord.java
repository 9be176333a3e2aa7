package io.linkguard.remediation;

import io.linkguard.tickets.TicketKey;
import io.linkguard.tickets.TicketState;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a cohort ticket's twin tag would be, had it a twin: per hub, the cohort tickets not yet resolved and their
 * state. It tells a later run which cohort tickets to resolve once their cohort is gone, and is the only record a
 * webhook (which cannot be searched) has of them.
 */
public interface CohortTicketRecord {

    /** The hub's cohort tickets not known to be resolved, by key. */
    Map<TicketKey, TicketState> open(String hub);

    /** Remembers a ticket's state; a resolved one is forgotten. */
    void remember(String hub, TicketKey key, TicketState state);

    /** Kept in this process: survives from run to run as long as the process does. */
    static CohortTicketRecord inMemory() {
        Map<String, Map<TicketKey, TicketState>> byHub = new ConcurrentHashMap<>();
        return new CohortTicketRecord() {
            @Override
            public Map<TicketKey, TicketState> open(String hub) {
                Map<TicketKey, TicketState> m = byHub.get(hub);
                if (m == null) {
                    return Map.of();
                }
                synchronized (m) {
                    return Map.copyOf(m);
                }
            }

            @Override
            public void remember(String hub, TicketKey key, TicketState state) {
                Map<TicketKey, TicketState> m = byHub.computeIfAbsent(hub,
                        h -> new TreeMap<>((a, b) -> a.value().compareTo(b.value())));
                synchronized (m) {
                    if (state == null || state.status() == TicketState.Status.RESOLVED) {
                        m.remove(key);
                    } else {
                        m.put(key, state);
                    }
                }
            }
        };
    }
}
