package io.linkguard.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies one snapshot to an identity's state. The hub sends a snapshot at most every 60 s, so a change can
 * hide inside one: the same state again with a higher sequence number means the identity left that state
 * and came back (a hidden flap). A visible reconnect (disconnected, then connected) is a flap as well; a
 * disconnect alone is not (the cycle completes when it reconnects). Older or equal sequence numbers are
 * out-of-order or duplicate deliveries: ignored, and counted.
 */
public final class FlapTracker {
    public static final int MAX_FLAPS_KEPT = 256;

    /** What one event did. The label is used in logs and metrics. */
    public enum Outcome {
        FIRST("first"), RECONNECT("reconnect"), HIDDEN_FLAP("hidden-flap"), DISCONNECT("disconnect"),
        DUPLICATE("duplicate"), OUT_OF_ORDER("out-of-order");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean isFlap() {
            return this == RECONNECT || this == HIDDEN_FLAP;
        }
    }

    public record Step(IdentityConnectionState state, Outcome outcome) {
    }

    private final FlapPolicy policy;

    public FlapTracker(FlapPolicy policy) {
        this.policy = policy;
    }

    /**
     * @param prior the identity's state, null for an identity not seen before
     * @param now   the processing time: flaps older than the window before it are forgotten; event times
     *              in the future are taken as now
     */
    public Step apply(IdentityConnectionState prior, DeviceConnectionEvent event, Instant now) {
        Instant at = event.eventTime().isAfter(now) ? now : event.eventTime();
        if (prior == null) {
            return new Step(new IdentityConnectionState(event.sequence(), event.state(), at, List.of(), 0, 0), Outcome.FIRST);
        }
        int order = event.sequence().compareTo(prior.lastSequence());
        if (order == 0) {
            return new Step(new IdentityConnectionState(prior.lastSequence(), prior.lastState(), prior.lastEventTime(),
                    prune(prior.flaps(), now), prior.duplicates() + 1, prior.outOfOrder()), Outcome.DUPLICATE);
        }
        if (order < 0) {
            return new Step(new IdentityConnectionState(prior.lastSequence(), prior.lastState(), prior.lastEventTime(),
                    prune(prior.flaps(), now), prior.duplicates(), prior.outOfOrder() + 1), Outcome.OUT_OF_ORDER);
        }
        Outcome outcome;
        if (event.state() == prior.lastState()) {
            outcome = Outcome.HIDDEN_FLAP;
        } else {
            outcome = event.state() == ConnectionState.CONNECTED ? Outcome.RECONNECT : Outcome.DISCONNECT;
        }
        List<Instant> flaps = new ArrayList<>(prune(prior.flaps(), now));
        if (outcome.isFlap() && !at.isBefore(now.minus(policy.window()))) {
            flaps.add(at);
            flaps.sort(null);
            if (flaps.size() > MAX_FLAPS_KEPT) {
                flaps = flaps.subList(flaps.size() - MAX_FLAPS_KEPT, flaps.size());
            }
        }
        return new Step(new IdentityConnectionState(event.sequence(), event.state(), at, flaps, prior.duplicates(),
                prior.outOfOrder()), outcome);
    }

    /** Flaps inside the window ending at {@code now}. */
    public int flapsInWindow(IdentityConnectionState state, Instant now) {
        return prune(state.flaps(), now).size();
    }

    private List<Instant> prune(List<Instant> flaps, Instant now) {
        Instant from = now.minus(policy.window());
        int first = 0;
        while (first < flaps.size() && flaps.get(first).isBefore(from)) {
            first++;
        }
        return first == 0 ? flaps : flaps.subList(first, flaps.size());
    }
}
