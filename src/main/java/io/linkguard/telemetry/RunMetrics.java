package io.linkguard.telemetry;

import io.linkguard.classification.Classification;
import io.linkguard.events.EventBatchOutcome;
import io.linkguard.findings.Cohort;
import io.linkguard.findings.FleetFindings;
import io.linkguard.pipeline.ActionOutcome;
import io.linkguard.pipeline.RunPipeline;
import io.linkguard.pipeline.RunRecord;
import io.linkguard.plan.Finding;
import io.linkguard.plan.Action;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics of runs, event deliveries and alerts, in one place. Names and dimensions are part of the telemetry
 * contract (docs/telemetry.md; the workbook reads {@value #IDENTITIES}, {@value #COHORTS} and {@value #RUN_DURATION}). The
 * contract's {@code linkguard.actions} (per hub and fine-grained action type) comes from the remediation reports
 * ({@link RemediationMetrics}); the pipeline's own view of a run's actions, observe mode's planned and
 * lease-deferred ones included, is {@value #RUN_ACTIONS}.
 */
public final class RunMetrics {
    public static final String RUN_DURATION = "linkguard.run.duration";
    public static final String IDENTITIES = "linkguard.identities";
    public static final String RUN_ACTIONS = "linkguard.run.actions";
    public static final String SKIPPED_ROWS = "linkguard.skipped_rows";
    public static final String THROTTLING_WAIT = "linkguard.throttling.wait_ms";
    public static final String EVENTS = "linkguard.events";
    public static final String EVENTS_SKIPPED = "linkguard.events.skipped";
    public static final String EVALUATIONS = "linkguard.evaluations";
    public static final String ALERT_IDENTITIES = "linkguard.alert.identities";
    public static final String COHORTS = "linkguard.cohorts";

    private RunMetrics() {
    }

    /**
     * @param queryThrottling how long this run's Log Analytics queries waited for the client-side rate limit
     */
    public static void run(Telemetry t, RunPipeline.RunResult result, Duration queryThrottling) {
        RunRecord run = result.record();
        Map<String, String> base = Map.of("trigger", run.trigger().label(), "kind", run.kind().label());
        t.metric(RUN_DURATION, run.duration().toMillis(), with(base, "status", run.status().label()));
        if (result.plan() != null) {
            Map<String, Map<Classification, Integer>> byHub = new TreeMap<>();
            for (String hub : result.hubs()) {
                byHub.put(hub, new EnumMap<>(Classification.class));
            }
            for (Finding f : result.plan().findings()) {
                byHub.computeIfAbsent(f.identity().hub(), h -> new EnumMap<>(Classification.class))
                        .merge(f.verdict().classification(), 1, Integer::sum);
            }
            byHub.forEach((hub, counts) -> {
                for (Classification c : Classification.values()) {
                    t.metric(IDENTITIES, counts.getOrDefault(c, 0), Map.of("hub", hub, "class", c.label(), "trigger", run.trigger().label()));
                }
            });
            cohorts(t, result.plan().fleetFindings(), run.trigger().label());
        }
        for (Action a : Action.values()) {
            for (ActionOutcome o : ActionOutcome.values()) {
                int n = run.execution().count(a, o);
                if (n > 0) {
                    Map<String, String> d = with(base, "action", a.label());
                    d.put("outcome", o.label());
                    t.metric(RUN_ACTIONS, n, d);
                }
            }
        }
        run.skippedRows().forEach((reason, n) -> t.metric(SKIPPED_ROWS, n, with(base, "reason", reason)));
        t.metric(THROTTLING_WAIT, run.execution().throttlingWait().toMillis(), with(base, "source", "executor"));
        t.metric(THROTTLING_WAIT, queryThrottling.toMillis(), with(base, "source", "log-analytics"));
    }

    /**
     * One gauge per reported per-hub cohort: its members. The value dimension is a client attribute (SDK version,
     * protocol, auth type, masked /24 block), never an identity; only significant cohorts are reported, so its
     * values stay few. Across-hubs cohorts restate the per-hub ones and are left out.
     */
    private static void cohorts(Telemetry t, FleetFindings findings, String trigger) {
        if (findings == null) {
            return;
        }
        for (Cohort c : findings.cohorts()) {
            if (c.hub() != null) {
                Map<String, String> d = new HashMap<>();
                d.put("hub", c.hub());
                d.put("class", c.classification().label());
                d.put("dimension", c.dimension().label());
                d.put("value", c.value());
                d.put("trigger", trigger);
                t.metric(COHORTS, c.members(), d);
            }
        }
    }

    public static void events(Telemetry t, EventBatchOutcome outcome) {
        outcome.outcomes().forEach((o, n) -> t.metric(EVENTS, n, Map.of("outcome", o)));
        outcome.skipped().forEach((reason, n) -> t.metric(EVENTS_SKIPPED, n, Map.of("reason", reason)));
        t.metric(EVALUATIONS, outcome.evaluate().size(), Map.of("trigger", "eventgrid", "decision", "requested"));
        t.metric(EVALUATIONS, outcome.debounced(), Map.of("trigger", "eventgrid", "decision", "debounced"));
    }

    /**
     * A queued evaluation the worker could not run: {@code decision} is {@code poison} (given up after the queue's
     * maxDequeueCount attempts) or {@code unreadable} (a message that is not an evaluation request).
     */
    public static void evaluationDropped(Telemetry t, String trigger, String decision) {
        t.metric(EVALUATIONS, 1, Map.of("trigger", trigger, "decision", decision));
    }

    /**
     * A queued evaluation whose hubs were all kept by other runs' writer leases: nothing done, its message is left for
     * the queue to deliver again ({@code decision} {@code deferred}).
     */
    public static void evaluationDeferred(Telemetry t, String trigger) {
        t.metric(EVALUATIONS, 1, Map.of("trigger", trigger, "decision", "deferred"));
    }

    /** @param outcome "accepted", "truncated", "resolved", "rejected" or "refused" (over the per-minute bound) */
    public static void alert(Telemetry t, String outcome, int identities) {
        t.metric(ALERT_IDENTITIES, identities, Map.of("outcome", outcome));
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
