package io.linkguard.remediation;

import io.linkguard.classification.Classification;
import io.linkguard.evidence.Identity;
import io.linkguard.evidence.InputSummary;
import io.linkguard.findings.Cohort;
import io.linkguard.findings.CohortDimension;
import io.linkguard.findings.CohortSettings;
import io.linkguard.findings.FleetFindings;
import io.linkguard.findings.PrecursorBreakdown;
import io.linkguard.findings.PrecursorCause;
import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A hub of {@link Harness} with shared-identity findings: {@code members} that form a cohort (four of the class's
 * five, 80 %) and a {@code loner} outside it; plans with or without that cohort, as the analyzer would hand them on.
 */
final class CohortPlans {
    static final String SDK = "azure-iot-device 1.18.3";

    final Harness harness;
    final List<Identity> members = new ArrayList<>();
    final Identity loner;

    CohortPlans(Harness harness, int memberCount) {
        this.harness = harness;
        for (int i = 0; i < memberCount; i++) {
            members.add(harness.add("cohort-dev-" + i));
        }
        loner = harness.add("loner");
    }

    CohortPlans(Harness harness) {
        this(harness, 4);
    }

    Cohort cohort(String value) {
        return cohort(CohortDimension.SDK_VERSION, value, members, 20.0);
    }

    Cohort cohort(CohortDimension dimension, String value, List<Identity> ids, double lift) {
        PrecursorBreakdown precursors = new PrecursorBreakdown(ids.size(),
                Map.of(PrecursorCause.KEEP_ALIVE_LOSS, new PrecursorBreakdown.Count(3, 40)));
        return new Cohort(Harness.HUB, Classification.SHARED_IDENTITY, dimension, value, ids.size(), members.size() + 1,
                40, 1000, lift, 1e-9, 1e-7, List.copyOf(ids), precursors);
    }

    List<Finding> findings() {
        List<Finding> f = new ArrayList<>();
        for (Identity i : members) {
            f.add(Findings.of(i, Classification.SHARED_IDENTITY, 30, harness.now()));
        }
        f.add(Findings.of(loner, Classification.SHARED_IDENTITY, 30, harness.now()));
        return f;
    }

    Plan plan(List<Cohort> cohorts) {
        return plan(cohorts, null);
    }

    Plan plan(List<Cohort> cohorts, String incompleteBecause) {
        return new Plan(new InputSummary("test", 100, 100, Map.of(), List.of(), incompleteBecause), List.of(), findings(),
                new FleetFindings(true, 10, CohortSettings.DEFAULTS, cohorts, Map.of()));
    }
}
