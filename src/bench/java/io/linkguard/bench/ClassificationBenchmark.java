package io.linkguard.bench;

import io.linkguard.config.AnalysisSettings;
import io.linkguard.evidence.ExportedLogsSource;
import io.linkguard.plan.Analyzer;
import io.linkguard.plan.Plan;
import io.linkguard.simulator.ExportFormat;
import io.linkguard.simulator.ExportWriter;
import io.linkguard.simulator.Evaluation;
import io.linkguard.simulator.FleetProfile;
import io.linkguard.simulator.FleetSimulator;
import io.linkguard.simulator.SimRow;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Classification quality, time and heap on one large hub (issue 11: 200,000 identities per hub is measured here,
 * not in a unit test). Run: {@code java -cp target/test-classes:target/classes:$(cat target/classpath.txt)
 * io.linkguard.bench.ClassificationBenchmark [identitiesPerHub] [seed]} (default 200000, seed 4242).
 * It simulates one hub for 2 hours (identity by identity, streamed to a gzip-free az CLI JSON file), plans it
 * as {@code plan} would, and scores the plan against the simulator's ground truth.
 */
public final class ClassificationBenchmark {
    private ClassificationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int identities = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 4242;
        FleetProfile profile = FleetProfile.sample(seed).withIdentitiesPerHub(identities).withHubs(1).withHours(2)
                .withShares(0.02, 0.01, 0.005);
        FleetSimulator simulator = new FleetSimulator(profile);
        Path file = Files.createTempFile("linkguard-classification-", ".json");
        long rows = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             ExportWriter writer = new ExportWriter(ExportFormat.AZ_CLI_JSON, out)) {
            RowCounter counter = new RowCounter(writer);
            simulator.generate(counter::write);
            rows = counter.rows;
        }
        AnalysisSettings settings = AnalysisSettings.DEFAULTS;
        try (HeapProbe heap = new HeapProbe()) {
            heap.start();
            long started = System.nanoTime();
            Plan plan = new Analyzer(settings).analyze(
                    new ExportedLogsSource(settings.evidence(), settings.thresholds().fleetBin()).read(file));
            double seconds = (System.nanoTime() - started) / 1e9;
            HeapProbe.Figures figures = heap.stop();
            Evaluation evaluation = Evaluation.of(plan, simulator.truth());
            System.out.printf(Locale.ROOT, "identities per hub %d, rows %d, labelled %d, right %.2f%%, harmful actions %d,"
                            + " fleet events %d (simulated %d), plan %.1f s (%.0f rows/s), heap peak %d MiB, old-gen peak %d MiB,"
                            + " live after GC %d MiB, %s%n", identities, rows, evaluation.labelled(), 100 * evaluation.accuracy(),
                    evaluation.harmfulActions(), plan.fleetEvents().size(), simulator.platformEvents().size(), seconds,
                    rows / seconds, figures.peakBytes() >> 20, figures.peakOldBytes() >> 20, figures.maxAfterGcBytes() >> 20,
                    Runtime.version());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static final class RowCounter {
        private final ExportWriter writer;
        long rows;

        RowCounter(ExportWriter writer) {
            this.writer = writer;
        }

        void write(SimRow row) {
            try {
                writer.write(row);
                rows++;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
