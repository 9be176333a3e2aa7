package io.linkguard.loganalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every production query, rendered with real parameters, is checked by the official Kusto language
 * service (tools/kql-check.cjs, installed by the build's "npm ci") against the declared AzureDiagnostics schema.
 */
class KqlValidationTest {
    private static final Path SCHEMA = Path.of("src/main/resources/io/linkguard/loganalytics/azurediagnostics.schema.json");
    private static final Path CHECKER = Path.of("tools/kql-check.cjs");

    @TempDir
    Path dir;

    static QueryParameters params(List<String> devices) {
        return new QueryParameters(Duration.ofHours(24), Instant.parse("2026-11-26T10:00:00.250Z"),
                List.of("hub-alpha", "hub-b2"), devices, Duration.ofMinutes(5), Duration.ofSeconds(60), 256);
    }

    @Test
    void everyProductionQueryHasZeroDiagnostics() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String query : List.of(KqlQueries.AFFECTED_COUNT, KqlQueries.FLEET_BINS, KqlQueries.IDENTITY_OBSERVATIONS,
                KqlQueries.HUB_POPULATION)) {
            files.add(write(query + ".single", KqlQueries.render(query, params(List.of()), 1, 0)));
            files.add(write(query + ".partitioned", KqlQueries.render(query, params(List.of()), 8, 7)));
        }
        Result result = check(files);
        assertThat(result.output).as(result.output).contains("8 file(s), 0 error(s), 0 warning(s)");
        assertThat(result.exitCode).isZero();
    }

    @Test
    void oddButValidIdsStayStringLiterals() throws Exception {
        List<String> ids = List.of("dev'o(7)", "a,b(c)", "x$y@z=1:2", "pump!*?.%_-", "'),take(1", "'");
        String kql = KqlQueries.render(KqlQueries.IDENTITY_OBSERVATIONS, params(ids), 1, 0);
        assertThat(kql).contains("let _devices = dynamic([\"dev'o(7)\", \"a,b(c)\", \"x$y@z=1:2\", \"pump!*?.%_-\", \"'),take(1\", \"'\"]);");
        Result result = check(List.of(write("odd-ids", kql)));
        assertThat(result.exitCode).as(result.output).isZero();
    }

    @Test
    void hostileIdsAndHubNamesNeverReachAQuery() {
        for (String hostile : List.of("a\"]); AzureDiagnostics | take 1 //", "back\\slash", "new\nline", "gerät", "", "x".repeat(129))) {
            assertThatThrownBy(() -> KqlQueries.render(KqlQueries.IDENTITY_OBSERVATIONS, params(List.of(hostile)), 1, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid IoT Hub device id");
        }
        QueryParameters badHub = new QueryParameters(Duration.ofHours(1), Instant.EPOCH, List.of("Hub\"x"), List.of(),
                Duration.ofMinutes(5), Duration.ofSeconds(60), 16);
        assertThatThrownBy(() -> KqlQueries.render(KqlQueries.FLEET_BINS, badHub, 1, 0))
                .hasMessageContaining("not a valid lower-case IoT hub name");
    }

    @Test
    void stringLiteralsEscapeWhatTheyMust() {
        assertThat(KqlLiterals.string("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\nd\"");
    }

    @Test
    void aBrokenQueryIsCaught() throws Exception {
        String good = KqlQueries.render(KqlQueries.FLEET_BINS, params(List.of()), 1, 0);
        Result unknownColumn = check(List.of(write("unknown-column", good.replace("ResultType != \"401003\"", "ResultTypo != \"401003\""))));
        assertThat(unknownColumn.exitCode).isEqualTo(1);
        assertThat(unknownColumn.output).contains("ResultTypo");
        Result syntax = check(List.of(write("syntax", good.replace("by hub, binStart", "by hub, binStart)"))));
        assertThat(syntax.exitCode).isEqualTo(1);
        Result types = check(List.of(write("types", good.replace("TimeGenerated > ago(_lookback)", "TimeGenerated > 5"))));
        assertThat(types.exitCode).isEqualTo(1);
    }

    private Path write(String name, String kql) throws IOException {
        Path file = dir.resolve(name + ".kql");
        Files.writeString(file, kql, StandardCharsets.UTF_8);
        return file;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result check(List<Path> files) throws Exception {
        assertThat(CHECKER).as("tools/kql-check.cjs").exists();
        assertThat(Path.of("tools/node_modules/@kusto/language-service-next"))
                .as("the Kusto language service; the build installs it with 'npm ci --prefix tools'").exists();
        List<String> command = new ArrayList<>(List.of("node", CHECKER.toString(), "--schema", SCHEMA.toString()));
        files.forEach(f -> command.add(f.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
