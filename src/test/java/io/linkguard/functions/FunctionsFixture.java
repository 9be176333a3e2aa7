package io.linkguard.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.linkguard.evidence.EvidenceBatch;
import io.linkguard.loganalytics.QueryApiTables;
import io.linkguard.loganalytics.RedirectingHttpClient;
import io.linkguard.pipeline.PlanExecutor;
import io.linkguard.pipeline.SimulatedEvidence;
import io.linkguard.bench.Azurite;
import io.linkguard.state.AzuriteQueue;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.models.QueueMessageItem;
import io.linkguard.telemetry.RecordingTelemetry;
import io.linkguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The Functions app against local stand-ins of its dependencies: a WireMock Log Analytics query API answering
 * with a simulated fleet's evidence (the real LogsQueryClient talks to it through a redirecting transport) and
 * a real Azurite for the state tables.
 */
final class FunctionsFixture implements AutoCloseable {
    static final String WORKSPACE = "11111111-2222-3333-4444-555555555555";
    static final String QUERY_PATH = "/v1/workspaces/" + WORKSPACE + "/query";
    static final String SUBSCRIPTION = "/subscriptions/0a1b2c3d-1111-2222-3333-444455556666/resourceGroups/rg-iot/providers/Microsoft.Devices/IotHubs/";
    static final EvidenceBatch FLEET = new SimulatedEvidence().batch;

    final WireMockServer logAnalytics = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    final Azurite azurite;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:15:00Z"));
    final RecordingTelemetry telemetry = new RecordingTelemetry();
    final String tablePrefix = Azurite.uniquePrefix();
    final TokenCredential credential = ctx -> Mono.just(new AccessToken("token", OffsetDateTime.now().plusHours(1)));
    final AzuriteQueue queues;
    final String queueName = AzuriteQueue.uniqueName();

    FunctionsFixture(Azurite azurite) {
        this(azurite, null);
    }

    /** With Azurite's Queue service too: the triggers' evaluation queue. */
    FunctionsFixture(Azurite azurite, AzuriteQueue queues) {
        this.azurite = azurite;
        this.queues = queues;
        logAnalytics.start();
        stubFleet();
    }

    /** The evaluation queue as the worker's queue trigger sees it (Base64 messages, as host.json says). */
    QueueClient evaluationQueue() {
        return new QueueClientBuilder().connectionString(queues.connectionString(azurite)).queueName(queueName)
                .messageEncoding(QueueMessageEncoding.BASE64).buildClient();
    }

    /**
     * Plays the host's queue trigger once: takes every visible message, runs {@link EvaluationWorkerFunction} on it
     * and deletes it when the invocation succeeded (a failed one becomes visible again after a second).
     *
     * @return the messages taken
     */
    int runWorker(LinkGuardRuntime runtime) {
        QueueClient queue = evaluationQueue();
        queue.createIfNotExists();
        int taken = 0;
        for (QueueMessageItem m : queue.receiveMessages(32, Duration.ofSeconds(1), null, null)) {
            taken++;
            try {
                new EvaluationWorkerFunction(() -> runtime).run(m.getBody().toString(), m.getDequeueCount(),
                        new TestContext("EvaluationWorker", "inv-worker-" + m.getMessageId()));
                queue.deleteMessage(m.getMessageId(), m.getPopReceipt());
            } catch (RuntimeException failed) {
                // left for the next delivery, as the host does
            }
        }
        return taken;
    }

    Map<String, String> settings() {
        Map<String, String> m = new HashMap<>();
        m.put("LINKGUARD_WORKSPACE_ID", WORKSPACE);
        m.put("LINKGUARD_HUB_RESOURCE_IDS", SUBSCRIPTION + "hub-a-77," + SUBSCRIPTION + "hub-b-77");
        m.put("LINKGUARD_SCHEDULE", "0 */5 * * * *");
        m.put("LINKGUARD_FLAP_THRESHOLD", "3");
        m.put("LINKGUARD_ALERT_MAX_IDENTITIES", "5");
        m.put("AzureWebJobsStorage", queues == null ? azurite.connectionString() : queues.connectionString(azurite));
        m.put("FUNCTIONS_WORKER_RUNTIME", "java");
        return m;
    }

    LinkGuardRuntime runtime() {
        return runtime(settings(), null);
    }

    LinkGuardRuntime runtime(Map<String, String> settings, Function<LinkGuardRuntime, PlanExecutor> executor) {
        LinkGuardRuntime.Builder b = LinkGuardRuntime.builder(LinkGuardConfig.fromSettings(settings)).clock(clock)
                .telemetry(telemetry).credential(credential).logsHttpClient(new RedirectingHttpClient(logAnalytics.port()))
                .queryRetryBaseDelay(Duration.ofMillis(10)).tableRetryBaseDelay(Duration.ofMillis(10)).tablePrefix(tablePrefix)
                .queueName(queueName);
        if (executor != null) {
            b.executor(executor);
        }
        return b.build();
    }

    /** The four queries answered with the simulated fleet (identities of every device, whatever the filter). */
    void stubFleet() {
        logAnalytics.resetAll();
        stub("affectedIdentities", QueryApiTables.affectedCount(FLEET.identities().size()));
        stub("droppingIdentities = count()", QueryApiTables.fleetTable(FLEET));
        stub("array_sort_desc", QueryApiTables.identityTable(FLEET.identities()));
        stub(QueryApiTables.POPULATION_MARKER, QueryApiTables.populationTable(FLEET));
    }

    void stub(String marker, ObjectNode body) {
        logAnalytics.stubFor(post(urlEqualTo(QUERY_PATH)).withRequestBody(containing(marker.replace("\"", "\\\"")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString())));
    }

    void failQueries(int status, String body) {
        logAnalytics.resetAll();
        logAnalytics.stubFor(post(urlEqualTo(QUERY_PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    List<String> queries() {
        return logAnalytics.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo(QUERY_PATH)))
                .stream().map(LoggedRequest::getBodyAsString).toList();
    }

    @Override
    public void close() {
        logAnalytics.stop();
    }
}
