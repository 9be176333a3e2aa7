package io.linkguard.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.logs.RawRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectionRowParserTest {
    private static final String[] COLUMNS = {"TimeGenerated", "Category", "OperationName", "Level", "ResultType",
            "properties_s", "_ResourceId", "Resource"};
    private static final String HUB_ID = "/subscriptions/s/resourcegroups/rg/providers/microsoft.devices/iothubs/hub-one";

    private final SkipCounts skipped = new SkipCounts();
    private final ConnectionRowParser parser = new ConnectionRowParser(skipped);

    @Test
    void conflictRowBecomesAnEventOfItsIdentity() {
        ConnectionEvent e = parser.parse(row("2026-11-20T08:00:01.1234567Z", "Connections", "deviceDisconnect", "Error",
                "409002", "{\"deviceId\":\"dev'o(7)\",\"moduleId\":\"m1\",\"protocol\":\"Amqp\",\"maskedIpAddress\":\"10.0.0.XXX\","
                        + "\"authType\":\"{\\\"scope\\\":\\\"device\\\"}\",\"statusCode\":\"409\"}", HUB_ID, "HUB-ONE"));
        assertThat(e.identity()).isEqualTo(new Identity("hub-one", "dev'o(7)", "m1"));
        assertThat(e.kind()).isEqualTo(EventKind.CONFLICT);
        assertThat(e.maskedIp()).isEqualTo("10.0.0.XXX");
        assertThat(e.protocol()).isEqualTo("Amqp");
        assertThat(e.sdkVersion()).isNull();
        assertThat(e.timeMillis()).isEqualTo(java.time.Instant.parse("2026-11-20T08:00:01.123Z").toEpochMilli());
        assertThat(skipped.total()).isZero();
    }

    @Test
    void hubFallsBackToResourceWhenTheResourceIdIsMissing() {
        ConnectionEvent e = parser.parse(row("2026-11-20T08:00:00Z", "Connections", "deviceConnect", "Information", null,
                "{\"deviceId\":\"d1\",\"sdkVersion\":\"s\"}", null, "HUB-TWO"));
        assertThat(e.identity().hub()).isEqualTo("hub-two");
        assertThat(e.kind()).isEqualTo(EventKind.CONNECT);
        assertThat(e.sdkVersion()).isEqualTo("s");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-11-20T08:00:00Z|C2DCommands|deviceConnect|Information||{\"deviceId\":\"d\"}|other-category",
            "|Connections|deviceConnect|Information||{\"deviceId\":\"d\"}|missing-timestamp",
            "yesterday|Connections|deviceConnect|Information||{\"deviceId\":\"d\"}|bad-timestamp",
            "2026-11-20T08:00:00Z|Connections|deviceReboot|Information||{\"deviceId\":\"d\"}|unknown-operation",
            "2026-11-20T08:00:00Z|Connections|deviceDisconnect|Error|409002|{deviceId: d|properties-not-json",
            "2026-11-20T08:00:00Z|Connections|deviceDisconnect|Error|409002|[1,2]|properties-not-json",
            "2026-11-20T08:00:00Z|Connections|deviceDisconnect|Error|409002|{\"protocol\":\"Mqtt\"}|missing-device-id",
            "2026-11-20T08:00:00Z|Connections|deviceDisconnect|Error|409002|{\"deviceId\":\"qu\\\"ote\"}|invalid-device-id",
            "2026-11-20T08:00:00Z|Connections|deviceDisconnect|Error|409002|{\"deviceId\":\"gerät\"}|invalid-device-id",
            "2026-11-20T08:00:00Z|Connections|deviceDisconnect|Error|409002|{\"deviceId\":\"tab\\there\"}|invalid-device-id",
            "2026-11-20T08:00:00Z|Connections|deviceDisconnect|Error|409002|{\"deviceId\":\"d\",\"moduleId\":\"m m\"}|invalid-module-id",
            "2026-11-20T08:00:00Z|Connections|deviceDisconnect|Error||{\"deviceId\":\"d\"}|error-without-code",
    })
    void malformedRowsAreSkippedAndCountedByReason(String time, String category, String op, String level, String code,
                                                   String props, String reason) {
        assertThat(parser.parse(row(time, category, op, level, code, props, HUB_ID, "HUB-ONE"))).isNull();
        assertThat(skipped.byLabel()).containsExactly(Map.entry(reason, 1L));
    }

    @Test
    void overLongIdIsRejectedAndTheLongestValidIdIsKept() {
        assertThat(parser.parse(row("2026-11-20T08:00:00Z", "Connections", "deviceConnect", "Information", null,
                "{\"deviceId\":\"" + "x".repeat(129) + "\"}", HUB_ID, null))).isNull();
        assertThat(parser.parse(row("2026-11-20T08:00:00Z", "Connections", "deviceConnect", "Information", null,
                "{\"deviceId\":\"" + "x".repeat(128) + "\"}", HUB_ID, null))).isNotNull();
        assertThat(skipped.byLabel()).containsExactly(Map.entry("invalid-device-id", 1L));
    }

    @Test
    void missingHubIsCounted() {
        assertThat(parser.parse(row("2026-11-20T08:00:00Z", "Connections", "deviceConnect", "Information", null,
                "{\"deviceId\":\"d\"}", null, null))).isNull();
        assertThat(skipped.get(SkipReason.MISSING_HUB)).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"409002,CONFLICT", "400027,CONFLICT", "404104,DROP", "401003,AUTH_EXPIRED", "500001,SERVER_ERROR",
            "500008,SERVER_ERROR", "400029,PLATFORM_FAULT", "400030,PLATFORM_FAULT", "401002,OTHER_ERROR", "404103,OTHER_ERROR"})
    void codesMapToKinds(String code, EventKind kind) {
        assertThat(EventKind.ofCode(code, false)).isEqualTo(kind);
    }

    private static RawRow row(String... values) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < COLUMNS.length; i++) {
            index.put(COLUMNS[i], i);
        }
        return new RawRow(index, values, 1);
    }

    @ParameterizedTest
    @CsvSource({"0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2015-12-31T23:59:59Z", "2026-11-22T00:00:01Z"})
    void timesOutsideThePlausibleRangeAreSkippedAndCounted(String time) {
        ConnectionRowParser bounded = new ConnectionRowParser(skipped,
                PlausibleTimes.upTo(java.time.Clock.fixed(java.time.Instant.parse("2026-11-21T00:00:00Z"), java.time.ZoneOffset.UTC)));
        assertThat(bounded.parse(row(time, "Connections", "deviceConnect", "Information", null, "{\"deviceId\":\"d\"}",
                HUB_ID, "HUB-ONE"))).isNull();
        assertThat(skipped.byLabel()).containsExactly(Map.entry("implausible-timestamp", 1L));
        assertThat(bounded.parse(row("2026-11-22T00:00:00Z", "Connections", "deviceConnect", "Information", null,
                "{\"deviceId\":\"d\"}", HUB_ID, "HUB-ONE"))).as("a day of clock skew is tolerated").isNotNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"/x/iothubs/hub- | HUB-", "/x/iothubs/h | H", "| HUB\u001b[31mRED",
            "/x/iothubs/hub_under | X"})
    void invalidHubNamesAreSkippedAndCounted(String resourceId, String resource) {
        String res = resource.replace("\\u001b", "\u001b");
        assertThat(parser.parse(row("2026-11-20T08:00:00Z", "Connections", "deviceConnect", "Information", null,
                "{\"deviceId\":\"d\"}", resourceId, res))).isNull();
        assertThat(skipped.byLabel()).containsExactly(Map.entry("invalid-hub", 1L));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a+b", "dev#1", "x;y", "-:.+%_#*?!(),=@;$'"})
    void everyCharacterIotHubAllowsInIdsIsAccepted(String id) {
        String json = new com.fasterxml.jackson.databind.node.TextNode(id).toString();
        ConnectionEvent e = parser.parse(row("2026-11-20T08:00:00Z", "Connections", "deviceConnect", "Information", null,
                "{\"deviceId\":" + json + ",\"moduleId\":" + json + "}", HUB_ID, "HUB-ONE"));
        assertThat(e).isNotNull();
        assertThat(e.identity()).isEqualTo(new Identity("hub-one", id, id));
    }

    @Test
    void eventsOfOneIdentityShareItsNumberAndOneIdentityInstance() {
        String[][] rows = {{HUB_ID, "d1", null}, {HUB_ID, "d1", "m"}, {HUB_ID.replace("hub-one", "hub-two"), "d1", null},
                {HUB_ID, "d1m", null}, {HUB_ID, "d1", null}, {HUB_ID, "d\\u0031", null}, {HUB_ID, "d1", "m"}};
        ConnectionEvent[] events = new ConnectionEvent[rows.length];
        int[] numbers = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            String module = rows[i][2] == null ? "" : ",\"moduleId\":\"" + rows[i][2] + "\"";
            events[i] = parser.parse(row("2026-11-20T08:00:00Z", "Connections", "deviceConnect", "Information", null,
                    "{\"deviceId\":\"" + rows[i][1] + "\"" + module + "}", rows[i][0], null));
            numbers[i] = parser.identityNumber();
        }
        assertThat(numbers).containsExactly(0, 1, 2, 3, 0, 0, 1);
        assertThat(events[4].identity()).isSameAs(events[0].identity());
        assertThat(events[5].identity()).as("the same id, escaped").isSameAs(events[0].identity());
        assertThat(events[6].identity()).isSameAs(events[1].identity()).isEqualTo(new Identity("hub-one", "d1", "m"));
        assertThat(events[2].identity()).isEqualTo(new Identity("hub-two", "d1", null));
        assertThat(events[3].identity()).isEqualTo(new Identity("hub-one", "d1m", null));
    }

    @Test
    void offeredRowsGiveTheEventsAndSkipsThatParsingThemOneByOneGives() {
        String[] ids = {"\"d1\"", "\"d2\",\"moduleId\":\"m\"", "\"d1\"", "\"" + "x".repeat(129) + "\"",
                "\"d3\",\"moduleId\":\"" + "m".repeat(129) + "\"", "\"g\u00e9r\u00e4t\",\"moduleId\":\"" + "m".repeat(129) + "\"",
                "\"d\\u0031\"", "\"d4\",\"moduleId\":\"m m\"", "\"new-" + "\"", "\"" + "y".repeat(128) + "\""};
        List<RawRow> rows = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 3 * ConnectionRowParser.GROUP + 5; i++) {
            String id = ids[random.nextInt(ids.length)].replace("new-", "new-" + random.nextInt(50));
            String hub = random.nextInt(10) == 0 ? HUB_ID.replace("hub-one", "hub-" + random.nextInt(3)) : HUB_ID;
            rows.add(row("2026-11-20T08:00:0" + random.nextInt(10) + "Z", "Connections",
                    random.nextBoolean() ? "deviceConnect" : "deviceDisconnect", "Information",
                    random.nextInt(4) == 0 ? "409002" : null, "{\"deviceId\":" + id + ",\"protocol\":\"Mqtt\"}",
                    random.nextInt(20) == 0 ? "/bad/iothubs/x" : hub, null));
        }
        SkipCounts oneByOneSkipped = new SkipCounts();
        ConnectionRowParser oneByOne = new ConnectionRowParser(oneByOneSkipped);
        List<ConnectionEvent> expected = new ArrayList<>();
        List<Integer> expectedNumbers = new ArrayList<>();
        for (RawRow r : rows) {
            ConnectionEvent e = oneByOne.parse(r);
            if (e != null) {
                expected.add(e);
                expectedNumbers.add(oneByOne.identityNumber());
            }
        }
        List<ConnectionEvent> grouped = new ArrayList<>();
        List<Integer> groupedNumbers = new ArrayList<>();
        ConnectionEvent[] events = new ConnectionEvent[ConnectionRowParser.GROUP];
        int[] numbers = new int[ConnectionRowParser.GROUP];
        for (int i = 0; i <= rows.size(); i++) {
            if (i == rows.size() || parser.full()) {
                int n = parser.resolve(events, numbers);
                for (int k = 0; k < n; k++) {
                    grouped.add(events[k]);
                    groupedNumbers.add(numbers[k]);
                }
            }
            if (i < rows.size()) {
                parser.offer(rows.get(i));
            }
        }
        assertThat(grouped).isEqualTo(expected).hasSizeGreaterThan(100);
        assertThat(groupedNumbers).isEqualTo(expectedNumbers);
        assertThat(skipped.byLabel()).isEqualTo(oneByOneSkipped.byLabel()).containsKeys("invalid-device-id",
                "invalid-module-id", "invalid-hub");
    }

    @Test
    void parsingARowWhileOfferedRowsWaitIsRefused() {
        RawRow r = row("2026-11-20T08:00:00Z", "Connections", "deviceConnect", "Information", null,
                "{\"deviceId\":\"d\"}", HUB_ID, null);
        assertThat(parser.offer(r)).isTrue();
        assertThatThrownBy(() -> parser.parse(r)).isInstanceOf(IllegalStateException.class);
        for (int i = 1; i < ConnectionRowParser.GROUP; i++) {
            parser.offer(r);
        }
        assertThat(parser.full()).isTrue();
        assertThatThrownBy(() -> parser.offer(r)).isInstanceOf(IllegalStateException.class);
        assertThat(parser.resolve(new ConnectionEvent[ConnectionRowParser.GROUP], new int[ConnectionRowParser.GROUP]))
                .isEqualTo(ConnectionRowParser.GROUP);
        assertThat(parser.parse(r)).isNotNull();
    }

    @Test
    void rowsOfMoreHubsThanTheCacheHoldsInterleavedKeepTheirHubs() {
        for (int i = 0; i < 40; i++) {
            int hub = i % 6; // hub 5 has an invalid name
            String id = hub == 5 ? HUB_ID.replace("hub-one", "hub_5") : HUB_ID.replace("hub-one", "hub-" + hub);
            ConnectionEvent e = parser.parse(row("2026-11-20T08:00:00Z", "Connections", "deviceConnect", "Information",
                    null, "{\"deviceId\":\"d\"}", i % 2 == 0 ? id : new String(id), null));
            if (hub == 5) {
                assertThat(e).isNull();
            } else {
                assertThat(e.identity()).isEqualTo(new Identity("hub-" + hub, "d", null));
            }
        }
        assertThat(skipped.byLabel()).containsExactly(Map.entry("invalid-hub", 6L));
    }

    @Test
    void deviceSentTextKeepsNoControlCharacters() {
        ConnectionEvent e = parser.parse(row("2026-11-20T08:00:00Z", "Connections", "deviceConnect", "Information", null,
                "{\"deviceId\":\"d\",\"sdkVersion\":\"sdk\\r\\nFAKE LINE\\u001b[2J\"}", HUB_ID, "HUB-ONE"));
        assertThat(e.sdkVersion()).isEqualTo("sdk\\u000D\\u000AFAKE LINE\\u001B[2J").doesNotContain("\n", "\r", "\u001b");
        for (int i = 0; i < 3; i++) { // the same raw values again: escaped just the same when remembered
            ConnectionEvent raw = parser.parse(row("2026-11-20T08:00:00Z", "Connections", "deviceConnect", "Information",
                    null, "{\"deviceId\":\"d\",\"sdkVersion\":\"sdk\u0085\u2028\",\"protocol\":\"Mqtt\u009b31m\","
                            + "\"maskedIpAddress\":\"1.2.3.XXX\u007f\"}", HUB_ID, "HUB-ONE"));
            assertThat(raw.sdkVersion()).isEqualTo("sdk\\u0085\\u2028");
            assertThat(raw.protocol()).isEqualTo("Mqtt\\u009B31m");
            assertThat(raw.maskedIp()).isEqualTo("1.2.3.XXX\\u007F");
        }
    }
}
