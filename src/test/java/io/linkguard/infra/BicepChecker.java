package io.linkguard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs tools/bicep-check.cjs (tree-sitter-bicep, installed by the build's "npm ci --prefix tools"). */
final class BicepChecker {
    static final Path CHECKER = Path.of("tools/bicep-check.cjs");
    static final Path INFRA = Path.of("infra");

    record Result(int exitCode, String output) {
    }

    private static final Map<Path, BicepNode> TREES = new HashMap<>();

    private BicepChecker() {
    }

    static Result check(Path... targets) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", CHECKER.toString()));
        for (Path target : targets) {
            command.add(target.toString());
        }
        return run(command);
    }

    /**
     * The parse tree of one file under infra/: {type, line, field?, text? (leaves), value? (plain strings),
     * children?}. All of infra/ is parsed by one node process, once per test run.
     */
    static synchronized BicepNode parse(Path file) throws IOException, InterruptedException {
        if (TREES.isEmpty()) {
            Result result = run(List.of("node", CHECKER.toString(), "--ast", INFRA.toString()));
            assertThat(result.exitCode()).as("infra/ does not parse: %s", result.output()).isZero();
            new ObjectMapper().readTree(result.output()).fields()
                    .forEachRemaining(e -> TREES.put(Path.of(e.getKey()).normalize(), new BicepNode(e.getValue())));
        }
        BicepNode tree = TREES.get(file.normalize());
        assertThat(tree).as("%s is not a .bicep file under %s", file, INFRA).isNotNull();
        return tree;
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
