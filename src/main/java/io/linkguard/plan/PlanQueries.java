package io.linkguard.plan;

import io.linkguard.classification.Classification;
import io.linkguard.classification.FleetEvent;

/** Small questions the renderers ask of a plan, answered in one place. */
final class PlanQueries {
    private PlanQueries() {
    }

    /** Reported identities of the event's hub classified platform-event with a conflict inside its window. */
    static int platformIdentitiesIn(Plan plan, FleetEvent event) {
        int count = 0;
        for (Finding f : plan.findings()) {
            if (f.identity().hub().equals(event.hub())
                    && f.verdict().classification() == Classification.PLATFORM_EVENT
                    && f.timeline().stream().anyMatch(e -> e.kind() == io.linkguard.evidence.EventKind.CONFLICT
                    && event.window().contains(e.timeMillis()))) {
                count++;
            }
        }
        return count;
    }
}
