package io.linkguard.loganalytics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.linkguard.config.AnalysisSettings;
import io.linkguard.evidence.EvidenceBatch;
import io.linkguard.evidence.ExportedLogsSource;
import io.linkguard.evidence.HubActivity;
import io.linkguard.evidence.IdentityObservations;
import io.linkguard.evidence.TimelineEvent;
import io.linkguard.plan.Analyzer;
import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import io.linkguard.simulator.ExportFormat;
import io.linkguard.simulator.ExportWriter;
import io.linkguard.simulator.FleetProfile;
import io.linkguard.simulator.FleetSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The production path end to end below the KQL: the real LogsQueryClient talks to a stub answering the
 * three queries with rows shaped exactly like their KQL output. The rows are made from the offline path's
 * observations of a simulated fleet, so the test proves both sources meet the same evidence contract:
 * the Log Analytics plan equals the exported-file plan.
 */
class LogAnalyticsEvidenceSourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORKSPACE = "11111111-2222-3333-4444-555555555555";
    private static final String PATH = "/v1/workspaces/" + WORKSPACE + "/query";
    private final TokenCredential credential = ctx -> Mono.just(new AccessToken("t", OffsetDateTime.now().plusHours(1)));
    private WireMockServer stub;

    @BeforeEach
    void start() {
        stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        stub.start();
    }

    @AfterEach
    void stop() {
        stub.stop();
    }

    @Test
    void logAnalyticsPlanEqualsTheExportedFilePlan() throws Exception {
        AnalysisSettings settings = AnalysisSettings.DEFAULTS;
        EvidenceBatch offline = offlineBatch(FleetProfile.sample(77).withIdentitiesPerHub(80), settings);
        Plan expected = new Analyzer(settings).analyze(offline);
        long now = offline.hubs().stream().mapToLong(HubActivity::toMillis).max().orElseThrow() + 1;
        long lookbackMillis = now - offline.hubs().stream().mapToLong(HubActivity::fromMillis).min().orElseThrow();

        stubQuery("affectedIdentities", table(List.of("affectedIdentities"), List.of(List.of(offline.identities().size()))));
        stubQuery("droppingIdentities = count()", fleetTable(offline));
        stubQuery("array_sort_desc", identityTable(offline.identities()));

        LogAnalyticsEvidenceSource source = new LogAnalyticsEvidenceSource(runner(), Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC), 2000);
        EvidenceBatch batch = source.read(QueryParameters.of(settings, Duration.ofMillis(lookbackMillis), Instant.EPOCH,
                List.of(), List.of()));
        Plan actual = new Analyzer(settings).analyze(batch);

        assertThat(batch.input().incompleteBecause()).isNull();
        assertThat(actual.fleetEvents()).isEqualTo(expected.fleetEvents());
        assertThat(verdicts(actual)).isEqualTo(verdicts(expected)).isNotEmpty();
        assertThat(actual.findings()).extracting(Finding::evidence).isEqualTo(expected.findings().stream().map(Finding::evidence).toList());
        stub.verify(3, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void partitionsWhenTheAffectedCountIsLargeAndFlagsPartialResults() throws Exception {
        stubQuery("affectedIdentities", table(List.of("affectedIdentities"), List.of(List.of(4500))));
        stubQuery("droppingIdentities = count()", table(List.of("hub", "binStart", "droppingIdentities", "platformIdentities"), List.of()));
        ObjectNode partial = table(List.of("hub"), List.of());
        partial.putObject("error").put("code", "PartialError").put("message", "There were some errors when processing your query.");
        stubQuery("array_sort_desc", partial);

        LogAnalyticsEvidenceSource source = new LogAnalyticsEvidenceSource(runner(), Clock.systemUTC(), 2000);
        EvidenceBatch batch = source.read(new QueryParameters(Duration.ofHours(6), Instant.EPOCH, List.of("hub-a"), List.of(),
                Duration.ofMinutes(5), Duration.ofSeconds(60), 256));

        assertThat(batch.input().source()).contains("3 partitions").contains("4500 affected identities");
        assertThat(batch.input().incompleteBecause()).contains("identity-observations.kql partition 0/3").contains("PartialError");
        stub.verify(1 + 3 + 3, postRequestedFor(urlEqualTo(PATH)));
        stub.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing("let _partition = 2;")
                .and(containing("array_sort_desc"))));
    }

    @Test
    void rowsThatBreakTheContractAreSkippedAndCounted() throws Exception {
        stubQuery("affectedIdentities", table(List.of("affectedIdentities"), List.of(List.of(2))));
        stubQuery("droppingIdentities = count()", table(List.of("hub", "binStart", "droppingIdentities", "platformIdentities"),
                List.of(List.of("hub-a", "not a time", 3, 1))));
        stubQuery("array_sort_desc", table(List.of("hub", "deviceId", "times", "codes", "ops", "ips", "sdks", "protocols", "firstSeen", "lastSeen"),
                List.of(List.of("hub-a", "d1", "[1,2]", "[\"409002\"]", "[\"d\",\"d\"]", "[\"\",\"\"]", "[\"\",\"\"]", "[\"\",\"\"]",
                        "2026-11-20T08:00:00Z", "2026-11-20T08:00:01Z"))));
        EvidenceBatch batch = new LogAnalyticsEvidenceSource(runner(), Clock.systemUTC(), 2000).read(new QueryParameters(
                Duration.ofHours(6), Instant.EPOCH, List.of(), List.of(), Duration.ofMinutes(5), Duration.ofSeconds(60), 256));
        assertThat(batch.identities()).isEmpty();
        assertThat(batch.input().skipped()).containsEntry("bad-identity-row", 1L).containsEntry("bad-fleet-bin-row", 1L);
    }

    private MonitorQueryLogRunner runner() {
        return MonitorQueryLogRunner.builder().workspaceId(WORKSPACE).credential(credential)
                .httpClient(new RedirectingHttpClient(stub.port())).retryDelays(Duration.ofMillis(10), Duration.ofMillis(50)).build();
    }

    private void stubQuery(String marker, ObjectNode body) {
        stub.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing(marker.replace("\"", "\\\"")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString())));
    }

    private static EvidenceBatch offlineBatch(FleetProfile profile, AnalysisSettings settings) throws Exception {
        FleetSimulator simulator = new FleetSimulator(profile);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ExportWriter writer = new ExportWriter(ExportFormat.QUERY_API_JSON, bytes)) {
            for (var row : simulator.generateShuffled()) {
                writer.write(row);
            }
        }
        return new ExportedLogsSource(settings.evidence(), settings.thresholds().fleetBin())
                .read(new ByteArrayInputStream(bytes.toByteArray()), "sim");
    }

    /** What fleet-bins.kql returns: one row per hub and bin with drops. */
    private static ObjectNode fleetTable(EvidenceBatch batch) {
        List<List<Object>> rows = batch.hubs().stream().flatMap(h -> h.bins().entrySet().stream().map(e -> List.<Object>of(
                h.hub(), Instant.ofEpochMilli(e.getKey()).toString(), e.getValue().droppingIdentities(), e.getValue().platformIdentities())))
                .toList();
        return table(List.of("hub", "binStart", "droppingIdentities", "platformIdentities"), rows);
    }

    /** What identity-observations.kql returns: counts, and the timeline as parallel arrays newest first. */
    private static ObjectNode identityTable(List<IdentityObservations> identities) {
        List<String> columns = List.of("hub", "deviceId", "moduleId", "connects", "cleanDisconnects", "conflicts409002",
                "conflicts400027", "drops404104", "authExpired401003", "serverErrors5xx", "platformFaults", "otherErrors",
                "firstSeen", "lastSeen", "events", "times", "codes", "ops", "ips", "sdks", "protocols");
        List<List<Object>> rows = identities.stream().map(o -> {
            List<TimelineEvent> newestFirst = new java.util.ArrayList<>(o.timeline());
            java.util.Collections.reverse(newestFirst);
            var c = o.counts();
            return List.<Object>of(o.identity().hub(), o.identity().deviceId(), o.identity().moduleId() == null ? "" : o.identity().moduleId(),
                    c.connects(), c.cleanDisconnects(), c.conflicts409002(), c.conflicts400027(), c.drops404104(),
                    c.authExpired401003(), c.serverErrors5xx(), c.platformFaults(), c.otherErrors(),
                    Instant.ofEpochMilli(o.firstSeenMillis()).toString(), Instant.ofEpochMilli(o.lastSeenMillis()).toString(),
                    o.timeline().size() + o.timelineOmitted(),
                    json(newestFirst.stream().map(TimelineEvent::timeMillis).toList()),
                    json(newestFirst.stream().map(e -> e.code() == null ? "" : e.code()).toList()),
                    json(newestFirst.stream().map(e -> e.kind() == io.linkguard.evidence.EventKind.CONNECT ? "c" : "d").toList()),
                    json(newestFirst.stream().map(e -> e.maskedIp() == null ? "" : e.maskedIp()).toList()),
                    json(newestFirst.stream().map(e -> e.sdkVersion() == null ? "" : e.sdkVersion()).toList()),
                    json(newestFirst.stream().map(e -> e.protocol() == null ? "" : e.protocol()).toList()));
        }).toList();
        return table(columns, rows);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode table(List<String> columns, List<List<Object>> rows) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode t = root.putArray("tables").addObject();
        t.put("name", "PrimaryResult");
        ArrayNode cols = t.putArray("columns");
        columns.forEach(c -> cols.addObject().put("name", c).put("type", c.startsWith("times") ? "dynamic" : "string"));
        ArrayNode rowArray = t.putArray("rows");
        for (List<Object> row : rows) {
            ArrayNode r = rowArray.addArray();
            row.forEach(v -> r.addPOJO(v));
        }
        return root;
    }

    private static Map<String, String> verdicts(Plan plan) {
        return plan.findings().stream().collect(Collectors.toMap(f -> f.identity().display(),
                f -> f.verdict().classification().label() + " " + f.verdict().confidence() + " " + f.actions()));
    }
}
