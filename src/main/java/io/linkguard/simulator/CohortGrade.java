package io.linkguard.simulator;

import io.linkguard.classification.Classification;
import io.linkguard.evidence.Identity;
import io.linkguard.findings.Cohort;
import io.linkguard.findings.CohortDimension;
import io.linkguard.findings.FleetFindings;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Per-hub cohorts graded against the simulator's cohort truth: a planted cohort is found when a faulty-reconnect
 * cohort of its hub names its SDK version; {@code recall} is the share of the planted members in the found
 * cohorts, {@code precision} the share of the found cohorts' members that were planted; {@code spurious} counts
 * the per-hub cohorts that name no planted value (expected: none; transient and shared-identity cohorts count too).
 */
public record CohortGrade(int plantedHubs, int foundHubs, int plantedMembers, int foundPlanted, int foundMembers,
                          int spurious, List<String> spuriousLines) {

    public static CohortGrade of(FleetFindings findings, Map<Identity, String> truth) {
        Set<String> plantedKeys = new TreeSet<>();
        truth.forEach((id, sdk) -> plantedKeys.add(id.hub() + "\u0000" + CohortDimension.SDK_VERSION.derive(sdk)));
        Set<String> foundKeys = new TreeSet<>();
        Set<Identity> foundMembers = new HashSet<>();
        List<String> spurious = new java.util.ArrayList<>();
        for (Cohort c : findings.cohorts()) {
            if (c.hub() == null) {
                continue; // across-hubs cohorts restate per-hub ones
            }
            String key = c.hub() + "\u0000" + c.value();
            if (c.classification() == Classification.FAULTY_RECONNECT && c.dimension() == CohortDimension.SDK_VERSION
                    && plantedKeys.contains(key)) {
                foundKeys.add(key);
                foundMembers.addAll(c.memberIds());
            } else {
                spurious.add(c.hub() + " " + c.classification().label() + " " + c.line());
            }
        }
        int foundPlanted = (int) foundMembers.stream().filter(truth::containsKey).count();
        return new CohortGrade(plantedKeys.size(), foundKeys.size(), truth.size(), foundPlanted, foundMembers.size(),
                spurious.size(), List.copyOf(spurious));
    }

    public double recall() {
        return plantedMembers == 0 ? 1 : (double) foundPlanted / plantedMembers;
    }

    public double precision() {
        return foundMembers == 0 ? 1 : (double) foundPlanted / foundMembers;
    }

    public String report() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "cohorts: planted on %d hub(s), found on %d; members recall %.1f%%, precision %.1f%%; spurious cohorts %d%n",
                plantedHubs, foundHubs, 100 * recall(), 100 * precision(), spurious));
        spuriousLines.stream().limit(10).forEach(l -> s.append("  spurious: ").append(l).append('\n'));
        return s.toString();
    }
}
