package io.linkguard.findings;

import io.linkguard.classification.Classification;
import io.linkguard.evidence.HubPopulation;
import io.linkguard.evidence.Identity;
import io.linkguard.evidence.TimeWindow;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Classified identities and hub populations to fleet findings: cohorts and the precursor causes of transient conflicts. */
public final class FleetAnalysis {
    private final CohortDetector detector;
    private final PrecursorAttribution attribution;

    public FleetAnalysis(CohortSettings settings, Duration precursorWindow, Duration renewalWindow) {
        this.detector = new CohortDetector(settings);
        this.attribution = new PrecursorAttribution(precursorWindow.toMillis(), renewalWindow.toMillis());
        this.settings = settings;
    }

    private final CohortSettings settings;

    public FleetFindings analyze(List<ClassifiedIdentity> identities, List<HubPopulation> populations,
                                 Map<String, List<TimeWindow>> fleetWindowsByHub) {
        Map<Identity, Map<PrecursorCause, Integer>> causes = new HashMap<>();
        Map<String, PrecursorBreakdown.Builder> byHub = new TreeMap<>();
        for (ClassifiedIdentity i : identities) {
            if (i.classification() == Classification.PLATFORM_EVENT) {
                continue;
            }
            Map<PrecursorCause, Integer> c = attribution.conflictsByCause(i.timeline(),
                    fleetWindowsByHub.getOrDefault(i.identity().hub(), List.of()));
            causes.put(i.identity(), c);
            if (i.classification() == Classification.TRANSIENT) {
                byHub.computeIfAbsent(i.identity().hub(), h -> new PrecursorBreakdown.Builder()).add(c);
            }
        }
        Map<String, PrecursorBreakdown> precursors = new TreeMap<>();
        byHub.forEach((hub, b) -> precursors.put(hub, b.build()));
        if (populations.isEmpty()) {
            return new FleetFindings(false, 0, settings, List.of(), Collections.unmodifiableMap(precursors));
        }
        CohortDetector.Result result = detector.detect(identities, populations, members -> {
            PrecursorBreakdown.Builder b = new PrecursorBreakdown.Builder();
            members.forEach(m -> b.add(causes.getOrDefault(m, Map.of())));
            return b.build();
        });
        return new FleetFindings(true, result.candidates(), settings, result.cohorts(),
                Collections.unmodifiableMap(precursors));
    }
}
