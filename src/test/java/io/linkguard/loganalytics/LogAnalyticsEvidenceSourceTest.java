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
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.linkguard.config.AnalysisSettings;
import io.linkguard.evidence.EvidenceBatch;
import io.linkguard.evidence.ExportedLogsSource;
import io.linkguard.evidence.HubActivity;
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

        stubQuery("affectedIdentities", QueryApiTables.affectedCount(offline.identities().size()));
        stubQuery("droppingIdentities = count()", QueryApiTables.fleetTable(offline));
        stubQuery("array_sort_desc", QueryApiTables.identityTable(offline.identities()));

        LogAnalyticsEvidenceSource source = new LogAnalyticsEvidenceSource(runner(), Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC), 2000);
        EvidenceBatch batch = source.read(QueryParameters.of(settings, Duration.ofMillis(lookbackMillis), Instant.EPOCH,
                List.of(), List.of()));
        Plan actual = new Analyzer(settings).analyze(batch);

        assertThat(batch.input().incompleteBecause()).isNull();
        // baselineDroppingPerBin is a display figure over the span, which Log Analytics takes from the clock.
        assertThat(actual.fleetEvents()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("baselineDroppingPerBin")
                .isEqualTo(expected.fleetEvents()).isNotEmpty();
        assertThat(verdicts(actual)).isEqualTo(verdicts(expected)).isNotEmpty();
        assertThat(actual.findings()).extracting(Finding::evidence).isEqualTo(expected.findings().stream().map(Finding::evidence).toList());
        stub.verify(3, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void partitionsWhenTheAffectedCountIsLargeAndFlagsPartialResults() throws Exception {
        stubQuery("affectedIdentities", QueryApiTables.table(List.of("affectedIdentities"), List.of(List.of(4500))));
        stubQuery("droppingIdentities = count()", QueryApiTables.table(List.of("hub", "binStart", "droppingIdentities", "platformIdentities"), List.of()));
        ObjectNode partial = QueryApiTables.table(List.of("hub"), List.of());
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
        stubQuery("affectedIdentities", QueryApiTables.table(List.of("affectedIdentities"), List.of(List.of(2))));
        stubQuery("droppingIdentities = count()", QueryApiTables.table(List.of("hub", "binStart", "droppingIdentities", "platformIdentities"),
                List.of(List.of("hub-a", "not a time", 3, 1))));
        stubQuery("array_sort_desc", QueryApiTables.table(List.of("hub", "deviceId", "times", "codes", "ops", "ips", "sdks", "protocols", "firstSeen", "lastSeen"),
                List.of(List.of("hub-a", "d1", "[1,2]", "[\"409002\"]", "[\"d\",\"d\"]", "[\"\",\"\"]", "[\"\",\"\"]", "[\"\",\"\"]",
                        "2026-11-20T08:00:00Z", "2026-11-20T08:00:01Z"))));
        EvidenceBatch batch = new LogAnalyticsEvidenceSource(runner(), Clock.systemUTC(), 2000).read(new QueryParameters(
                Duration.ofHours(6), Instant.EPOCH, List.of(), List.of(), Duration.ofMinutes(5), Duration.ofSeconds(60), 256));
        assertThat(batch.identities()).isEmpty();
        assertThat(batch.input().skipped()).containsEntry("bad-identity-row", 1L).containsEntry("bad-fleet-bin-row", 1L);
    }

    @Test
    void aTargetedReadKeepsFleetActivityHubWide() {
        stubQuery("affectedIdentities", QueryApiTables.affectedCount(1));
        stubQuery("droppingIdentities = count()", QueryApiTables.table(List.of("hub", "binStart", "droppingIdentities", "platformIdentities"), List.of()));
        stubQuery("array_sort_desc", QueryApiTables.table(List.of("hub"), List.of()));
        new LogAnalyticsEvidenceSource(runner(), Clock.systemUTC(), 2000).read(new QueryParameters(Duration.ofHours(6), Instant.EPOCH,
                List.of("hub-a"), List.of("pump-1"), Duration.ofMinutes(5), Duration.ofSeconds(60), 256));
        String devices = "let _devices = dynamic([\\\"pump-1\\\"]);";
        stub.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing("affectedIdentities").and(containing(devices))));
        stub.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing("droppingIdentities = count()")
                .and(containing("let _devices = dynamic([]);"))));
        stub.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing("array_sort_desc").and(containing(devices))));
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


    private static Map<String, String> verdicts(Plan plan) {
        return plan.findings().stream().collect(Collectors.toMap(f -> f.identity().display(),
                f -> f.verdict().classification().label() + " " + f.verdict().confidence() + " " + f.actions()));
    }
}
