package io.linkguard.remediation;

import static io.linkguard.classification.Classification.TRANSIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.evidence.Identity;
import io.linkguard.plan.Finding;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The tag is written only when something besides the run id changes, and then carries this run's id. */
class TagWriteTest {
    private final Harness h = new Harness();

    @Test
    void aTagThatWouldDifferOnlyByTheRunIdIsNotWritten() {
        Identity d = h.add("flaky-1");
        Finding finding = Findings.of(d, TRANSIENT, 2, h.now());

        h.run(finding);
        assertThat(h.hub.calls(FakeHub.Op.PATCH_TAG)).isEqualTo(1);
        assertThat(h.tag(d).runId()).isEqualTo("run-1");

        h.run(finding);
        assertThat(h.hub.calls(FakeHub.Op.PATCH_TAG)).as("the same observation again").isEqualTo(1);
        assertThat(h.tag(d).runId()).isEqualTo("run-1");

        h.advance(Duration.ofHours(1));
        h.run(Findings.of(d, TRANSIENT, 3, h.now()));
        assertThat(h.hub.calls(FakeHub.Op.PATCH_TAG)).as("a new observation").isEqualTo(2);
        assertThat(h.tag(d).runId()).isEqualTo("run-3");
    }
}
