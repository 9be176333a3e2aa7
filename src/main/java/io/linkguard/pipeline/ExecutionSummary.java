package io.linkguard.pipeline;

import io.linkguard.plan.Action;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a {@link PlanExecutor} did: per action type, how many ended in each {@link ActionOutcome}, how
 * long it waited for throttles (the hub's limits, a ticket system's rate limit), and what it left for a later
 * run to cover (e.g. a hub another run was remediating): a run with any such part is incomplete. {@code busyHubs}
 * names the hubs left untouched because another run kept their writer lease.
 */
public record ExecutionSummary(Map<Action, Map<ActionOutcome, Integer>> actions, Duration throttlingWait,
                               List<String> unfinished, List<String> busyHubs) {

    public ExecutionSummary {
        Map<Action, Map<ActionOutcome, Integer>> copy = new EnumMap<>(Action.class);
        actions.forEach((a, byOutcome) -> copy.put(a, Collections.unmodifiableMap(new EnumMap<>(byOutcome))));
        actions = Collections.unmodifiableMap(copy);
        unfinished = List.copyOf(unfinished);
        busyHubs = List.copyOf(busyHubs);
    }

    public ExecutionSummary(Map<Action, Map<ActionOutcome, Integer>> actions, Duration throttlingWait,
                            List<String> unfinished) {
        this(actions, throttlingWait, unfinished, List.of());
    }

    public ExecutionSummary(Map<Action, Map<ActionOutcome, Integer>> actions, Duration throttlingWait) {
        this(actions, throttlingWait, List.of());
    }

    public static ExecutionSummary empty() {
        return new ExecutionSummary(Map.of(), Duration.ZERO);
    }

    public int count(Action action, ActionOutcome outcome) {
        return actions.getOrDefault(action, Map.of()).getOrDefault(outcome, 0);
    }

    public int total(ActionOutcome outcome) {
        return actions.values().stream().mapToInt(m -> m.getOrDefault(outcome, 0)).sum();
    }

    public ExecutionSummary plus(ExecutionSummary other) {
        Builder b = new Builder();
        b.add(this);
        b.add(other);
        b.waited(throttlingWait.plus(other.throttlingWait));
        unfinished.forEach(b::unfinished);
        other.unfinished.forEach(b::unfinished);
        busyHubs.forEach(b::busy);
        other.busyHubs.forEach(b::busy);
        return b.build();
    }

    /** Accumulates outcomes. */
    public static final class Builder {
        private final Map<Action, Map<ActionOutcome, Integer>> actions = new EnumMap<>(Action.class);
        private Duration waited = Duration.ZERO;
        private final List<String> unfinished = new ArrayList<>();
        private final List<String> busyHubs = new ArrayList<>();

        public Builder add(Action action, ActionOutcome outcome, int n) {
            if (n != 0) {
                actions.computeIfAbsent(action, a -> new EnumMap<>(ActionOutcome.class)).merge(outcome, n, Integer::sum);
            }
            return this;
        }

        public Builder add(ExecutionSummary summary) {
            summary.actions.forEach((a, m) -> m.forEach((o, n) -> add(a, o, n)));
            return this;
        }

        /** Adds one more wait for throttles (one hub's, one ticket system's) to the run's total. */
        public Builder addWait(Duration wait) {
            this.waited = this.waited.plus(wait);
            return this;
        }

        public Builder waited(Duration total) {
            this.waited = total;
            return this;
        }

        /** A part of the plan left for a later run, and why. */
        public Builder unfinished(String why) {
            unfinished.add(why);
            return this;
        }

        /** A hub left untouched because another run kept its writer lease. */
        public Builder busy(String hub) {
            busyHubs.add(hub);
            return this;
        }

        public ExecutionSummary build() {
            return new ExecutionSummary(actions, waited, unfinished, busyHubs);
        }
    }
}
