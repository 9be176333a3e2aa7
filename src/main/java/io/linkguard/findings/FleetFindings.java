package io.linkguard.findings;

import java.util.List;
import java.util.Map;

/**
 * What a fleet's conflicting identities have in common: the cohorts found ({@code cohortsComputed} false when the
 * evidence source gave no hub populations to compare with), how many candidates were tested, and per hub the
 * drops that preceded its transient conflicts.
 */
public record FleetFindings(boolean cohortsComputed, int candidatesTested, CohortSettings settings, List<Cohort> cohorts,
                            Map<String, PrecursorBreakdown> transientPrecursorsByHub) {

    public static final FleetFindings NONE = new FleetFindings(false, 0, CohortSettings.DEFAULTS, List.of(), Map.of());
}
