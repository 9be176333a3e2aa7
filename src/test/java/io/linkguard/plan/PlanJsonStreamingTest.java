package io.linkguard.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.config.AnalysisSettings;
import io.linkguard.evidence.ExportedLogsSource;
import io.linkguard.simulator.ExportFormat;
import io.linkguard.simulator.ExportWriter;
import io.linkguard.simulator.FleetProfile;
import io.linkguard.simulator.FleetSimulator;
import io.linkguard.simulator.SimRow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PlanJson streams the plan identity by identity (issue 16: the 8M-row plan did not fit in its heap as one tree
 * and one String). Its bytes must be exactly those of the tree rendering it replaced ({@link PlanJsonTreeReference}).
 */
class PlanJsonStreamingTest {
    private static final AnalysisSettings SETTINGS = AnalysisSettings.DEFAULTS;

    static Stream<Arguments> plans() throws IOException {
        return Stream.of(
                Arguments.of("bundled sample", new Analyzer(SETTINGS).analyze(source()
                        .read(Path.of("samples/connections-sample.csv.gz")))),
                Arguments.of("2 hubs x 300, 24 h, cohort, platform events", simulated(FleetProfile.sample(91)
                        .withIdentitiesPerHub(300).withHours(24).withPlatformEventShare(0.15)
                        .withCohort(FleetProfile.SdkCohort.buggySdk(0.1)))),
                Arguments.of("2 hubs x 2,000, 2 h", simulated(FleetProfile.sample(17).withIdentitiesPerHub(2_000)
                        .withHours(2))),
                Arguments.of("no usable row", new Analyzer(SETTINGS).analyze(source()
                        .read(new ByteArrayInputStream("not a log\n".getBytes(StandardCharsets.UTF_8)), "junk"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void sameBytesAsTheTreeRendering(String name, Plan plan) throws IOException {
        for (boolean timeline : new boolean[] {false, true}) {
            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            PlanJson.write(plan, timeline, streamed);
            byte[] reference = PlanJsonTreeReference.write(plan, timeline).getBytes(StandardCharsets.UTF_8);
            assertThat(streamed.toByteArray()).as("%s, timeline %s", name, timeline).isEqualTo(reference);
            assertThat(PlanJson.write(plan, timeline)).isEqualTo(new String(reference, StandardCharsets.UTF_8));
        }
    }

    @Test
    void leavesTheStreamOpenAndFlushed() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FilterOutputStream out = new FilterOutputStream(bytes) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        PlanJson.write(new Analyzer(SETTINGS).analyze(source().read(Path.of("samples/connections-sample.csv.gz"))),
                false, out);
        assertThat(closed[0]).as("closed").isFalse();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("{").endsWith("}\n");
    }

    @Test
    void aFailurePartWayLeavesNoDocumentThatLooksComplete() throws IOException {
        Plan sample = new Analyzer(SETTINGS).analyze(source().read(Path.of("samples/connections-sample.csv.gz")));
        Finding first = sample.findings().get(0);
        Finding broken = new Finding(first.identity(), first.verdict(), first.evidence(), first.actions(), null);
        Plan plan = new Plan(sample.input(), sample.fleetEvents(), java.util.List.of(first, broken), sample.fleetFindings());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlanJson.write(plan, true, bytes))
                .isInstanceOf(RuntimeException.class);
        String written = bytes.toString(StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new com.fasterxml.jackson.databind.ObjectMapper().readTree(written))
                .as("what was written before the failure: %s", written.length() > 200 ? written.substring(written.length() - 200) : written)
                .isInstanceOf(IOException.class);
    }

    private static ExportedLogsSource source() {
        return new ExportedLogsSource(SETTINGS.evidence(), SETTINGS.thresholds().fleetBin());
    }

    private static Plan simulated(FleetProfile profile) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ExportWriter writer = new ExportWriter(ExportFormat.PORTAL_CSV, bytes)) {
            for (SimRow row : new FleetSimulator(profile).generateShuffled()) {
                writer.write(row);
            }
        }
        return new Analyzer(SETTINGS).analyze(source().read(new ByteArrayInputStream(bytes.toByteArray()), "sim"));
    }
}
