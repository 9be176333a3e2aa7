package io.linkguard.remediation;

import io.linkguard.classification.Classification;
import io.linkguard.classification.Verdict;
import io.linkguard.evidence.EventKind;
import io.linkguard.evidence.Identity;
import io.linkguard.evidence.IdentityEvidence;
import io.linkguard.evidence.InputSummary;
import io.linkguard.evidence.TimelineEvent;
import io.linkguard.plan.ActionPolicy;
import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Findings as the analyzer would produce them, reduced to what remediation reads. */
final class Findings {
    private Findings() {
    }

    /** A finding whose conflicts are spread evenly at {@code perHour} over the hour before {@code until}. */
    static Finding of(Identity identity, Classification c, double perHour, Instant until) {
        return of(identity, c, conflicts(until.minus(Duration.ofHours(1)), until, (int) Math.round(perHour)), perHour);
    }

    static Finding of(Identity identity, Classification c, List<TimelineEvent> timeline, double perHour) {
        int conflicts = (int) timeline.stream().filter(e -> e.kind() == EventKind.CONFLICT).count();
        Instant first = timeline.isEmpty() ? Instant.EPOCH : Instant.ofEpochMilli(timeline.get(0).timeMillis());
        Instant last = timeline.isEmpty() ? Instant.EPOCH : Instant.ofEpochMilli(timeline.get(timeline.size() - 1).timeMillis());
        IdentityEvidence ev = new IdentityEvidence(conflicts, conflicts, 0, 0, 0, 0, 0, conflicts, conflicts, 0, conflicts, 0,
                0, 0, null, null, 0, perHour, 0, 1, 1, 1, List.of("10.0.0.XXX"), List.of("java/1.0"), List.of("Mqtt"),
                conflicts, 0, 0, 0, 0, 0, first, last, timeline.isEmpty() ? null : first, timeline.isEmpty() ? null : last,
                timeline.size(), 0);
        Verdict verdict = new Verdict(c, 0.9, List.of(conflicts + " conflicts with no drop before them (" + c.label() + ")"));
        return new Finding(identity, verdict, ev, ActionPolicy.DEFAULTS.actionsFor(c), timeline);
    }

    /** {@code count} conflicts evenly spread over [from, to]. */
    static List<TimelineEvent> conflicts(Instant from, Instant to, int count) {
        List<TimelineEvent> events = new ArrayList<>();
        long span = to.toEpochMilli() - from.toEpochMilli();
        for (int i = 0; i < count; i++) {
            long t = from.toEpochMilli() + (count == 1 ? span : span * i / (count - 1));
            events.add(new TimelineEvent(t, EventKind.CONFLICT, "409002", "10.0.0.XXX", "java/1.0", "Mqtt"));
        }
        return events;
    }

    static Plan plan(Finding... findings) {
        return plan(List.of(findings));
    }

    static Plan plan(List<Finding> findings) {
        return new Plan(new InputSummary("test", 0, 0, Map.of(), List.of(), null), List.of(), findings);
    }
}
