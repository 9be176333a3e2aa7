package io.linkguard.simulator;

import io.linkguard.classification.Classification;
import io.linkguard.evidence.Identity;
import io.linkguard.plan.Action;
import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plan scored against ground truth: accuracy over labelled identities, a confusion matrix, and the
 * count of device-facing actions (back-off, ticket) planned for identities whose truth is transient or
 * platform-event — which must be zero.
 */
public record Evaluation(int labelled, int correct, int missing, int unexpected, int harmfulActions,
                         Map<Classification, Map<Classification, Integer>> confusion, List<String> mistakes) {

    public static Evaluation of(Plan plan, Map<Identity, Classification> truth) {
        Map<Identity, Finding> byIdentity = new HashMap<>();
        for (Finding f : plan.findings()) {
            byIdentity.put(f.identity(), f);
        }
        Map<Classification, Map<Classification, Integer>> confusion = new EnumMap<>(Classification.class);
        List<String> mistakes = new ArrayList<>();
        int correct = 0;
        int missing = 0;
        int harmful = 0;
        for (Map.Entry<Identity, Classification> e : truth.entrySet()) {
            Finding f = byIdentity.get(e.getKey());
            if (f == null) {
                missing++;
                mistakes.add(e.getKey().display() + ": truth " + e.getValue().label() + ", not reported");
                continue;
            }
            Classification got = f.verdict().classification();
            confusion.computeIfAbsent(e.getValue(), k -> new EnumMap<>(Classification.class)).merge(got, 1, Integer::sum);
            if (got == e.getValue()) {
                correct++;
            } else {
                mistakes.add(e.getKey().display() + ": truth " + e.getValue().label() + ", got " + got.label()
                        + " " + f.verdict().reasons());
            }
            boolean benign = e.getValue() == Classification.TRANSIENT || e.getValue() == Classification.PLATFORM_EVENT;
            if (benign && (f.actions().contains(Action.BACKOFF) || f.actions().contains(Action.TICKET))) {
                harmful++;
            }
        }
        int unexpected = (int) plan.findings().stream().filter(f -> !truth.containsKey(f.identity())).count();
        return new Evaluation(truth.size(), correct, missing, unexpected, harmful, confusion, mistakes);
    }

    public double accuracy() {
        return labelled == 0 ? 1.0 : (double) correct / labelled;
    }

    public String report() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "labelled %d, correct %d (%.1f%%), not reported %d, reported but unlabelled %d%n",
                labelled, correct, 100 * accuracy(), missing, unexpected));
        s.append(String.format(Locale.ROOT, "back-off/ticket planned for transient or platform-event identities: %d%n", harmfulActions));
        s.append("confusion (truth -> classified):\n");
        confusion.forEach((t, row) -> s.append("  ").append(t.label()).append(" -> ").append(row).append('\n'));
        mistakes.stream().limit(30).forEach(m -> s.append("  mistake: ").append(m).append('\n'));
        return s.toString();
    }
}
