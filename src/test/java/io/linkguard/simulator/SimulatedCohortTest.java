package io.linkguard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.config.AnalysisSettings;
import io.linkguard.evidence.EvidenceBatch;
import io.linkguard.evidence.ExportedLogsSource;
import io.linkguard.plan.Analyzer;
import io.linkguard.plan.Plan;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulator's buggy-SDK cohort, through the whole offline path (export file, reader, classifier, fleet
 * findings), graded against truth.json: found on every hub at 1,000 and 20,000 identities, and nothing reported
 * on the same fleets without it. Seeds are not the ones docs/simulator.md's figures were taken with.
 */
class SimulatedCohortTest {
    private static final AnalysisSettings SETTINGS = AnalysisSettings.DEFAULTS;

    @TempDir
    Path dir;

    private static FleetProfile fleet(long seed, int identities) {
        return FleetProfile.sample(seed).withIdentitiesPerHub(identities).withHours(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 20_000})
    void thePlantedBuggySdkIsFoundOnEveryHub(int identities) throws Exception {
        FleetSimulator simulator = new FleetSimulator(fleet(identities + 3, identities)
                .withCohort(FleetProfile.SdkCohort.buggySdk(0.04)));
        Path truth = dir.resolve("truth.json");
        SimulatedExport.write(simulator, dir, List.of(ExportFormat.QUERY_API_JSON), false);
        Map<io.linkguard.evidence.Identity, String> cohortTruth = GroundTruth.readCohorts(truth);
        assertThat(cohortTruth).as("the truth names the planted members").isEqualTo(simulator.cohortTruth()).isNotEmpty();

        Plan plan = plan(dir.resolve(ExportFormat.QUERY_API_JSON.fileName()));
        CohortGrade grade = CohortGrade.of(plan.fleetFindings(), cohortTruth);

        assertThat(grade.foundHubs()).as(grade.report()).isEqualTo(grade.plantedHubs()).isEqualTo(2);
        assertThat(grade.recall()).as(grade.report()).isGreaterThanOrEqualTo(0.9);
        assertThat(grade.precision()).as(grade.report()).isGreaterThanOrEqualTo(0.95);
        assertThat(grade.spurious()).as(grade.report()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 20_000})
    void aFleetWithoutACohortReportsNone(int identities) throws Exception {
        FleetSimulator simulator = new FleetSimulator(fleet(identities + 3, identities));
        Plan plan = plan(simulator);
        assertThat(simulator.cohortTruth()).isEmpty();
        assertThat(plan.fleetFindings().cohortsComputed()).isTrue();
        assertThat(plan.fleetFindings().candidatesTested()).isPositive();
        assertThat(plan.fleetFindings().cohorts()).isEmpty();
        assertThat(CohortGrade.of(plan.fleetFindings(), simulator.cohortTruth()).spurious()).isZero();
    }

    @Test
    void withoutACohortTheSimulatedRowsAreUnchanged() {
        FleetProfile profile = fleet(5, 300);
        List<SimRow> plain = new FleetSimulator(profile).generateShuffled();
        List<SimRow> zeroCohort = new FleetSimulator(profile.withCohort(FleetProfile.SdkCohort.buggySdk(0))).generateShuffled();
        assertThat(zeroCohort).isEqualTo(plain);
    }

    private Plan plan(Path file) throws Exception {
        EvidenceBatch batch = new ExportedLogsSource(SETTINGS.evidence(), SETTINGS.thresholds().fleetBin()).read(file);
        return new Analyzer(SETTINGS).analyze(batch);
    }

    private static Plan plan(FleetSimulator simulator) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ExportWriter writer = new ExportWriter(ExportFormat.QUERY_API_JSON, bytes)) {
            for (SimRow row : simulator.generateShuffled()) {
                writer.write(row);
            }
        }
        EvidenceBatch batch = new ExportedLogsSource(SETTINGS.evidence(), SETTINGS.thresholds().fleetBin())
                .read(new ByteArrayInputStream(bytes.toByteArray()), "sim");
        return new Analyzer(SETTINGS).analyze(batch);
    }
}
