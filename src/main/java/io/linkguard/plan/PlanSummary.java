package io.linkguard.plan;

import io.linkguard.classification.Classification;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Identities per class and planned actions per type; every class and action present, zero or not. */
public record PlanSummary(int identities, Map<Classification, Integer> byClassification, Map<Action, Integer> plannedActions) {

    public static PlanSummary of(Plan plan) {
        Map<Classification, Integer> byClass = new EnumMap<>(Classification.class);
        Map<Action, Integer> byAction = new EnumMap<>(Action.class);
        for (Classification c : Classification.values()) {
            byClass.put(c, 0);
        }
        for (Action a : Action.values()) {
            byAction.put(a, 0);
        }
        for (Finding f : plan.findings()) {
            byClass.merge(f.verdict().classification(), 1, Integer::sum);
            f.actions().forEach(a -> byAction.merge(a, 1, Integer::sum));
        }
        return new PlanSummary(plan.findings().size(), Collections.unmodifiableMap(byClass),
                Collections.unmodifiableMap(byAction));
    }

    /** One line an operator reads: "50 identities: transient 14, ...; planned: tag 33, ...". */
    public String line() {
        StringBuilder s = new StringBuilder("Summary: ").append(identities).append(" identities:");
        byClassification.forEach((c, n) -> s.append(' ').append(c.label()).append(' ').append(n).append(','));
        s.setLength(s.length() - 1);
        s.append("; planned actions:");
        plannedActions.forEach((a, n) -> s.append(' ').append(a.label()).append(' ').append(n).append(','));
        s.setLength(s.length() - 1);
        return s.append(" (read-only: nothing was changed)").toString();
    }
}
