package io.linkguard.loganalytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs tools/kql-check.cjs (the official Kusto language service) over KQL texts against the AzureDiagnostics schema. */
public final class KqlCheck {
    private static final Path SCHEMA = Path.of("src/main/resources/io/linkguard/loganalytics/azurediagnostics.schema.json");
    private static final Path CHECKER = Path.of("tools/kql-check.cjs");

    public record Result(int exitCode, String output) {
    }

    private KqlCheck() {
    }

    public static Result check(Path dir, List<String> queries) throws IOException, InterruptedException {
        assertThat(Path.of("tools/node_modules/@kusto/language-service-next"))
                .as("the Kusto language service; the build installs it with 'npm ci --prefix tools'").exists();
        List<String> command = new ArrayList<>(List.of("node", CHECKER.toString(), "--schema", SCHEMA.toString()));
        for (int i = 0; i < queries.size(); i++) {
            Path file = dir.resolve("query-" + i + ".kql");
            Files.writeString(file, queries.get(i), StandardCharsets.UTF_8);
            command.add(file.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
