package io.linkguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private static final String SAMPLE = "samples/connections-sample.csv.gz";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(Map<String, String> env, String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    @Test
    void planPrintsATableOfTheSample() {
        assertThat(run(Map.of(), "plan", "--logs", SAMPLE)).isZero();
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("Fleet events (no per-device action").contains("shared-identity")
                .contains("faulty-reconnect").contains("Summary: 50 identities: transient 14, faulty-reconnect 15, shared-identity 4, platform-event 17; planned actions: tag 33, backoff 15, ticket 4 (read-only: nothing was changed)");
        assertThat(table.indexOf("shared-identity")).isLessThan(table.indexOf("platform-event     "));
    }

    @Test
    void planJsonWithTimelineAndHtmlReport() throws Exception {
        Path html = dir.resolve("report.html");
        assertThat(run(Map.of(), "plan", "--logs", SAMPLE, "--format", "json", "--timeline", "--html", html.toString())).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("identities").get(0).get("timeline").size()).isPositive();
        assertThat(Files.readString(html)).contains("<svg").contains("LinkGuard plan");
    }

    @Test
    void settingsComeFromEnvironmentFileAndFlagsInThatOrder() throws Exception {
        Path settings = dir.resolve("local.settings.json");
        Files.writeString(settings, "{\"Values\":{\"LINKGUARD_TAG_TRANSIENT\":\"false\"}}");
        assertThat(run(Map.of("LINKGUARD_TAG_TRANSIENT", "true"), "plan", "--logs", SAMPLE, "--format", "json",
                "--settings", settings.toString())).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(tagsBeyondActionClasses(json)).as("the file's false beats the environment's true").isZero();

        out.reset();
        assertThat(run(Map.of("LINKGUARD_TAG_TRANSIENT", "true"), "plan", "--logs", SAMPLE, "--format", "json",
                "--settings", settings.toString(), "--set", "LINKGUARD_TAG_TRANSIENT=true")).isZero();
        JsonNode overridden = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(tagsBeyondActionClasses(overridden)).as("--set beats the file")
                .isEqualTo(overridden.get("summary").get("byClassification").get("transient").asInt()).isPositive();
    }

    private static int tagsBeyondActionClasses(JsonNode plan) {
        JsonNode summary = plan.get("summary");
        return summary.get("plannedActions").get("tag").asInt()
                - summary.get("byClassification").get("faulty-reconnect").asInt()
                - summary.get("byClassification").get("shared-identity").asInt();
    }

    @Test
    void failOnGivesExitCodeFour() {
        assertThat(run(Map.of(), "plan", "--logs", SAMPLE, "--fail-on", "shared-identity")).isEqualTo(4);
    }

    @Test
    void badInputsHaveDistinctExitCodesAndClearMessages() {
        assertThat(run(Map.of(), "plan", "--logs", "no/such/file.csv")).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no/such/file.csv");
        assertThat(run(Map.of("LINKGUARD_MIN_CONFLICTS", "0"), "plan", "--logs", SAMPLE)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("LINKGUARD_MIN_CONFLICTS: expected a whole number from 1");
        assertThat(run(Map.of(), "plan", "--logs", SAMPLE, "--format", "xml")).isEqualTo(2);
        assertThat(run(Map.of(), "apply", "--logs", SAMPLE, "--mode", "observe", "--format", "html")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--format must be table or json, got 'xml'")
                .contains("--format must be table or json, got 'html'");
        assertThat(run(Map.of(), "plan")).isEqualTo(2);
        assertThat(run(Map.of(), "frobnicate")).isEqualTo(2);
    }

    @Test
    void corruptInputStillPlansWhatWasReadAndSaysSo() throws Exception {
        byte[] whole = Files.readAllBytes(Path.of(SAMPLE));
        Path truncated = dir.resolve("truncated.csv.gz");
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThat(run(Map.of(), "plan", "--logs", truncated.toString(), "--format", "json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("input").get("complete").asBoolean()).isFalse();
        assertThat(json.get("input").get("rows").asLong()).isPositive();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("input incomplete");
    }

    @Test
    void simulateThenEvaluate() {
        assertThat(run(Map.of(), "simulate", "--out", dir.toString(), "--seed", "9", "--identities", "30")).isZero();
        assertThat(run(Map.of(), "evaluate", "--logs", dir.resolve("connections.az.json").toString(),
                "--truth", dir.resolve("truth.json").toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("back-off/ticket planned for transient or platform-event identities: 0");
    }

    @Test
    void aStorageArchiveIsJudgedLikeAnyExportAndFailOnWorksOnIt() throws Exception {
        assertThat(run(Map.of(), "simulate", "--out", dir.toString(), "--seed", "9", "--identities", "30")).isZero();
        out.reset();
        Path archive = dir.resolve("connections.archive.json");
        assertThat(run(Map.of(), "plan", "--logs", archive.toString(), "--fail-on", "shared-identity,faulty-reconnect"))
                .isEqualTo(4);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("(STORAGE_ARCHIVE_JSON)").contains("faulty-reconnect")
                .doesNotContain("No identity with a");
    }

    @Test
    void inputOfWhichNoRowCanBeUsedIsExitThreeNeverNothingFound() throws Exception {
        Path notLogs = dir.resolve("subscriptions.json");
        Files.writeString(notLogs, "{\"value\":[{\"id\":\"/subscriptions/0\"}],\"count\":1}");
        Path otherCsv = dir.resolve("inventory.csv");
        Files.writeString(otherCsv, "name,serial\npump-1,A17\npump-2,B33\n");
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "");
        for (Path p : List.of(notLogs, otherCsv, empty)) {
            out.reset();
            err.reset();
            assertThat(run(Map.of(), "plan", "--logs", p.toString(), "--fail-on", "shared-identity")).as(p.toString()).isEqualTo(3);
            assertThat(out.toString(StandardCharsets.UTF_8)).as(p.toString()).doesNotContain("No identity with a")
                    .contains("NO USABLE INPUT");
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("input not usable");
        }
    }

    @Test
    void hubNamesAndMessagesFromTheFileCannotForgeTableLines() throws Exception {
        Path csv = dir.resolve("forged.csv");
        Files.writeString(csv, "TimeGenerated,Resource,Category,OperationName,Level,ResultType,properties_s\n"
                + "2026-11-20T08:00:00Z,\"HUB\r\nSummary: 0 identities\u001b[2J\",Connections,deviceDisconnect,Error,409002,"
                + "\"{\"\"deviceId\"\":\"\"d\"\"}\"\n");
        assertThat(run(Map.of(), "plan", "--logs", csv.toString())).isEqualTo(3);
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("invalid-hub=1").doesNotContain("\u001b").doesNotContain("\r");
        assertThat(table.lines()).noneMatch(l -> l.startsWith("Summary: 0 identities"));
    }
}
