package io.linkguard.loganalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.evidence.Identity;
import io.linkguard.plan.Finding;
import io.linkguard.tickets.Findings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KQL a ticket gives the operator is valid against the AzureDiagnostics schema and names exactly one identity. */
class ReproduceQueriesTest {
    private static final Path SCHEMA = Path.of("src/main/resources/io/linkguard/loganalytics/azurediagnostics.schema.json");

    @TempDir
    Path dir;

    @Test
    void queriesForADeviceAndAModuleWithOddIdsHaveZeroDiagnostics() throws Exception {
        Finding f = Findings.shared();
        Finding module = Findings.as(f, new Identity("hub-a-42", "dev'o(7)$x@y", "mod,1=2"));
        List<Path> files = new ArrayList<>();
        for (Finding x : List.of(f, module)) {
            files.add(write("timeline-" + files.size(), ReproduceQueries.timeline(x.identity(), x.evidence())));
            files.add(write("clients-" + files.size(), ReproduceQueries.clients(x.identity(), x.evidence())));
        }
        List<String> command = new ArrayList<>(List.of("node", "tools/kql-check.cjs", "--schema", SCHEMA.toString()));
        files.forEach(p -> command.add(p.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("4 file(s), 0 error(s), 0 warning(s)");

        String kql = ReproduceQueries.timeline(module.identity(), module.evidence());
        assertThat(kql).contains("tostring(p.deviceId) == \"dev'o(7)$x@y\" and tostring(p.moduleId) == \"mod,1=2\"")
                .contains("== \"hub-a-42\"")
                .contains("TimeGenerated between (datetime(" + f.evidence().firstSeen().minusSeconds(3600)
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")");
        assertThat(ReproduceQueries.timeline(f.identity(), f.evidence())).contains("isempty(tostring(p.moduleId))");
    }

    @Test
    void anInvalidIdNeverReachesAQuery() {
        Finding f = Findings.as(Findings.shared(), new Identity("hub-a-42", "a\" | take 1 //", null));
        assertThatThrownBy(() -> ReproduceQueries.timeline(f.identity(), f.evidence()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid IoT Hub identity");
    }

    private Path write(String name, String kql) throws Exception {
        Path file = dir.resolve(name + ".kql");
        Files.writeString(file, kql, StandardCharsets.UTF_8);
        return file;
    }
}
