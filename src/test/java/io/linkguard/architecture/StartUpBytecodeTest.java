package io.linkguard.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped classes concatenate strings with StringBuilder code (pom.xml: {@code -XDstringConcat=inline}): javac's
 * default, an invokedynamic call per concatenation, makes the JVM write method-handle classes for each
 * concatenation's shape the first time it runs, about 110 of them in every cold {@code plan} (docs/benchmarks.md,
 * "Start-up, the collector and the tail"). Fails when the flag is dropped from the build.
 */
class StartUpBytecodeTest {
    private static final Path APP_CLASSES = Path.of("target/classes");

    @Test
    void noStringConcatenationIsBootstrappedAtRunTime() throws IOException {
        List<String> bootstrapping = new ArrayList<>();
        int classes = 0;
        try (Stream<Path> files = Files.walk(APP_CLASSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                classes++;
                try (InputStream in = Files.newInputStream(file)) {
                    if (PackageDependencies.constantPoolStrings(in).contains("makeConcatWithConstants")) {
                        bootstrapping.add(APP_CLASSES.relativize(file).toString());
                    }
                }
            }
        }
        assertThat(classes).as("classes under %s", APP_CLASSES).isGreaterThan(100);
        assertThat(bootstrapping).as("classes whose string concatenation is an invokedynamic call").isEmpty();
    }
}
