package io.linkguard.pipeline;

import static io.linkguard.alerts.Alerts.dim;
import static io.linkguard.alerts.Alerts.dims;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.alerts.Alerts;
import io.linkguard.alerts.BadAlertException;
import io.linkguard.alerts.CommonAlertParser;
import io.linkguard.config.AnalysisSettings;
import io.linkguard.events.EventParser;
import io.linkguard.events.ParsedEvents;
import io.linkguard.evidence.Identity;
import io.linkguard.loganalytics.KqlCheck;
import io.linkguard.loganalytics.LogAnalyticsEvidenceSource;
import io.linkguard.loganalytics.LogQueryRunner;
import io.linkguard.loganalytics.QueryResult;
import io.linkguard.logs.RawRow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ids that arrive from Event Grid events and alert payloads end up inside KQL. Every id IoT Hub allows, however
 * odd, must stay a string literal (checked by the Kusto language service on the real rendered queries), and
 * every id it does not allow must be stopped before a query is built.
 */
class TargetedQueryKqlTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:15:00Z");
    /** Valid IoT Hub ids built from every punctuation character IoT Hub allows, shaped like injection attempts. */
    private static final List<String> ODD_BUT_VALID = List.of("'),take(1", "'", "a'or'1'=='1", "x$y@z=1:2", "pump!*?.%_-",
            "dev'o(7)", "(a),(b)", "%27%22", "''''", "*");
    /** Ids a real hub can never send: they must not reach a query at all. */
    private static final List<String> HOSTILE = List.of("a\"]); AzureDiagnostics | take 1 //", "back\\slash", "new\nline",
            "gerät", "slash/x", "pipe|x", "x".repeat(129), "tab\tx", "brace{}", "space x");

    @TempDir
    Path dir;

    /** Captures every KQL text the real evidence source renders; answers with empty tables. */
    private static final class CapturingRunner implements LogQueryRunner {
        final List<String> kql = new ArrayList<>();

        @Override
        public QueryResult run(String text, Duration timespan) {
            kql.add(text);
            if (text.contains("affectedIdentities")) {
                return new QueryResult(List.of(new RawRow(Map.of("affectedIdentities", 0), new String[] {"3"}, 1)), null);
            }
            return new QueryResult(List.of(), null);
        }
    }

    private List<String> runTargeted(List<Identity> identities) {
        CapturingRunner runner = new CapturingRunner();
        LogAnalyticsEvidenceSource source = new LogAnalyticsEvidenceSource(runner, Clock.fixed(NOW, ZoneOffset.UTC), 2000);
        RunPipeline pipeline = new RunPipeline(source::read, new ReportOnlyExecutor(), new InMemoryRunLedger(),
                new InMemoryLeaseStore(), Clock.fixed(NOW, ZoneOffset.UTC),
                new PipelineSettings(AnalysisSettings.DEFAULTS, List.of("hub-a"), Duration.ofMinutes(15), Duration.ofHours(24),
                        Duration.ofHours(6), Duration.ofMinutes(10)));
        pipeline.runTargeted(RunTrigger.EVENT_GRID, "inv", identities);
        return runner.kql;
    }

    @Test
    void oddButValidIdsFromEventsAndAlertsStayStringLiteralsInTheRealQueries() throws Exception {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < ODD_BUT_VALID.size(); i++) {
            batch.append(i == 0 ? "" : ",").append("""
                    {"id":"e%d","topic":"/x/hub-a","subject":"devices/d","eventType":"Microsoft.Devices.DeviceConnected",
                     "eventTime":"2026-11-26T10:14:00Z","data":{"deviceConnectionStateEventInfo":{"sequenceNumber":"0A"},
                     "hubName":"hub-a","deviceId":%s}}""".formatted(i, jsonString(ODD_BUT_VALID.get(i))));
        }
        ParsedEvents events = new EventParser(Set.of("hub-a")).parse(batch.append(']').toString());
        assertThat(events.skipped()).isEmpty();
        List<Identity> fromEvents = events.events().stream().map(e -> e.identity()).toList();

        List<List<String[]>> sets = new ArrayList<>();
        ODD_BUT_VALID.forEach(id -> sets.add(dims(dim("deviceId", id), dim("hub", "hub-a"))));
        List<Identity> fromAlert = new CommonAlertParser(List.of("hub-a"), 50).parse(Alerts.logAlert("Fired", sets)).identities();
        assertThat(fromAlert).isEqualTo(fromEvents);

        List<String> kql = runTargeted(fromEvents);
        assertThat(kql).hasSize(3);
        String devicesLet = kql.get(2).lines().filter(l -> l.startsWith("let _devices = ")).findFirst().orElseThrow();
        StringBuilder expected = new StringBuilder("let _devices = dynamic([");
        for (int i = 0; i < ODD_BUT_VALID.size(); i++) {
            expected.append(i == 0 ? "" : ", ").append('"').append(ODD_BUT_VALID.get(i)).append('"');
        }
        assertThat(devicesLet).isEqualTo(expected.append("]);").toString());
        assertThat(kql.get(1)).as("fleet bins stay hub-wide in a targeted run").contains("let _devices = dynamic([]);");

        KqlCheck.Result result = KqlCheck.check(dir, kql);
        assertThat(result.output()).as(result.output()).contains("3 file(s), 0 error(s)");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void idsARealHubCannotSendNeverReachAQuery() {
        for (String id : HOSTILE) {
            String event = """
                    {"id":"e","topic":"/x/hub-a","eventType":"Microsoft.Devices.DeviceConnected","eventTime":"2026-11-26T10:14:00Z",
                     "data":{"deviceConnectionStateEventInfo":{"sequenceNumber":"0A"},"hubName":"hub-a","deviceId":%s}}"""
                    .formatted(jsonString(id));
            assertThat(new EventParser(Set.of("hub-a")).parse(event).skipped()).containsOnlyKeys("invalid-device-id");
            String alert = Alerts.logAlert("Fired", List.of(dims(dim("deviceId", id))));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CommonAlertParser(List.of("hub-a"), 50).parse(alert))
                    .isInstanceOf(BadAlertException.class).hasMessageContaining("is not a valid IoT Hub id");
        }
        // And if one were handed to the pipeline directly, it is left out before any query is built.
        List<Identity> direct = HOSTILE.stream().map(id -> new Identity("hub-a", id, null)).toList();
        assertThat(runTargeted(direct)).isEmpty();
    }

    private static String jsonString(String s) {
        return new com.fasterxml.jackson.databind.node.TextNode(s).toString();
    }
}
