package io.linkguard.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkguard.classification.Classification;
import io.linkguard.config.AnalysisSettings;
import io.linkguard.evidence.Identity;
import io.linkguard.plan.Analyzer;
import io.linkguard.plan.Plan;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FleetFindingsTest {

    private static Plan plan(CohortFleet fleet) {
        return new Analyzer(AnalysisSettings.DEFAULTS).analyze(fleet.batch());
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 20_000})
    void aBuggySdkVersionAcrossManyFaultyDevicesIsFound(int identities) {
        CohortFleet fleet = new CohortFleet(identities).hub("hub-a", identities, 0.75, 0.04);
        Plan plan = plan(fleet);
        List<Cohort> cohorts = plan.fleetFindings().cohorts();

        Cohort buggy = cohorts.stream().filter(c -> c.classification() == Classification.FAULTY_RECONNECT
                && c.dimension() == CohortDimension.SDK_VERSION).findFirst().orElseThrow(() -> new AssertionError(cohorts));
        assertEquals("azure-iot-device 1.18.3", buggy.value());
        assertEquals("hub-a", buggy.hub());
        Set<Identity> members = new HashSet<>(buggy.memberIds());
        Set<Identity> plantedAndFaulty = new HashSet<>(fleet.plantedFaulty);
        plantedAndFaulty.retainAll(plan.findings().stream()
                .filter(f -> f.verdict().classification() == Classification.FAULTY_RECONNECT).map(f -> f.identity()).toList());
        assertEquals(plantedAndFaulty, members, "exactly the planted identities classified faulty");
        assertTrue(members.size() >= 0.9 * fleet.plantedFaulty.size(), members.size() + " of " + fleet.plantedFaulty.size());
        assertTrue(buggy.activeShare() < 0.1 && buggy.classShare() > 0.6, buggy.line());
        assertTrue(buggy.adjustedP() <= 0.01);
        // nothing else about faulty or transient identities is over-represented in this fleet
        assertEquals(List.of(buggy), cohorts.stream().filter(c -> c.hub() != null).toList(), cohorts.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 20_000})
    void noCohortOnAFleetWithout(int identities) {
        Plan plan = plan(new CohortFleet(identities + 7).hub("hub-a", identities, 0, 0.04));
        assertTrue(plan.fleetFindings().cohortsComputed());
        assertTrue(plan.fleetFindings().candidatesTested() > 0);
        assertEquals(List.of(), plan.fleetFindings().cohorts());
    }

    /** Bonferroni at alpha 0.01 bounds the chance of any cohort on a null fleet by 1 % per analysis. */
    @Test
    void nullFleetFalsePositiveRateAcrossSeeds() {
        int seeds = 30;
        int withCohort = 0;
        for (int seed = 100; seed < 100 + seeds; seed++) {
            Plan plan = plan(new CohortFleet(seed).hub("hub-a", 2_000, 0, 0.04).hub("hub-b", 1_000, 0, 0.1));
            if (!plan.fleetFindings().cohorts().isEmpty()) {
                withCohort++;
            }
        }
        // P(2 or more of 30 at a rate of 1 %) is 3.6 %: one is tolerated, two would mean the test is not controlled
        assertTrue(withCohort <= 1, withCohort + " of " + seeds + " null fleets reported a cohort");
    }

    @Test
    void aCohortInTwoHubsIsAlsoReportedAcrossHubs() {
        CohortFleet fleet = new CohortFleet(5).hub("hub-a", 1_500, 0.75, 0.04).hub("hub-b", 1_500, 0.75, 0.04);
        List<Cohort> cohorts = plan(fleet).fleetFindings().cohorts();
        Cohort all = cohorts.stream().filter(c -> c.hub() == null).findFirst().orElseThrow(() -> new AssertionError(cohorts));
        assertEquals(Cohort.ALL_HUBS, all.scope());
        assertTrue(fleet.plantedFaulty.containsAll(all.memberIds()));
        assertTrue(all.members() >= 0.9 * fleet.plantedFaulty.size());
        assertEquals(2, cohorts.stream().filter(c -> c.hub() != null && c.dimension() == CohortDimension.SDK_VERSION).count());
    }

    @Test
    void transientPrecursorsNameTheDropAndItsRemedy() {
        Plan plan = plan(new CohortFleet(9).hub("hub-a", 2_000, 0, 0.04));
        PrecursorBreakdown p = plan.fleetFindings().transientPrecursorsByHub().get("hub-a");
        int transients = (int) plan.findings().stream()
                .filter(f -> f.verdict().classification() == Classification.TRANSIENT).count();
        assertEquals(transients, p.identities());
        assertEquals(PrecursorCause.KEEP_ALIVE_LOSS, p.dominant());
        assertTrue(p.byCause().get(PrecursorCause.SERVER_ERROR).conflicts() > 0);
        assertFalse(p.byCause().containsKey(PrecursorCause.TOKEN_EXPIRY));
    }
}
