package io.linkguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test: the benchmark runs end to end with --quick. No assertions on timings. */
class PlanBenchmarkTest {

    @Test
    void quickRunCompletesAndReportsRows(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PlanBenchmark.Result result;
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            result = PlanBenchmark.run(new String[] {"--quick", "--dir", dir.toString()}, out);
        }
        String report = buffer.toString(StandardCharsets.UTF_8);

        assertThat(result.rows()).isPositive();
        assertThat(result.heap()).hasSize(3).allSatisfy(step -> assertThat(step.rows()).isPositive());
        assertThat(result.classifiedIdentities()).isPositive();
        assertThat(report).contains("rows/s").contains("identities/s").contains("Done.");
    }
}
