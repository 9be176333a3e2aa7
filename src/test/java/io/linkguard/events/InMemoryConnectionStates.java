package io.linkguard.events;

import io.linkguard.evidence.Identity;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Versioned in-memory state, with a hook to simulate another writer winning the next N saves. */
final class InMemoryConnectionStates implements ConnectionStateStore, DebounceMarks {
    final Map<Identity, Versioned> states = new HashMap<>();
    final Map<Identity, Instant> marks = new HashMap<>();
    int concurrentWritesToSimulate;
    int saves;
    private int version;

    @Override
    public synchronized Optional<Versioned> load(Identity identity) {
        return Optional.ofNullable(states.get(identity));
    }

    @Override
    public synchronized boolean save(Identity identity, IdentityConnectionState state, String expected) {
        saves++;
        if (concurrentWritesToSimulate > 0) {
            concurrentWritesToSimulate--;
            states.put(identity, new Versioned(states.containsKey(identity) ? states.get(identity).state() : null, "v" + ++version));
            return false;
        }
        Versioned current = states.get(identity);
        String currentVersion = current == null ? null : current.version();
        if (!java.util.Objects.equals(currentVersion, expected)) {
            return false;
        }
        states.put(identity, new Versioned(state, "v" + ++version));
        return true;
    }

    @Override
    public synchronized boolean claim(Identity identity, Instant now, Duration period) {
        Instant until = marks.get(identity);
        if (until != null && until.isAfter(now)) {
            return false;
        }
        marks.put(identity, now.plus(period));
        return true;
    }
}
