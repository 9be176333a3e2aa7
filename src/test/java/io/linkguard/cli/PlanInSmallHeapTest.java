package io.linkguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.linkguard.simulator.ExportFormat;
import io.linkguard.simulator.ExportWriter;
import io.linkguard.simulator.FleetProfile;
import io.linkguard.simulator.FleetSimulator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory guard (issue 16), not a timing: {@code plan} on a fleet of 20,000 identities (about 790,000 rows) must
 * finish in a 48 MiB heap, in a JVM of its own. Memory has to follow identities with a small footprint each, and
 * no output may be held whole: when this was written the plan needed 24 to 32 MiB here, the version before
 * issue 16's memory work 96 to 128 MiB (it ran out of heap on an 8M-row file at 256 MiB). A change that keeps
 * per-row state or builds the output in memory fails this test. docs/benchmarks.md has the 2M and 8M figures.
 */
class PlanInSmallHeapTest {
    private static final String HEAP = "-Xmx48m";

    @Test
    void twentyThousandIdentitiesWithTimelinesIn48MiB(@TempDir Path dir) throws Exception {
        Path logs = dir.resolve("connections.csv");
        FleetSimulator simulator = new FleetSimulator(FleetProfile.sample(5).withIdentitiesPerHub(10_000).withHours(12));
        long[] rows = {0};
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(logs), 1 << 16);
             ExportWriter writer = new ExportWriter(ExportFormat.PORTAL_CSV, out)) {
            simulator.generate(row -> {
                try {
                    writer.write(row);
                    rows[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        Path plan = dir.resolve("plan.json");
        Path log = dir.resolve("plan.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "plan", "--logs", logs.toString(), "--format", "json", "--timeline", "--out", plan.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("plan finished").isTrue();

        assertThat(p.exitValue()).as(Files.readString(log, StandardCharsets.UTF_8)).isZero();
        assertThat(rows[0]).isGreaterThan(700_000);
        assertThat(identitiesIn(plan)).as("identities reported").isBetween(5_000L, 20_000L)
                .isEqualTo(summaryIdentities(plan));
    }

    /** The elements of the plan's {@code identities} array, read as a stream (the file is tens of MiB). */
    private static long identitiesIn(Path plan) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(plan.toFile())) {
            long count = 0;
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME && parser.getParsingContext().getParent().inRoot()
                        && parser.currentName().equals("identities")) {
                    parser.nextToken();
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        count++;
                    }
                    return count;
                }
                if (parser.currentToken() == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                }
            }
            return -1;
        }
    }

    private static long summaryIdentities(Path plan) throws IOException {
        for (String line : List.of(readHead(plan).split("\n"))) {
            if (line.startsWith("    \"identities\" : ")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).replace(",", "").trim());
            }
        }
        return -1;
    }

    private static String readHead(Path plan) throws IOException {
        try (var in = Files.newInputStream(plan)) {
            return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        }
    }
}
