package io.linkguard.telemetry;

import io.linkguard.classification.Classification;
import io.linkguard.events.EventBatchOutcome;
import io.linkguard.pipeline.ActionOutcome;
import io.linkguard.pipeline.RunRecord;
import io.linkguard.plan.Action;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The metrics LinkGuard emits, in one place (their names and dimensions are documented in docs/functions.md).
 * Every run: {@value #RUN_DURATION} (ms), {@value #IDENTITIES} per class (zeros included, so charts have no
 * gaps), {@value #ACTIONS} per type and outcome, {@value #SKIPPED_ROWS} per reason, {@value #THROTTLING_WAIT}
 * (ms) per source. Every Event Grid delivery: {@value #EVENTS} per outcome, {@value #EVENTS_SKIPPED} per reason,
 * {@value #EVALUATIONS} requested and debounced. Every alert: {@value #ALERT_IDENTITIES}.
 */
public final class RunMetrics {
    public static final String RUN_DURATION = "linkguard.run.duration_ms";
    public static final String IDENTITIES = "linkguard.identities";
    public static final String ACTIONS = "linkguard.actions";
    public static final String SKIPPED_ROWS = "linkguard.skipped_rows";
    public static final String THROTTLING_WAIT = "linkguard.throttling.wait_ms";
    public static final String EVENTS = "linkguard.events";
    public static final String EVENTS_SKIPPED = "linkguard.events.skipped";
    public static final String EVALUATIONS = "linkguard.evaluations";
    public static final String ALERT_IDENTITIES = "linkguard.alert.identities";

    private RunMetrics() {
    }

    /**
     * @param queryThrottling how long this run's Log Analytics queries waited for the client-side rate limit
     */
    public static void run(Telemetry t, RunRecord run, Duration queryThrottling) {
        Map<String, String> base = Map.of("trigger", run.trigger().label(), "kind", run.kind().label());
        t.metric(RUN_DURATION, run.duration().toMillis(), with(base, "status", run.status().label()));
        for (Classification c : Classification.values()) {
            t.metric(IDENTITIES, run.identities().getOrDefault(c, 0), with(base, "class", c.label()));
        }
        for (Action a : Action.values()) {
            for (ActionOutcome o : ActionOutcome.values()) {
                int n = run.execution().count(a, o);
                if (n > 0) {
                    Map<String, String> d = with(base, "action", a.label());
                    d.put("outcome", o.label());
                    t.metric(ACTIONS, n, d);
                }
            }
        }
        run.skippedRows().forEach((reason, n) -> t.metric(SKIPPED_ROWS, n, with(base, "reason", reason)));
        t.metric(THROTTLING_WAIT, run.execution().throttlingWait().toMillis(), with(base, "source", "executor"));
        t.metric(THROTTLING_WAIT, queryThrottling.toMillis(), with(base, "source", "log-analytics"));
    }

    public static void events(Telemetry t, EventBatchOutcome outcome) {
        outcome.outcomes().forEach((o, n) -> t.metric(EVENTS, n, Map.of("outcome", o)));
        outcome.skipped().forEach((reason, n) -> t.metric(EVENTS_SKIPPED, n, Map.of("reason", reason)));
        t.metric(EVALUATIONS, outcome.evaluate().size(), Map.of("trigger", "event-grid", "decision", "requested"));
        t.metric(EVALUATIONS, outcome.debounced(), Map.of("trigger", "event-grid", "decision", "debounced"));
    }

    /** @param outcome "accepted", "truncated", "resolved" or "rejected" */
    public static void alert(Telemetry t, String outcome, int identities) {
        t.metric(ALERT_IDENTITIES, identities, Map.of("outcome", outcome));
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
