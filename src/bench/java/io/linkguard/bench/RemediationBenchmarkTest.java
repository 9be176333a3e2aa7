package io.linkguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Smoke test: the remediation benchmark runs end to end with --quick. No assertions on timings. */
class RemediationBenchmarkTest {

    @Test
    void quickRunPushesEveryOperationThroughAndReports() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        RemediationBenchmark.Result result;
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            result = RemediationBenchmark.run(new String[] {"--quick"}, out);
        }
        String report = buffer.toString(StandardCharsets.UTF_8);

        assertThat(result.linkguard()).hasSize(2).allSatisfy(s -> {
            assertThat(s.succeeded()).isEqualTo(s.operations());
            assertThat(s.perSecond()).isPositive();
        });
        assertThat(result.naive()).hasSize(2).allSatisfy(s -> assertThat(s.succeeded()).isEqualTo(s.operations()));
        assertThat(result.eager()).hasSize(2).allSatisfy(s -> assertThat(s.succeeded()).isEqualTo(s.operations()));
        assertThat(report).contains("fraction").contains("of the hub's limit").contains("Done.");
    }
}
