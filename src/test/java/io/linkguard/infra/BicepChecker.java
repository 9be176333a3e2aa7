package io.linkguard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs tools/bicep-check.cjs (tree-sitter-bicep, installed by the build's "npm ci --prefix tools"). */
final class BicepChecker {
    static final Path CHECKER = Path.of("tools/bicep-check.cjs");
    static final Path INFRA = Path.of("infra");

    record Result(int exitCode, String output) {
    }

    private BicepChecker() {
    }

    static Result check(Path... targets) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", CHECKER.toString()));
        for (Path target : targets) {
            command.add(target.toString());
        }
        return run(command);
    }

    /** The parse tree of one file: {type, line, field?, text? (leaves), value? (plain strings), children?}. */
    static BicepNode parse(Path file) throws IOException, InterruptedException {
        Result result = run(List.of("node", CHECKER.toString(), "--ast", file.toString()));
        assertThat(result.exitCode()).as("%s does not parse: %s", file, result.output()).isZero();
        return new BicepNode(new ObjectMapper().readTree(result.output()));
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        assertThat(CHECKER).as("tools/bicep-check.cjs").exists();
        assertThat(Path.of("tools/node_modules/tree-sitter-bicep/tree-sitter-bicep.wasm"))
                .as("the Bicep grammar; the build installs it with 'npm ci --prefix tools'").exists();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
