package io.linkguard.events;

import static io.linkguard.events.Events.batch;
import static io.linkguard.events.Events.cloudEvent;
import static io.linkguard.events.Events.eventGrid;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.evidence.Identity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventProcessorTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Identity PUMP = new Identity("hub-a", "pump-1", null);
    private final EventParser parser = new EventParser(Set.of("hub-a"));
    private final InMemoryConnectionStates store = new InMemoryConnectionStates();
    private final FlapPolicy policy = new FlapPolicy(3, Duration.ofMinutes(10), Duration.ofMinutes(30));

    private EventBatchOutcome deliver(Instant now, String body) {
        return new EventProcessor(store, store, policy, Clock.fixed(now, ZoneOffset.UTC)).process(parser.parse(body));
    }

    /** Snapshots of one device, one a minute, all saying "connected". */
    private static String connectedSnapshots(String device, long fromSeq, int count) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(eventGrid("Connected", device, null, fromSeq + i, T0.plusSeconds(60L * (fromSeq + i))));
        }
        return batch(events.toArray(String[]::new));
    }

    @Test
    void theSameStateWithAHigherSequenceIsAHiddenFlapAndTheThresholdTriggersOneEvaluation() {
        EventBatchOutcome first = deliver(T0.plusSeconds(180), connectedSnapshots("pump-1", 1, 3));
        assertThat(first.outcomes()).containsExactlyInAnyOrderEntriesOf(Map.of("first", 1L, "hidden-flap", 2L));
        assertThat(first.evaluate()).isEmpty();

        EventBatchOutcome second = deliver(T0.plusSeconds(240), connectedSnapshots("pump-1", 4, 1));
        assertThat(second.crossed()).containsExactly(PUMP);
        assertThat(second.evaluate()).containsExactly(PUMP);
        assertThat(store.states.get(PUMP).state().flaps()).hasSize(3);
        assertThat(second.line()).isEqualTo("1 events: hidden-flap 1; skipped 0; 1 over the flap threshold, 1 to evaluate, 0 debounced");
    }

    @Test
    void aVisibleReconnectIsAFlapButADisconnectAloneIsNot() {
        String body = batch(cloudEvent("Connected", "pump-1", 1, T0), cloudEvent("Disconnected", "pump-1", 2, T0.plusSeconds(60)),
                cloudEvent("Connected", "pump-1", 3, T0.plusSeconds(120)), cloudEvent("Disconnected", "pump-1", 4, T0.plusSeconds(180)));
        EventBatchOutcome out = deliver(T0.plusSeconds(200), body);
        assertThat(out.outcomes()).containsExactlyInAnyOrderEntriesOf(Map.of("first", 1L, "disconnect", 2L, "reconnect", 1L));
        assertThat(store.states.get(PUMP).state().flaps()).containsExactly(T0.plusSeconds(120));
        assertThat(store.states.get(PUMP).state().lastState()).isEqualTo(ConnectionState.DISCONNECTED);
    }

    @Test
    void duplicatesAndOutOfOrderEventsAreIgnoredAndCounted() {
        deliver(T0.plusSeconds(300), connectedSnapshots("pump-1", 5, 1));
        String replay = batch(eventGrid("Connected", "pump-1", null, 5, T0.plusSeconds(300)),
                eventGrid("Connected", "pump-1", null, 5, T0.plusSeconds(300)),
                eventGrid("Connected", "pump-1", null, 3, T0.plusSeconds(180)),
                eventGrid("Disconnected", "pump-1", null, 4, T0.plusSeconds(240)));
        EventBatchOutcome out = deliver(T0.plusSeconds(320), replay);
        assertThat(out.outcomes()).containsExactlyInAnyOrderEntriesOf(Map.of("duplicate", 2L, "out-of-order", 2L));
        IdentityConnectionState state = store.states.get(PUMP).state();
        assertThat(state.flaps()).isEmpty();
        assertThat(state.duplicates()).isEqualTo(2);
        assertThat(state.outOfOrder()).isEqualTo(2);
        assertThat(state.lastSequence().hex()).isEqualTo(Events.seq(5));
    }

    @Test
    void reorderedDeliveryInsideOneBatchIsSortedBySequenceFirst() {
        String shuffled = batch(eventGrid("Connected", "pump-1", null, 4, T0.plusSeconds(240)),
                eventGrid("Connected", "pump-1", null, 2, T0.plusSeconds(120)),
                eventGrid("Connected", "pump-1", null, 1, T0.plusSeconds(60)),
                eventGrid("Connected", "pump-1", null, 3, T0.plusSeconds(180)));
        EventBatchOutcome out = deliver(T0.plusSeconds(250), shuffled);
        assertThat(out.outcomes()).containsExactlyInAnyOrderEntriesOf(Map.of("first", 1L, "hidden-flap", 3L));
        assertThat(out.evaluate()).containsExactly(PUMP);
    }

    @Test
    void oneEvaluationPerIdentityPerDebouncePeriod() {
        assertThat(deliver(T0.plusSeconds(240), connectedSnapshots("pump-1", 1, 4)).evaluate()).containsExactly(PUMP);
        EventBatchOutcome again = deliver(T0.plusSeconds(300), connectedSnapshots("pump-1", 5, 1));
        assertThat(again.crossed()).containsExactly(PUMP);
        assertThat(again.evaluate()).isEmpty();
        assertThat(again.debounced()).isEqualTo(1);
        // After the 30-minute period the next crossing evaluates again (the flaps must be fresh: 10-minute window).
        Instant later = T0.plusSeconds(60 * 40);
        String fresh = batch(eventGrid("Connected", "pump-1", null, 40, later.minusSeconds(180)),
                eventGrid("Connected", "pump-1", null, 41, later.minusSeconds(120)),
                eventGrid("Connected", "pump-1", null, 42, later.minusSeconds(60)));
        assertThat(deliver(later, fresh).evaluate()).containsExactly(PUMP);
    }

    @Test
    void flapsOlderThanTheWindowAreForgotten() {
        deliver(T0.plusSeconds(180), connectedSnapshots("pump-1", 1, 3));
        EventBatchOutcome late = deliver(T0.plusSeconds(60 * 20), connectedSnapshots("pump-1", 19, 1));
        assertThat(late.crossed()).isEmpty();
        assertThat(store.states.get(PUMP).state().flaps()).hasSize(1);
    }

    @Test
    void aConcurrentWriteIsRetriedAndPersistentConflictsAreCounted() {
        store.concurrentWritesToSimulate = 2;
        EventBatchOutcome retried = deliver(T0.plusSeconds(60), connectedSnapshots("pump-1", 1, 1));
        assertThat(retried.outcomes()).containsEntry("first", 1L);
        assertThat(store.saves).isEqualTo(3);

        store.concurrentWritesToSimulate = EventProcessor.MAX_ATTEMPTS;
        EventBatchOutcome lost = deliver(T0.plusSeconds(120), connectedSnapshots("pump-1", 2, 2));
        assertThat(lost.skipped()).containsEntry("state-conflict", 2L);
        assertThat(lost.outcomes()).isEmpty();
    }

    @Test
    void identitiesAreTrackedSeparatelyIncludingModules() {
        String body = batch(eventGrid("Connected", "gw", null, 1, T0), eventGrid("Connected", "gw", "edgeHub", 1, T0),
                eventGrid("Connected", "gw", "edgeHub", 2, T0.plusSeconds(60)));
        EventBatchOutcome out = deliver(T0.plusSeconds(90), body);
        assertThat(out.outcomes()).containsExactlyInAnyOrderEntriesOf(Map.of("first", 2L, "hidden-flap", 1L));
        assertThat(store.states).containsOnlyKeys(new Identity("hub-a", "gw", null), new Identity("hub-a", "gw", "edgeHub"));
    }
}
