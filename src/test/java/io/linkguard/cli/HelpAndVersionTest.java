package io.linkguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpAndVersionTest {
    private static final Map<String, List<Set<String>>> ACCEPTED = Map.of(
            "plan", List.of(PlanCommand.OPTIONS, PlanCommand.FLAGS),
            "apply", List.of(ApplyCommand.OPTIONS, ApplyCommand.FLAGS),
            "simulate", List.of(SimulateCommand.OPTIONS, SimulateCommand.FLAGS),
            "evaluate", List.of(EvaluateCommand.OPTIONS, EvaluateCommand.FLAGS));

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "apply", "simulate", "evaluate"})
    void eachCommandAnswersHelpWithItsUsageAndEveryOptionItAccepts(String command) {
        assertThat(run(command, "--help")).isZero();

        assertThat(out()).startsWith("usage: linkguard " + command + " ").contains("exit codes:");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        for (Set<String> names : ACCEPTED.get(command)) {
            for (String name : names) {
                assertThat(out()).as("--help of %s documents --%s", command, name).contains("--" + name + " ");
            }
        }
    }

    @Test
    void helpWinsOverTheRestOfTheLineAndDoesNothingElse() {
        assertThat(run("plan", "--logs", "samples/connections-sample.csv.gz", "-h")).isZero();
        assertThat(out()).isEqualTo(PlanCommand.USAGE).doesNotContain("Summary:");
        out.reset();
        assertThat(run("help", "apply")).isZero();
        assertThat(out()).isEqualTo(ApplyCommand.USAGE);
    }

    @Test
    void topLevelHelpListsEveryCommandAndExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("plan ", "apply ", "simulate ", "evaluate ", "--version", "<command> --help");
        assertThat(run()).as("no command at all is bad usage").isEqualTo(2);
        assertThat(run("help", "frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'");
    }

    @Test
    void aBadOptionPrintsTheCommandsUsageNotTheOverview() {
        assertThat(run("simulate", "--out", "x", "--frobnicate")).isEqualTo(2);
        String error = err.toString(StandardCharsets.UTF_8);
        assertThat(error).contains("linkguard: unknown option --frobnicate").contains(SimulateCommand.USAGE);
        assertThat(out()).isEmpty();
    }

    @Test
    void versionIsThePomsVersion() throws Exception {
        Matcher pom = Pattern.compile("<artifactId>linkguard</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(pom.find()).isTrue();

        assertThat(run("--version")).isZero();

        assertThat(out()).isEqualTo("linkguard " + pom.group(1) + System.lineSeparator());
    }
}
