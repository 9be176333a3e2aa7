package io.linkguard.simulator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes one simulated fleet in several formats (the same rows, shuffled as logs arrive) plus truth.json. */
public final class SimulatedExport {
    private SimulatedExport() {
    }

    public record Result(long rows, int labelled, List<Path> files) {
    }

    public static Result write(FleetSimulator simulator, Path dir, List<ExportFormat> formats, boolean gzip)
            throws IOException {
        Files.createDirectories(dir);
        List<SimRow> rows = simulator.generateShuffled();
        List<Path> files = new ArrayList<>();
        for (ExportFormat format : formats) {
            Path file = dir.resolve(format.fileName() + (gzip ? ".gz" : ""));
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                 OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
                 ExportWriter writer = new ExportWriter(format, out)) {
                for (SimRow row : rows) {
                    writer.write(row);
                }
            }
            files.add(file);
        }
        Path truth = dir.resolve("truth.json");
        GroundTruth.write(simulator.truth(), simulator.cohortTruth(), truth);
        files.add(truth);
        return new Result(rows.size(), simulator.truth().size(), files);
    }
}
