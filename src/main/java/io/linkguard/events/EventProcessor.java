package io.linkguard.events;

import io.linkguard.evidence.Identity;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Applies a delivery of connection events to the stored per-identity state, and names the identities that
 * crossed the flap threshold and won their debounce slot: those get a targeted evaluation. Each identity's
 * events are applied in sequence order and saved with one optimistic write, retried on a concurrent write.
 */
public final class EventProcessor {
    static final int MAX_ATTEMPTS = 5;

    private final ConnectionStateStore states;
    private final DebounceMarks debounce;
    private final FlapPolicy policy;
    private final FlapTracker tracker;
    private final Clock clock;

    public EventProcessor(ConnectionStateStore states, DebounceMarks debounce, FlapPolicy policy, Clock clock) {
        this.states = states;
        this.debounce = debounce;
        this.policy = policy;
        this.tracker = new FlapTracker(policy);
        this.clock = clock;
    }

    public EventBatchOutcome process(ParsedEvents parsed) {
        Instant now = clock.instant();
        Map<Identity, List<DeviceConnectionEvent>> byIdentity = new LinkedHashMap<>();
        for (DeviceConnectionEvent e : parsed.events()) {
            byIdentity.computeIfAbsent(e.identity(), k -> new ArrayList<>()).add(e);
        }
        Map<String, Long> outcomes = new TreeMap<>();
        Map<String, Long> skipped = new TreeMap<>(parsed.skipped());
        List<Identity> crossed = new ArrayList<>();
        for (Map.Entry<Identity, List<DeviceConnectionEvent>> entry : byIdentity.entrySet()) {
            List<DeviceConnectionEvent> events = entry.getValue();
            events.sort(Comparator.comparing(DeviceConnectionEvent::sequence));
            Optional<List<FlapTracker.Outcome>> applied = apply(entry.getKey(), events, now, crossed);
            if (applied.isEmpty()) {
                skipped.merge("state-conflict", (long) events.size(), Long::sum);
                continue;
            }
            applied.get().forEach(o -> outcomes.merge(o.label(), 1L, Long::sum));
        }
        List<Identity> evaluate = new ArrayList<>();
        int debounced = 0;
        for (Identity identity : crossed) {
            if (debounce.claim(identity, now, policy.debounce())) {
                evaluate.add(identity);
            } else {
                debounced++;
            }
        }
        return new EventBatchOutcome(parsed.events().size(), outcomes, skipped, List.copyOf(crossed), List.copyOf(evaluate),
                debounced);
    }

    /** The outcomes, or empty when every attempt lost to a concurrent write. Adds the identity to crossed. */
    private Optional<List<FlapTracker.Outcome>> apply(Identity identity, List<DeviceConnectionEvent> events, Instant now,
                                                      List<Identity> crossed) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<ConnectionStateStore.Versioned> stored = states.load(identity);
            IdentityConnectionState state = stored.map(ConnectionStateStore.Versioned::state).orElse(null);
            List<FlapTracker.Outcome> outcomes = new ArrayList<>(events.size());
            for (DeviceConnectionEvent e : events) {
                FlapTracker.Step step = tracker.apply(state, e, now);
                state = step.state();
                outcomes.add(step.outcome());
            }
            if (states.save(identity, state, stored.map(ConnectionStateStore.Versioned::version).orElse(null))) {
                boolean newFlap = outcomes.stream().anyMatch(FlapTracker.Outcome::isFlap);
                if (newFlap && tracker.flapsInWindow(state, now) >= policy.threshold()) {
                    crossed.add(identity);
                }
                return Optional.of(outcomes);
            }
        }
        return Optional.empty();
    }
}
