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
import io.linkguard.evidence.HubPopulation;
import io.linkguard.evidence.IdentityAttribute;
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
import java.util.Arrays;
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
        stubQuery(QueryApiTables.POPULATION_MARKER, QueryApiTables.populationTable(offline));

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
        assertThat(actual.fleetFindings()).isEqualTo(expected.fleetFindings());
        assertThat(actual.fleetFindings().cohortsComputed()).isTrue();
        stub.verify(4, postRequestedFor(urlEqualTo(PATH)));
    }

    /**
     * The cohort baseline from hub-population.kql: a simulated fleet with a buggy SDK version on every hub gives
     * the same cohorts, members and p-values through Log Analytics as through its exported file, with the
     * addresses no conflicting identity showed folded as the query folds them.
     */
    @Test
    void cohortsFromHubPopulationsEqualTheExportedFileCohorts() throws Exception {
        AnalysisSettings settings = AnalysisSettings.DEFAULTS;
        FleetProfile profile = FleetProfile.sample(78).withIdentitiesPerHub(1_500).withHours(2)
                .withCohort(FleetProfile.SdkCohort.buggySdk(0.05));
        EvidenceBatch offline = offlineBatch(profile, settings);
        Plan expected = new Analyzer(settings).analyze(offline);
        long now = offline.hubs().stream().mapToLong(HubActivity::toMillis).max().orElseThrow() + 1;
        long lookbackMillis = now - offline.hubs().stream().mapToLong(HubActivity::fromMillis).min().orElseThrow();
        stubQuery("affectedIdentities", QueryApiTables.affectedCount(offline.identities().size()));
        stubQuery("droppingIdentities = count()", QueryApiTables.fleetTable(offline));
        stubQuery("array_sort_desc", QueryApiTables.identityTable(offline.identities()));
        ObjectNode population = QueryApiTables.populationTable(offline);
        stubQuery(QueryApiTables.POPULATION_MARKER, population);

        EvidenceBatch batch = new LogAnalyticsEvidenceSource(runner(), Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC), 2000)
                .read(QueryParameters.of(settings, Duration.ofMillis(lookbackMillis), Instant.EPOCH, List.of(), List.of()));
        Plan actual = new Analyzer(settings).analyze(batch);

        assertThat(batch.input().skipped()).isEmpty();
        assertThat(population.toString()).as("some addresses are folded").contains("\"MASKED_IP\",\"\"");
        assertThat(batch.populations()).extracting(HubPopulation::identities)
                .isEqualTo(offline.populations().stream().map(HubPopulation::identities).toList());
        assertThat(expected.fleetFindings().cohorts()).extracting(c -> c.dimension().label() + " " + c.value())
                .contains("sdk-version azure-iot-device-client 2.5.1");
        assertThat(actual.fleetFindings()).isEqualTo(expected.fleetFindings());
        stub.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing(QueryApiTables.POPULATION_MARKER)
                .and(containing("let _devices = dynamic([]);")).and(containing("let _partitions = 1;"))));
    }

    @Test
    void aFailedOrBadPopulationLeavesCohortsNotComputedButTheEvidenceComplete() throws Exception {
        stubQuery("affectedIdentities", QueryApiTables.affectedCount(0));
        stubQuery("droppingIdentities = count()", QueryApiTables.table(QueryApiTables.FLEET_COLUMNS, List.of()));
        stubQuery("array_sort_desc", QueryApiTables.table(List.of("hub"), List.of()));
        stub.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing(QueryApiTables.POPULATION_MARKER))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"BadArgumentError\",\"message\":\"The request had some invalid properties\"}}")));
        QueryParameters params = new QueryParameters(Duration.ofHours(6), Instant.EPOCH, List.of(), List.of(),
                Duration.ofMinutes(5), Duration.ofSeconds(60), 256);
        EvidenceBatch failed = new LogAnalyticsEvidenceSource(runner(), Clock.systemUTC(), 2000).read(params);
        assertThat(failed.populations()).isEmpty();
        assertThat(failed.input().incompleteBecause()).isNull();
        assertThat(failed.input().warnings()).singleElement().asString().contains("cohorts not computed").contains("hub-population.kql");
        assertThat(new Analyzer(AnalysisSettings.DEFAULTS).analyze(failed).fleetFindings().cohortsComputed()).isFalse();

        stubQuery(QueryApiTables.POPULATION_MARKER, QueryApiTables.typedTable(QueryApiTables.POPULATION_COLUMNS,
                List.of("string", "string", "string", "long"), List.of(
                        List.of("hub-a", "IDENTITY_KIND", "device", 40), List.of("hub-a", "SDK_VERSION", "s/1", 30),
                        List.of("hub-a", "NO_SUCH_ATTRIBUTE", "x", 3), List.of("hub-a", "PROTOCOL", "", 3),
                        List.of("hub-a", "MASKED_IP", "", 12), Arrays.asList("hub-a", "AUTH_TYPE", "sas/device", null))));
        EvidenceBatch bad = new LogAnalyticsEvidenceSource(runner(), Clock.systemUTC(), 2000).read(params);
        assertThat(bad.input().skipped()).containsEntry("bad-population-row", 3L);
        assertThat(bad.populations()).singleElement().satisfies(pop -> {
            assertThat(pop.identities()).isEqualTo(40);
            assertThat(pop.identitiesWith(IdentityAttribute.SDK_VERSION)).isEqualTo(30);
            assertThat(pop.identitiesWith(IdentityAttribute.MASKED_IP)).isEqualTo(12);
            assertThat(pop.identitiesWith(IdentityAttribute.AUTH_TYPE)).isZero();
        });
    }

    @Test
    void partitionsWhenTheAffectedCountIsLargeAndFlagsPartialResults() throws Exception {
        stubQuery("affectedIdentities", QueryApiTables.table(List.of("affectedIdentities"), List.of(List.of(4500))));
        stubQuery("droppingIdentities = count()", QueryApiTables.table(List.of("hub", "binStart", "droppingIdentities", "platformIdentities"), List.of()));
        ObjectNode partial = QueryApiTables.table(List.of("hub"), List.of());
        partial.putObject("error").put("code", "PartialError").put("message", "There were some errors when processing your query.");
        stubQuery("array_sort_desc", partial);
        stubQuery(QueryApiTables.POPULATION_MARKER, QueryApiTables.table(QueryApiTables.POPULATION_COLUMNS, List.of()));

        LogAnalyticsEvidenceSource source = new LogAnalyticsEvidenceSource(runner(), Clock.systemUTC(), 2000);
        EvidenceBatch batch = source.read(new QueryParameters(Duration.ofHours(6), Instant.EPOCH, List.of("hub-a"), List.of(),
                Duration.ofMinutes(5), Duration.ofSeconds(60), 256));

        assertThat(batch.input().source()).contains("3 partitions").contains("4500 affected identities");
        assertThat(batch.input().incompleteBecause()).contains("identity-observations.kql partition 0/3").contains("PartialError");
        stub.verify(1 + 3 + 3 + 1, postRequestedFor(urlEqualTo(PATH)));
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
        stubQuery(QueryApiTables.POPULATION_MARKER, QueryApiTables.table(QueryApiTables.POPULATION_COLUMNS, List.of()));
        EvidenceBatch batch = new LogAnalyticsEvidenceSource(runner(), Clock.systemUTC(), 2000).read(new QueryParameters(
                Duration.ofHours(6), Instant.EPOCH, List.of(), List.of(), Duration.ofMinutes(5), Duration.ofSeconds(60), 256));
        assertThat(batch.identities()).isEmpty();
        assertThat(batch.input().skipped()).containsEntry("bad-identity-row", 1L).containsEntry("bad-fleet-bin-row", 1L);
    }

    @Test
    void aTargetedReadKeepsFleetActivityHubWideAndAsksForNoPopulations() {
        stubQuery("affectedIdentities", QueryApiTables.affectedCount(1));
        stubQuery("droppingIdentities = count()", QueryApiTables.table(List.of("hub", "binStart", "droppingIdentities", "platformIdentities"), List.of()));
        stubQuery("array_sort_desc", QueryApiTables.table(List.of("hub"), List.of()));
        stubQuery(QueryApiTables.POPULATION_MARKER, QueryApiTables.table(QueryApiTables.POPULATION_COLUMNS, List.of()));
        new LogAnalyticsEvidenceSource(runner(), Clock.systemUTC(), 2000).read(new QueryParameters(Duration.ofHours(6), Instant.EPOCH,
                List.of("hub-a"), List.of("pump-1"), Duration.ofMinutes(5), Duration.ofSeconds(60), 256));
        String devices = "let _devices = dynamic([\\\"pump-1\\\"]);";
        stub.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing("affectedIdentities").and(containing(devices))));
        stub.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing("droppingIdentities = count()")
                .and(containing("let _devices = dynamic([]);"))));
        stub.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing("array_sort_desc").and(containing(devices))));
        stub.verify(0, postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing(QueryApiTables.POPULATION_MARKER)));
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
