package io.linkguard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBatchOutcomeTest {

    @Test
    void eventsGivenUpOnStateConflictsCountAsSkipped() {
        EventBatchOutcome outcome = new EventBatchOutcome(3, Map.of("first", 3L),
                Map.of("state-conflict", 2L, "invalid-device-id", 1L), List.of(), List.of(), 0);

        assertThat(outcome.skippedTotal()).isEqualTo(3);
        assertThat(outcome.line()).contains("skipped 3 (").contains("state-conflict 2");
    }
}
