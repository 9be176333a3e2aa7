package io.linkguard.loganalytics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.linkguard.logs.RawRow;
import io.linkguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Drives the real LogsQueryClient (auth, retry, rate-limit policies, JSON handling) against a WireMock
 * stub speaking the Log Analytics query REST API. The client keeps https://api.loganalytics.io/v1; the
 * {@link RedirectingHttpClient} transport sends each request to the stub instead.
 */
class MonitorQueryLogRunnerTest {

    private static final String TOKEN = "fake-token-7f3a";
    private static final String WORKSPACE = "11111111-2222-3333-4444-555555555555";
    private static final String QUERY_PATH = "/v1/workspaces/" + WORKSPACE + "/query";
    private static final String KQL = "AzureDiagnostics | where Category == \"Connections\" | take 10";

    private static WireMockServer stub;

    private final List<String> requestedScopes = new CopyOnWriteArrayList<>();
    private final TokenCredential credential = context -> {
        requestedScopes.addAll(context.getScopes());
        return Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
    };

    @BeforeAll
    static void startStub() {
        stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        stub.start();
    }

    @AfterAll
    static void stopStub() {
        stub.stop();
    }

    @BeforeEach
    void reset() {
        stub.resetAll();
    }

    private MonitorQueryLogRunner.Builder runner() {
        return MonitorQueryLogRunner.builder()
                .workspaceId(WORKSPACE)
                .credential(credential)
                .httpClient(new RedirectingHttpClient(stub.port()))
                .retryDelays(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    private static final String TYPED_TABLE = """
            {"tables":[{"name":"PrimaryResult",
              "columns":[
                {"name":"TimeGenerated","type":"datetime"},
                {"name":"DeviceId","type":"string"},
                {"name":"Drops","type":"long"},
                {"name":"Ratio","type":"real"},
                {"name":"Attempts","type":"int"},
                {"name":"Flapping","type":"bool"},
                {"name":"Props","type":"dynamic"},
                {"name":"Ips","type":"dynamic"},
                {"name":"ResultType","type":"string"}],
              "rows":[
                ["2024-05-01T10:00:00.1234567Z","dev-1",12345678901,0.25,42,true,
                 "{\\"protocol\\": \\"Mqtt\\", \\"note\\": \\"a b\\", \\"n\\": 1.10}",
                 "[\\"10.0.0.XXX\\", \\"10.0.1.XXX\\"]",""],
                ["2024-05-01T12:05:00+02:00",null,null,null,null,false,null,null,"409002"]
              ]}]}
            """;

    @Test
    void convertsTypedCellsToRawRowTextAndSendsTheRealRequest() {
        stub.stubFor(post(urlEqualTo(QUERY_PATH)).willReturn(json(200, TYPED_TABLE)));
        RedirectingHttpClient transport = new RedirectingHttpClient(stub.port());
        MonitorQueryLogRunner runner = runner().httpClient(transport).build(); // default server timeout

        QueryResult result = runner.run(KQL, Duration.ofHours(1));

        assertThat(result.isPartial()).isFalse();
        assertThat(result.rows()).hasSize(2);
        RawRow first = result.rows().get(0);
        assertThat(first.position()).isEqualTo(1);
        assertThat(first.get("TimeGenerated")).isEqualTo("2024-05-01T10:00:00.123456700Z");
        assertThat(first.get("DeviceId")).isEqualTo("dev-1");
        assertThat(first.get("Drops")).isEqualTo("12345678901");
        assertThat(first.get("Ratio")).isEqualTo("0.25");
        assertThat(first.get("Attempts")).isEqualTo("42");
        assertThat(first.get("Flapping")).isEqualTo("true");
        assertThat(first.get("Props")).isEqualTo("{\"protocol\":\"Mqtt\",\"note\":\"a b\",\"n\":1.10}");
        assertThat(first.get("Ips")).isEqualTo("[\"10.0.0.XXX\",\"10.0.1.XXX\"]");
        assertThat(first.get("ResultType")).isNull(); // empty string
        assertThat(first.get("NoSuchColumn")).isNull();

        RawRow second = result.rows().get(1);
        assertThat(second.position()).isEqualTo(2);
        assertThat(second.get("TimeGenerated")).isEqualTo("2024-05-01T10:05:00Z"); // normalised to UTC
        assertThat(second.get("DeviceId")).isNull();
        assertThat(second.get("Drops")).isNull();
        assertThat(second.get("Ratio")).isNull();
        assertThat(second.get("Flapping")).isEqualTo("false");
        assertThat(second.get("Props")).isNull();
        assertThat(second.get("ResultType")).isEqualTo("409002");

        // The request as the service would see it.
        assertThat(transport.lastOriginalUrl.toString()).isEqualTo("https://api.loganalytics.io" + QUERY_PATH);
        stub.verify(1, postRequestedFor(urlEqualTo(QUERY_PATH))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Prefer", containing("wait=180"))
                .withHeader("Content-Type", containing("application/json"))
                .withHeader("User-Agent", containing("linkguard"))
                .withRequestBody(matchingJsonPath("$.query", equalTo(KQL)))
                .withRequestBody(matchingJsonPath("$.timespan", equalTo("PT1H"))));
        assertThat(requestedScopes).containsOnly("https://api.loganalytics.io/.default");
    }

    @Test
    void emptyTableGivesNoRows() {
        stub.stubFor(post(urlEqualTo(QUERY_PATH)).willReturn(json(200, """
                {"tables":[{"name":"PrimaryResult","columns":[{"name":"DeviceId","type":"string"}],"rows":[]}]}
                """)));

        QueryResult result = runner().serverTimeout(Duration.ofSeconds(30)).build().run(KQL, Duration.ofMinutes(90));

        assertThat(result.rows()).isEmpty();
        assertThat(result.isPartial()).isFalse();
        stub.verify(postRequestedFor(urlEqualTo(QUERY_PATH))
                .withHeader("Prefer", containing("wait=30"))
                .withRequestBody(matchingJsonPath("$.timespan", equalTo("PT1H30M"))));
    }

    @Test
    void partialFailureKeepsTheRowsAndFlagsTheResult() {
        stub.stubFor(post(urlEqualTo(QUERY_PATH)).willReturn(json(200, """
                {"tables":[{"name":"PrimaryResult","columns":[{"name":"DeviceId","type":"string"}],
                            "rows":[["dev-1"],["dev-2"]]}],
                 "error":{"code":"PartialError","message":"There were some errors when processing your request.",
                          "details":[{"code":"EngineError","message":"Query result set has exceeded the internal limit",
                                      "innererror":{"code":"E_QUERY_RESULT_SET_TOO_LARGE","message":"too large"}}]}}
                """)));

        QueryResult result = runner().build().run(KQL, Duration.ofHours(1));

        assertThat(result.isPartial()).isTrue();
        assertThat(result.partialError())
                .isEqualTo("PartialError: There were some errors when processing your request.");
        assertThat(result.rows()).extracting(r -> r.get("DeviceId")).containsExactly("dev-1", "dev-2");
        stub.verify(1, postRequestedFor(anyUrl()));
    }

    @Test
    void throttledThenSuccessHonoursRetryAfter() {
        stub.stubFor(post(urlEqualTo(QUERY_PATH)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, """
                        {"error":{"code":"ThrottledError","message":"Your request was throttled"}}
                        """).withHeader("Retry-After", "1"))
                .willSetStateTo("ok"));
        stub.stubFor(post(urlEqualTo(QUERY_PATH)).inScenario("throttle").whenScenarioStateIs("ok")
                .willReturn(json(200, """
                        {"tables":[{"name":"PrimaryResult","columns":[{"name":"n","type":"long"}],"rows":[[7]]}]}
                        """)));

        long start = System.nanoTime();
        QueryResult result = runner().build().run(KQL, Duration.ofHours(1));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.rows()).singleElement().extracting(r -> r.get("n")).isEqualTo("7");
        stub.verify(2, postRequestedFor(urlEqualTo(QUERY_PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        // Retry-After: 1 beats the 10 ms back-off configured for tests.
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void serviceUnavailableThenSuccessIsRetried() {
        stub.stubFor(post(urlEqualTo(QUERY_PATH)).inScenario("503").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(503, "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"try later\"}}"))
                .willSetStateTo("ok"));
        stub.stubFor(post(urlEqualTo(QUERY_PATH)).inScenario("503").whenScenarioStateIs("ok")
                .willReturn(json(200, """
                        {"tables":[{"name":"PrimaryResult","columns":[{"name":"n","type":"long"}],"rows":[[1]]}]}
                        """)));

        QueryResult result = runner().build().run(KQL, Duration.ofHours(1));

        assertThat(result.rows()).hasSize(1);
        stub.verify(2, postRequestedFor(urlEqualTo(QUERY_PATH)));
    }

    @Test
    void persistentServerErrorFailsAfterTheRetries() {
        stub.stubFor(post(urlEqualTo(QUERY_PATH))
                .willReturn(json(500, "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"boom\"}}")));

        assertThatThrownBy(() -> runner().maxRetries(2).build().run(KQL, Duration.ofHours(1)))
                .isInstanceOf(LogQueryException.class)
                .hasMessageContaining(WORKSPACE)
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("InternalServerError: boom");
        stub.verify(3, postRequestedFor(urlEqualTo(QUERY_PATH)));
    }

    @Test
    void badQueryFailsAtOnceWithTheServiceMessage() {
        stub.stubFor(post(urlEqualTo(QUERY_PATH)).willReturn(json(400, """
                {"error":{"code":"BadArgumentError","message":"The request had some invalid properties",
                  "innererror":{"code":"SemanticError","message":"A semantic error occurred.",
                    "innererror":{"code":"SEM0100","message":"'where' operator: Failed to resolve column named 'Foo'"}}}}
                """)));

        assertThatThrownBy(() -> runner().build().run(KQL, Duration.ofHours(1)))
                .isInstanceOf(LogQueryException.class)
                .hasMessageContaining("Log Analytics workspace " + WORKSPACE)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("BadArgumentError: The request had some invalid properties")
                .hasMessageContaining("SEM0100: 'where' operator: Failed to resolve column named 'Foo'")
                .hasMessageNotContaining(TOKEN);
        stub.verify(1, postRequestedFor(anyUrl())); // no retry storm
    }

    @Test
    void errorWithEmptyTablesIsAFailure() {
        // The SDK's FAILURE status: an error and no tables.
        stub.stubFor(post(urlEqualTo(QUERY_PATH)).willReturn(json(200, """
                {"tables":[],"error":{"code":"QueryFailed","message":"the query could not run"}}
                """)));

        assertThatThrownBy(() -> runner().build().run(KQL, Duration.ofHours(1)))
                .isInstanceOf(LogQueryException.class)
                .hasMessageContaining(WORKSPACE)
                .hasMessageContaining("query failed: QueryFailed: the query could not run");
        stub.verify(1, postRequestedFor(anyUrl()));
    }

    @Test
    void unreadableSuccessResponseIsAFailure() {
        // Without "tables" the SDK cannot deserialize the body and throws HttpResponseException (200).
        stub.stubFor(post(urlEqualTo(QUERY_PATH)).willReturn(json(200, """
                {"error":{"code":"QueryFailed","message":"the query could not run"}}
                """)));

        assertThatThrownBy(() -> runner().build().run(KQL, Duration.ofHours(1)))
                .isInstanceOf(LogQueryException.class)
                .hasMessageContaining(WORKSPACE)
                .hasMessageContaining("HTTP 200")
                .hasMessageContaining("tables");
        stub.verify(1, postRequestedFor(anyUrl()));
    }

    @Test
    void slowServiceTimesOutWithoutRetrying() {
        stub.stubFor(post(urlEqualTo(QUERY_PATH)).willReturn(json(200, """
                {"tables":[{"name":"PrimaryResult","columns":[{"name":"n","type":"long"}],"rows":[[1]]}]}
                """).withFixedDelay(3_000)));
        MonitorQueryLogRunner runner = runner()
                .httpClient(new RedirectingHttpClient(stub.port(), Duration.ofMillis(500)))
                .build();

        long start = System.nanoTime();
        assertThatThrownBy(() -> runner.run(KQL, Duration.ofHours(1)))
                .isInstanceOf(LogQueryException.class)
                .hasMessageContaining(WORKSPACE)
                .hasMessageContaining("no response within the client timeout")
                .hasMessageNotContaining(TOKEN);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("gave up before the 3 s answer").isLessThan(Duration.ofMillis(3_000));
        stub.verify(1, postRequestedFor(anyUrl()));
    }

    @Test
    void resourceContextQueryUsesTheResourcePath() {
        String hub = "/subscriptions/0000-sub/resourceGroups/rg-iot/providers/Microsoft.Devices/IotHubs/hub-1";
        stub.stubFor(post(urlEqualTo("/v1" + hub + "/query")).willReturn(json(200, """
                {"tables":[{"name":"PrimaryResult","columns":[{"name":"DeviceId","type":"string"}],"rows":[["dev-9"]]}]}
                """)));
        MonitorQueryLogRunner runner = MonitorQueryLogRunner.builder()
                .resourceId(hub)
                .credential(credential)
                .httpClient(new RedirectingHttpClient(stub.port()))
                .build();

        QueryResult result = runner.run(KQL, Duration.ofHours(1));

        assertThat(result.rows()).singleElement().extracting(r -> r.get("DeviceId")).isEqualTo("dev-9");
        stub.verify(1, postRequestedFor(urlEqualTo("/v1" + hub + "/query"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(matchingJsonPath("$.query", equalTo(KQL))));
        assertThat(runner.target()).isEqualTo("Azure resource " + hub);
    }

    @Test
    void everyAttemptPassesTheSharedRateLimiter() {
        stub.stubFor(post(urlEqualTo(QUERY_PATH)).willReturn(json(200, """
                {"tables":[{"name":"PrimaryResult","columns":[{"name":"n","type":"long"}],"rows":[[1]]}]}
                """)));
        MutableClock clock = new MutableClock(Instant.EPOCH.plusSeconds(1));
        QueryRateLimiter limiter = new QueryRateLimiter(2, Duration.ofSeconds(30), clock);
        MonitorQueryLogRunner a = runner().rateLimiter(limiter).build();
        MonitorQueryLogRunner b = runner().rateLimiter(limiter).build();

        a.run(KQL, Duration.ofHours(1));
        b.run(KQL, Duration.ofHours(1));
        assertThat(clock.sleeps()).isEmpty();
        a.run(KQL, Duration.ofHours(1));

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(30));
        stub.verify(3, postRequestedFor(urlEqualTo(QUERY_PATH)));
    }

    @Test
    void builderInsistsOnOneTargetAndSaneLimits() {
        assertThatThrownBy(() -> MonitorQueryLogRunner.builder().credential(credential).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MonitorQueryLogRunner.builder().credential(credential)
                .workspaceId(WORKSPACE).resourceId("/subscriptions/x").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MonitorQueryLogRunner.builder().workspaceId(WORKSPACE).build())
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> runner().serverTimeout(Duration.ofMinutes(11)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> runner().maxRetries(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
