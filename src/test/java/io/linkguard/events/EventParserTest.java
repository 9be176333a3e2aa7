package io.linkguard.events;

import static io.linkguard.events.Events.batch;
import static io.linkguard.events.Events.cloudEvent;
import static io.linkguard.events.Events.eventGrid;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.evidence.Identity;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventParserTest {
    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    private final EventParser parser = new EventParser(Set.of("hub-a"));

    @Test
    void eventGridSchemaSingleAndBatched() {
        ParsedEvents single = parser.parse(eventGrid("Connected", "pump-1", null, 7, T));
        assertThat(single.skipped()).isEmpty();
        assertThat(single.events()).singleElement().satisfies(e -> {
            assertThat(e.identity()).isEqualTo(new Identity("hub-a", "pump-1", null));
            assertThat(e.state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(e.sequence().hex()).isEqualTo(Events.seq(7));
            assertThat(e.eventTime()).isEqualTo(T);
            assertThat(e.eventId()).isEqualTo("eg-pump-1-7");
        });
        ParsedEvents batch = parser.parse(batch(eventGrid("Connected", "pump-1", "edgeAgent", 7, T),
                eventGrid("Disconnected", "pump-2", null, 8, T.plusSeconds(60))));
        assertThat(batch.events()).extracting(DeviceConnectionEvent::identity).containsExactly(
                new Identity("hub-a", "pump-1", "edgeAgent"), new Identity("hub-a", "pump-2", null));
        assertThat(batch.events().get(1).state()).isEqualTo(ConnectionState.DISCONNECTED);
    }

    @Test
    void cloudEventsSchemaSingleAndBatched() {
        assertThat(parser.parse(cloudEvent("Disconnected", "pump-9", 3, T)).events()).singleElement()
                .satisfies(e -> assertThat(e.state()).isEqualTo(ConnectionState.DISCONNECTED));
        ParsedEvents batch = parser.parse(batch(cloudEvent("Connected", "a", 1, T), cloudEvent("Connected", "b", 2, T)));
        assertThat(batch.events()).hasSize(2);
        assertThat(batch.skipped()).isEmpty();
    }

    @Test
    void hubFromTheTopicOrAHostName() {
        String noHubName = eventGrid("Connected", "d", null, 1, T).replace("\"hubName\":\"hub-a\",", "");
        assertThat(parser.parse(noHubName).events()).singleElement().satisfies(e -> assertThat(e.identity().hub()).isEqualTo("hub-a"));
        String hostName = eventGrid("Connected", "d", null, 1, T).replace("\"hubName\":\"hub-a\"", "\"hubName\":\"HUB-A.azure-devices.net\"");
        assertThat(parser.parse(hostName).events()).singleElement().satisfies(e -> assertThat(e.identity().hub()).isEqualTo("hub-a"));
    }

    @Test
    void everyUnusableEntryIsSkippedAndCountedByReason() {
        String ok = eventGrid("Connected", "d", null, 1, T);
        ParsedEvents parsed = parser.parse(batch(
                ok,
                "42",
                eventGrid("Created", "d", null, 1, T).replace("Microsoft.Devices.DeviceCreated", "Microsoft.Devices.DeviceCreated"),
                "{\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\",\"data\":{\"validationCode\":\"x\"}}",
                ok.replaceAll("\"data\":\\{.*}}", "\"data\":\"x\"}"),
                ok.replace("\"deviceId\":\"d\"", "\"deviceId\":\"\""),
                ok.replace("\"deviceId\":\"d\"", "\"deviceId\":\"d\\\"]); AzureDiagnostics | take 1 //\""),
                ok.replace("\"deviceId\":\"d\"", "\"deviceId\":\"d\",\"moduleId\":\"m/1\""),
                ok.replace("\"hubName\":\"hub-a\",", "").replace("\"topic\":\"" + Events.TOPIC + "\",", ""),
                ok.replace("\"hubName\":\"hub-a\"", "\"hubName\":\"hub_a\""),
                ok.replace("\"hubName\":\"hub-a\"", "\"hubName\":\"hub-b\""),
                ok.replace("{\"sequenceNumber\":\"" + Events.seq(1) + "\"}", "{}"),
                ok.replace(Events.seq(1), "00-1"),
                ok.replace(T.toString(), "yesterday")));
        assertThat(parsed.events()).hasSize(1);
        assertThat(parsed.skipped()).containsExactlyInAnyOrderEntriesOf(java.util.Map.ofEntries(
                java.util.Map.entry("not-an-event", 1L), java.util.Map.entry("other-event-type", 2L),
                java.util.Map.entry("missing-data", 1L), java.util.Map.entry("missing-device-id", 1L),
                java.util.Map.entry("invalid-device-id", 1L), java.util.Map.entry("invalid-module-id", 1L),
                java.util.Map.entry("missing-hub", 1L), java.util.Map.entry("invalid-hub-name", 1L),
                java.util.Map.entry("unknown-hub", 1L), java.util.Map.entry("missing-sequence-number", 1L),
                java.util.Map.entry("invalid-sequence-number", 1L), java.util.Map.entry("bad-event-time", 1L)));
    }

    @Test
    void notJsonAndOversizedBatches() {
        assertThat(parser.parse("{not json").skipped()).containsExactly(java.util.Map.entry("not-json", 1L));
        assertThat(parser.parse("").skipped()).containsExactly(java.util.Map.entry("not-json", 1L));
        String[] many = Collections.nCopies(EventParser.MAX_EVENTS + 3, eventGrid("Connected", "d", null, 1, T)).toArray(String[]::new);
        ParsedEvents parsed = parser.parse(batch(many));
        assertThat(parsed.events()).hasSize(EventParser.MAX_EVENTS);
        assertThat(parsed.skipped()).containsExactly(java.util.Map.entry("over-batch-limit", 3L));
    }

    @Test
    void sequenceNumbersCompareAsFixedWidthText() {
        assertThat(new SequenceNumber(Events.seq(10)).compareTo(new SequenceNumber(Events.seq(9)))).isPositive();
        assertThat(new SequenceNumber(Events.seq(0x1F)).compareTo(new SequenceNumber(Events.seq(0x20)))).isNegative();
        assertThat(new SequenceNumber("00ff")).isEqualTo(new SequenceNumber("00FF"));
        assertThat(new SequenceNumber("FF").compareTo(new SequenceNumber("100"))).isNegative();
        assertThat(SequenceNumber.isValid("12G")).isFalse();
    }
}
