package io.linkguard.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** No import circles among the io.linkguard packages of the app (target/classes: what ships). */
class PackageCyclesTest {
    private static final Path APP_CLASSES = Path.of("target/classes");

    @Test
    void noCircleBetweenTopLevelPackages() throws IOException {
        PackageDependencies deps = PackageDependencies.of(APP_CLASSES).topLevel();
        assertThat(deps.packages()).as("compiled app packages").contains("io.linkguard.cli", "io.linkguard.config",
                "io.linkguard.remediation", "io.linkguard.tickets", "io.linkguard.plan");

        List<String> circles = deps.cycles().stream().map(deps::describe).toList();

        assertThat(circles).as("circles between top-level packages (package -> (class using the next) next ...)").isEmpty();
    }

    @Test
    void noCircleBetweenPackagesNotEvenInsideOneFeature() throws IOException {
        PackageDependencies deps = PackageDependencies.of(APP_CLASSES);

        List<String> circles = deps.cycles().stream().map(deps::describe).toList();

        assertThat(circles).as("package circles (package -> (class using the next) next ...)").isEmpty();
    }

    @Test
    void theScannerSeesUsesAndFindsACircle() throws IOException {
        // The scanner over the test classes' fixture: Ping uses Pong in a return type, Pong uses Ping only in a
        // generic signature, in two packages under one parent.
        PackageDependencies deps = PackageDependencies.of(Path.of("target/test-classes"));

        assertThat(deps.usesOf("io.linkguard.architecture.fixture.ping")).containsKey("io.linkguard.architecture.fixture.pong");
        assertThat(deps.usesOf("io.linkguard.architecture.fixture.pong")).containsKey("io.linkguard.architecture.fixture.ping");
        assertThat(deps.cycles()).contains(Set.of("io.linkguard.architecture.fixture.ping",
                "io.linkguard.architecture.fixture.pong"));
        assertThat(deps.topLevel().cycles()).as("both are inside io.linkguard.architecture")
                .noneMatch(c -> c.contains("io.linkguard.architecture"));
    }
}
