package io.linkguard.events;

import io.linkguard.evidence.Identity;
import java.util.List;
import java.util.Map;

/**
 * What one delivery did: events per {@link FlapTracker.Outcome} label, entries skipped by reason (parse
 * problems, and {@code state-conflict} for events given up after repeated concurrent writes), the
 * identities that crossed the flap threshold, which of them get a targeted evaluation now, and how many
 * crossings were debounced.
 */
public record EventBatchOutcome(int events, Map<String, Long> outcomes, Map<String, Long> skipped, List<Identity> crossed,
                                List<Identity> evaluate, int debounced) {

    /** Nothing stored: every entry of the delivery was skipped while parsing. */
    public static EventBatchOutcome skippedOnly(ParsedEvents parsed) {
        return new EventBatchOutcome(0, Map.of(), parsed.skipped(), List.of(), List.of(), 0);
    }

    /** Entries skipped for any reason, state conflicts included. */
    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** "12 events: first 3, hidden-flap 5, ...; skipped 2 (invalid-device-id 1, ...); 1 to evaluate, 0 debounced". */
    public String line() {
        StringBuilder s = new StringBuilder().append(events).append(" events:");
        outcomes.forEach((k, v) -> s.append(' ').append(k).append(' ').append(v).append(','));
        if (outcomes.isEmpty()) {
            s.append(" none,");
        }
        s.setLength(s.length() - 1);
        long skippedTotal = skippedTotal();
        s.append("; skipped ").append(skippedTotal);
        if (skippedTotal > 0) {
            s.append(" (");
            skipped.forEach((k, v) -> s.append(k).append(' ').append(v).append(", "));
            s.setLength(s.length() - 2);
            s.append(')');
        }
        return s.append("; ").append(crossed.size()).append(" over the flap threshold, ").append(evaluate.size())
                .append(" to evaluate, ").append(debounced).append(" debounced").toString();
    }
}
