package io.linkguard.remediation.tag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkguard.tickets.TicketState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class TagCodecTest {
    private static final Instant T = Instant.parse("2026-11-26T10:15:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    static LinkGuardTag full(String text, String id) {
        BackoffState b = new BackoffState("lg-20261126T101500Z-7f3a2c", BackoffState.State.SENT, BackoffState.Via.DESIRED, T,
                T.plusSeconds(604_800), true, 123456.789, Integer.MAX_VALUE, id, BackoffState.Verdict.NOT_IMPROVED,
                98765.4321, T, text);
        TicketState ticket = new TicketState(text, id, "https://" + "x".repeat(280) + ".example/", TicketState.Status.OPEN, T,
                "shared-identity");
        return new LinkGuardTag(Stage.TICKET, T, "faulty-reconnect", 0.987654, T, T,
                new Conflicts(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, 1e9 + 0.123), text, text,
                new LastAction("backoff", T, text), b, ticket, T);
    }

    @Test
    void roundTripsThroughTheTwinsJson() throws Exception {
        LinkGuardTag tag = full("a reason", "INC0012345");
        Map<String, Object> json = TagCodec.encode(tag);
        @SuppressWarnings("unchecked")
        Map<String, Object> fromTwin = JSON.readValue(JSON.writeValueAsString(json), LinkedHashMap.class);
        LinkGuardTag back = TagCodec.parse(fromTwin).tagOrNull();
        assertThat(back).isNotNull();
        assertThat(TagCodec.encode(back)).isEqualTo(json);
        assertThat(back.stage()).isEqualTo(Stage.TICKET);
        assertThat(back.backoff().via()).isEqualTo(BackoffState.Via.DESIRED);
        assertThat(back.ticket().reference()).isEqualTo("INC0012345");
    }

    @Test
    void worstCaseTagStaysInItsBudgetAndLeavesTheRestOfTheEightKilobytesToTheCustomer() {
        String hostile = "\"\\\u0000\u2603\uD83D\uDE00".repeat(500);
        LinkGuardTag worst = full(hostile, "\"".repeat(200) + "\uD83D\uDE00".repeat(200));
        Map<String, Object> json = TagCodec.encode(worst);
        int size = TagCodec.sizeBytes(json);
        assertThat(size).isLessThanOrEqualTo(TagCodec.MAX_TAG_BYTES);
        assertThat(8 * 1024 - size).as("room for customer tags").isGreaterThanOrEqualTo(6 * 1024);
        assertThat(depth(json)).isLessThanOrEqualTo(2);
        assertThat(containsArray(json)).isFalse();
        assertThat(TagCodec.parse(json)).isInstanceOf(TagReading.Valid.class);
    }

    @Test
    void anOverlongTicketUrlIsDroppedRatherThanCut() {
        TicketState t = new TicketState("sink", "ref", "https://e.example/" + "p".repeat(500), TicketState.Status.OPEN, T,
                "shared-identity");
        LinkGuardTag tag = full("r", "id").withTicket(t);
        assertThat(TagCodec.encode(tag).get("ticket")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .doesNotContainKey("url").containsEntry("ref", "ref");
    }

    static Stream<Arguments> garbage() {
        return Stream.of(
                Arguments.of(Map.of("stage", "tag", "stageAt", "2026-11-26T10:00:00Z"), "v: expected"),
                Arguments.of(Map.of("v", "1", "stage", "tag", "stageAt", "2026-11-26T10:00:00Z"), "v: expected"),
                Arguments.of(Map.of("v", 1.5, "stage", "tag", "stageAt", "2026-11-26T10:00:00Z"), "v: expected"),
                Arguments.of(Map.of("v", 0, "stage", "tag", "stageAt", "2026-11-26T10:00:00Z"), "unknown schema version"),
                Arguments.of(Map.of("v", 1, "stage", "panic", "stageAt", "2026-11-26T10:00:00Z"), "stage: unknown 'panic'"),
                Arguments.of(Map.of("v", 1, "stageAt", "2026-11-26T10:00:00Z"), "stage: missing"),
                Arguments.of(Map.of("v", 1, "stage", 3, "stageAt", "2026-11-26T10:00:00Z"), "stage: expected text"),
                Arguments.of(Map.of("v", 1, "stage", "tag"), "stageAt: missing"),
                Arguments.of(Map.of("v", 1, "stage", "tag", "stageAt", "10:00"), "stageAt: expected an ISO-8601 time"),
                Arguments.of(Map.of("v", 1, "stage", "tag", "stageAt", "2026-11-26T10:00:00Z", "class", "evil"),
                        "class: unknown class 'evil'"),
                Arguments.of(Map.of("v", 1, "stage", "tag", "stageAt", "2026-11-26T10:00:00Z", "confidence", "high"),
                        "confidence: expected a number"),
                Arguments.of(Map.of("v", 1, "stage", "tag", "stageAt", "2026-11-26T10:00:00Z", "conflicts", "many"),
                        "conflicts: expected an object"),
                Arguments.of(Map.of("v", 1, "stage", "tag", "stageAt", "2026-11-26T10:00:00Z", "conflicts",
                        Map.of("total", -3)), "conflicts.total: expected a whole number"),
                Arguments.of(Map.of("v", 1, "stage", "backoff", "stageAt", "2026-11-26T10:00:00Z", "backoff",
                        Map.of("state", "sent", "until", "2026-11-26T11:00:00Z")), "backoff.commandId: missing"),
                Arguments.of(Map.of("v", 1, "stage", "backoff", "stageAt", "2026-11-26T10:00:00Z", "backoff",
                        Map.of("commandId", "x", "state", "sent", "until", "2026-11-26T11:00:00Z")),
                        "backoff.sent: missing for a delivered back-off"),
                Arguments.of(Map.of("v", 1, "stage", "backoff", "stageAt", "2026-11-26T10:00:00Z", "backoff",
                        Map.of("commandId", "x", "state", "scheduled", "until", "2026-11-26T11:00:00Z")),
                        "backoff.jobId: missing for a scheduled back-off"),
                Arguments.of(Map.of("v", 1, "stage", "backoff", "stageAt", "2026-11-26T10:00:00Z", "backoff",
                        Map.of("commandId", "x", "state", "pending", "via", "pigeon", "until", "2026-11-26T11:00:00Z")),
                        "backoff.via: unknown 'pigeon'"),
                Arguments.of(Map.of("v", 1, "stage", "backoff", "stageAt", "2026-11-26T10:00:00Z", "backoff",
                        Map.of("commandId", "x", "state", "pending", "acknowledged", "yes", "until", "2026-11-26T11:00:00Z")),
                        "backoff.acknowledged: expected true or false"),
                Arguments.of(Map.of("v", 1, "stage", "ticket", "stageAt", "2026-11-26T10:00:00Z", "ticket",
                        Map.of("status", "lost")), "ticket.status: unknown 'lost'"));
    }

    @ParameterizedTest
    @MethodSource("garbage")
    void garbageIsUnreadableWithTheFieldNamedNeverAnException(Map<String, Object> raw, String problem) {
        TagReading reading = TagCodec.parse(raw);
        assertThat(reading).isInstanceOf(TagReading.Unreadable.class);
        assertThat(((TagReading.Unreadable) reading).problem()).contains(problem);
        assertThat(reading.tagOrNull()).isNull();
    }

    @Test
    void aNewerSchemaIsReportedAsSuchAndAnEmptyTagAsAbsent() {
        assertThat(TagCodec.parse(Map.of("v", 2))).isEqualTo(new TagReading.Unsupported(2));
        assertThat(TagCodec.parse(Map.of())).isInstanceOf(TagReading.Absent.class);
        assertThat(TagCodec.parse(null)).isInstanceOf(TagReading.Absent.class);
    }

    @Test
    void operatorTimestampsWithOffsetsAreAccepted() {
        LinkGuardTag tag = TagCodec.parse(Map.of("v", 1, "stage", "tag", "stageAt", "2026-11-26T11:00:00+01:00")).tagOrNull();
        assertThat(tag.stageAt()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
    }

    @Test
    void clipCountsJsonBytesAndCutsOnACodePoint() {
        assertThat(Text.clip("short", 10)).isEqualTo("short");
        String clipped = Text.clip("\uD83D\uDE00".repeat(10), 10);
        assertThat(clipped).endsWith("\u2026");
        assertThat(clipped.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(10);
        assertThat(Text.clip("\"\"\"\"\"\"", 6)).isEqualTo("\"\u2026");
        assertThat(Text.clip("a\nb", 10)).isEqualTo("a b");
    }

    private static int depth(Object v) {
        if (v instanceof Map<?, ?> m) {
            return 1 + m.values().stream().mapToInt(TagCodecTest::depth).max().orElse(0);
        }
        return 0;
    }

    private static boolean containsArray(Object v) {
        if (v instanceof List<?>) {
            return true;
        }
        return v instanceof Map<?, ?> m && m.values().stream().anyMatch(TagCodecTest::containsArray);
    }
}
