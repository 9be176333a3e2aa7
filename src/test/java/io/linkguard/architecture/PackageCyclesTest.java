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

    /**
     * Circles between a package and its own sub-packages that were there when this test was written, each
     * inside one feature (parent types used by a sub-package that the parent uses back). The test fails on
     * any other circle, and when one of these is gone (then delete its line), so the list only shrinks.
     */
    private static final List<Set<String>> KNOWN_CIRCLES_INSIDE_ONE_FEATURE = List.of(
            // Effects -> backoff.RunContext / report.*, and backoff.BackoffInstruction, report.ReportJson -> remediation
            Set.of("io.linkguard.remediation", "io.linkguard.remediation.backoff", "io.linkguard.remediation.report"),
            // TicketContent -> body.TicketBodies -> tickets, body.PlainText -> http, http.SinkHttp -> tickets
            Set.of("io.linkguard.tickets", "io.linkguard.tickets.body", "io.linkguard.tickets.http"));

    @Test
    void noCircleBetweenTopLevelPackages() throws IOException {
        PackageDependencies deps = PackageDependencies.of(APP_CLASSES).topLevel();
        assertThat(deps.packages()).as("compiled app packages").contains("io.linkguard.cli", "io.linkguard.config",
                "io.linkguard.remediation", "io.linkguard.tickets", "io.linkguard.plan");

        List<String> circles = deps.cycles().stream().map(deps::describe).toList();

        assertThat(circles).as("circles between top-level packages (package -> (class using the next) next ...)").isEmpty();
    }

    @Test
    void noCircleBetweenPackagesButTheKnownOnesInsideOneFeature() throws IOException {
        PackageDependencies deps = PackageDependencies.of(APP_CLASSES);

        List<Set<String>> circles = deps.cycles();

        assertThat(circles).as("package circles: %s", circles.stream().map(deps::describe).toList())
                .containsExactlyInAnyOrderElementsOf(KNOWN_CIRCLES_INSIDE_ONE_FEATURE);
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
