package io.linkguard.tickets.servicenow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.linkguard.evidence.Identity;
import io.linkguard.plan.Finding;
import io.linkguard.tickets.Findings;
import io.linkguard.tickets.RemoteTicket;
import io.linkguard.tickets.Secret;
import io.linkguard.tickets.SinkStub;
import io.linkguard.tickets.TicketBodies;
import io.linkguard.tickets.TicketContent;
import io.linkguard.tickets.TicketKey;
import io.linkguard.tickets.TicketRequest;
import io.linkguard.tickets.TicketSinkException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ServiceNow sink against a stub that checks what the Table API expects and answers as it does. */
class ServiceNowSinkTest {
    private static final String PASSWORD = "S3cret-pa55word!";
    private static final String SYS_ID = "9d385017c611228701d22104cc95c371";
    private static final String OTHER_SYS_ID = "46b66a40a9fe198101f243dfbc79033d";
    @RegisterExtension
    static final SinkStub stub = SinkStub.perClass();
    private final ObjectMapper json = new ObjectMapper();
    private final Finding finding = Findings.shared();
    private final TicketRequest request = Findings.request(finding, "run-7", null, "tag written", "back-off sent, acknowledged");
    private final TicketKey key = request.key();

    private ServiceNowSink sink() throws Exception {
        return ServiceNowSink.basic(stub.uri("/"), "linkguard.integration", Secret.of(PASSWORD), stub.options(),
                new ServiceNowSink.Fields("IoT Operations", 2, 3, "6", "2", "Solution provided", "Duplicate",
                        "Resolved by LinkGuard."));
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("linkguard.integration:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body);
    }

    /** An open incident is In Progress (2); a closed one Closed (7), the only states with active=false besides Canceled (8). */
    private String incident(String sysId, String number, boolean open, String correlation) {
        return incident(sysId, number, open ? "2" : "7", correlation);
    }

    private String incident(String sysId, String number, String state, String correlation) {
        boolean active = !state.equals("7") && !state.equals("8");
        return "{\"sys_id\":\"" + sysId + "\",\"number\":\"" + number + "\",\"active\":\"" + active + "\",\"state\":\""
                + state + "\",\"correlation_id\":\"" + correlation
                + "\",\"sys_created_on\":\"2026-11-26 09:00:00\",\"sys_updated_on\":\"2026-11-26 09:30:00\"}";
    }

    private TicketContent content(TicketContent.Event event) {
        return new TicketContent(event, key, TicketBodies.title(request), TicketBodies.opening(request, null),
                TicketBodies.appendix(request), request);
    }

    @Test
    void findsOpenIncidentsByCorrelationId() throws Exception {
        stub.server.stubFor(get(urlPathEqualTo("/api/now/table/incident")).willReturn(json(200, "{\"result\":["
                + incident(SYS_ID, "INC0010001", true, key.value()) + ","
                + incident(OTHER_SYS_ID, "INC0010002", true, key.value() + "-other") + "]}")));
        List<RemoteTicket> open = sink().findOpen(key);
        assertThat(open).hasSize(1);
        RemoteTicket t = open.get(0);
        assertThat(t.reference()).isEqualTo(SYS_ID);
        assertThat(t.displayId()).isEqualTo("INC0010001");
        assertThat(t.sequence()).isEqualTo(10001);
        assertThat(t.open()).isTrue();
        assertThat(t.created()).isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
        assertThat(t.updated()).isEqualTo(Instant.parse("2026-11-26T09:30:00Z"));
        assertThat(t.url()).isEqualTo(stub.uri("/incident.do?sys_id=" + SYS_ID).toString());
        stub.server.verify(getRequestedFor(urlPathEqualTo("/api/now/table/incident"))
                .withQueryParam("sysparm_query", equalTo("correlation_id=" + key.value() + "^active=true^stateNOT IN6,7,8^ORDERBYsys_created_on"))
                .withQueryParam("sysparm_fields", equalTo(ServiceNowSink.FIELDS))
                .withQueryParam("sysparm_limit", equalTo("20"))
                .withQueryParam("sysparm_exclude_reference_link", equalTo("true"))
                .withHeader("Authorization", equalTo(basic()))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void createsAnIncidentWithEveryField() throws Exception {
        stub.server.stubFor(post(urlPathEqualTo("/api/now/table/incident"))
                .willReturn(json(201, "{\"result\":" + incident(SYS_ID, "INC0010001", true, key.value()) + "}")));
        stub.server.stubFor(patch(urlPathEqualTo("/api/now/table/incident/" + SYS_ID)).willReturn(json(200,
                "{\"result\":{\"sys_id\":\"" + SYS_ID + "\"}}")));
        RemoteTicket t = sink().create(key, content(TicketContent.Event.OPENED));
        assertThat(t.reference()).isEqualTo(SYS_ID);
        List<LoggedRequest> all = stub.requests();
        LoggedRequest r = all.stream().filter(q -> q.getMethod().getName().equals("POST")).findFirst().orElseThrow();
        List<String> notes = new java.util.ArrayList<>();
        for (LoggedRequest q : all) {
            if (q.getMethod().getName().equals("PATCH")) {
                notes.add(json.readTree(SinkStub.body(q)).get("work_notes").asText());
            }
        }
        assertThat(notes).isNotEmpty().allSatisfy(n -> assertThat(n).hasSizeLessThanOrEqualTo(ServiceNowSink.TEXT_LIMIT));
        assertThat(String.join("\n", notes)).contains("order by connects desc").contains("Timeline excerpt (latest 20 events, UTC)");
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(r.getHeader("Authorization")).isEqualTo(basic());
        assertThat(r.queryParameter("sysparm_fields").firstValue()).isEqualTo(ServiceNowSink.FIELDS);
        JsonNode body = json.readTree(SinkStub.body(r));
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("short_description", "description", "urgency", "impact",
                "correlation_id", "correlation_display", "assignment_group");
        assertThat(body.get("short_description").asText()).isEqualTo("[LinkGuard] shared-identity: " + finding.identity().display());
        assertThat(body.get("urgency").asText()).isEqualTo("2");
        assertThat(body.get("impact").asText()).isEqualTo("3");
        assertThat(body.get("assignment_group").asText()).isEqualTo("IoT Operations");
        assertThat(body.get("correlation_id").asText()).isEqualTo(key.value());
        assertThat(body.get("correlation_display").asText()).isEqualTo("LinkGuard");
        String description = body.get("description").asText();
        assertThat(description).hasSizeLessThanOrEqualTo(ServiceNowSink.TEXT_LIMIT)
                .contains("shared-identity").contains("Recommended fix\n---------------")
                .contains("back-off sent, acknowledged").endsWith("[continued in the next note]")
                .doesNotContain("**").doesNotContain("<p>");
    }

    @Test
    void workNotesResolveReopenAndDuplicateArePatches() throws Exception {
        stub.server.stubFor(patch(urlPathEqualTo("/api/now/table/incident/" + SYS_ID)).willReturn(json(200,
                "{\"result\":{\"sys_id\":\"" + SYS_ID + "\"}}")));
        ServiceNowSink sink = sink();
        RemoteTicket t = new RemoteTicket(SYS_ID, "INC0010001", null, true, 10001, null, null);
        RemoteTicket kept = new RemoteTicket(OTHER_SYS_ID, "INC0009999", "https://x/incident.do", true, 9999, null, null);
        TicketRequest r = request;
        sink.update(t, new TicketContent(TicketContent.Event.UPDATED, key, "t", TicketBodies.update(r), r));
        sink.resolve(t, new TicketContent(TicketContent.Event.RESOLVED, key, "t", TicketBodies.resolution(r), r));
        sink.reopen(t, new TicketContent(TicketContent.Event.REOPENED, key, "t", TicketBodies.reopened(r), r));
        sink.closeAsDuplicate(t, kept, new TicketContent(TicketContent.Event.DUPLICATE, key, "t", TicketBodies.duplicate(r, kept), r));
        List<LoggedRequest> all = stub.requests();
        assertThat(all).hasSize(5).allSatisfy(q -> {
            assertThat(q.getMethod().getName()).isEqualTo("PATCH");
            assertThat(q.getUrl()).isEqualTo("/api/now/table/incident/" + SYS_ID + "?sysparm_fields=sys_id");
            assertThat(q.getHeader("Content-Type")).isEqualTo("application/json");
        });
        JsonNode note = json.readTree(SinkStub.body(all.get(0)));
        assertThat(fieldNames(note)).containsExactly("work_notes");
        assertThat(note.get("work_notes").asText()).contains("Still happening (LinkGuard run run-7)");
        JsonNode resolve = json.readTree(SinkStub.body(all.get(1)));
        assertThat(resolve.get("state").asText()).isEqualTo("6");
        assertThat(resolve.get("close_code").asText()).isEqualTo("Solution provided");
        assertThat(resolve.get("close_notes").asText()).startsWith("Resolved by LinkGuard.\n\n")
                .contains("saw no more connection conflicts");
        JsonNode reopen = json.readTree(SinkStub.body(all.get(2)));
        assertThat(reopen.get("state").asText()).isEqualTo("2");
        assertThat(reopen.get("work_notes").asText()).contains("The problem is back").endsWith("[continued in the next note]");
        JsonNode continued = json.readTree(SinkStub.body(all.get(3)));
        assertThat(fieldNames(continued)).containsExactly("work_notes");
        assertThat(continued.get("work_notes").asText()).contains("order by connects desc");
        JsonNode dup = json.readTree(SinkStub.body(all.get(4)));
        assertThat(dup.get("close_code").asText()).isEqualTo("Duplicate");
        assertThat(dup.get("parent_incident").asText()).isEqualTo(OTHER_SYS_ID);
        assertThat(dup.get("close_notes").asText()).contains("Duplicate of INC0009999").contains("https://x/incident.do");
    }

    @Test
    void getReadsOneIncidentAndMissingOnesAreEmpty() throws Exception {
        stub.server.stubFor(get(urlPathEqualTo("/api/now/table/incident/" + SYS_ID)).willReturn(json(200,
                "{\"result\":" + incident(SYS_ID, "INC0010001", false, key.value()) + "}")));
        stub.server.stubFor(get(urlPathEqualTo("/api/now/table/incident/" + OTHER_SYS_ID)).willReturn(json(404,
                "{\"error\":{\"message\":\"No Record found\",\"detail\":\"Record doesn't exist or ACL restricts the record retrieval\"},\"status\":\"failure\"}")));
        ServiceNowSink sink = sink();
        assertThat(sink.get(SYS_ID)).get().satisfies(t -> assertThat(t.open()).isFalse());
        assertThat(sink.get(OTHER_SYS_ID)).isEmpty();
        assertThat(sink.get("not-a-sys-id")).isEmpty();
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void openOrClosedIsDecidedByStateAndOnlyResolvedIncidentsCanBeReopened() throws Exception {
        String[][] cases = {{"1", "true", "true"}, {"2", "true", "true"}, {"3", "true", "true"}, {"6", "false", "true"},
                {"7", "false", "false"}, {"8", "false", "false"}};
        ServiceNowSink sink = sink();
        for (String[] c : cases) {
            stub.server.stubFor(get(urlPathEqualTo("/api/now/table/incident/" + SYS_ID)).willReturn(json(200,
                    "{\"result\":" + incident(SYS_ID, "INC0010001", c[0], key.value()) + "}")));
            RemoteTicket t = sink.get(SYS_ID).orElseThrow();
            assertThat(t.open()).as("state %s open", c[0]).isEqualTo(Boolean.parseBoolean(c[1]));
            assertThat(t.reopenable()).as("state %s reopenable", c[0]).isEqualTo(Boolean.parseBoolean(c[2]));
        }
        stub.server.stubFor(get(urlPathEqualTo("/api/now/table/incident")).willReturn(json(200, "{\"result\":["
                + incident(SYS_ID, "INC0010001", "6", key.value()) + "]}")));
        assertThat(sink.findOpen(key)).as("a Resolved incident the instance returned anyway is not open").isEmpty();
    }

    @Test
    void keysLongerThanCorrelationIdUseTheirFingerprint() throws Exception {
        Identity longId = new Identity("hub-a-42", "d".repeat(120), "m".repeat(60));
        TicketKey longKey = TicketKey.of(longId, finding.verdict().classification());
        assertThat(longKey.value().length()).isGreaterThan(100);
        String correlation = ServiceNowSink.correlationId(longKey);
        assertThat(correlation).hasSize(81).startsWith("linkguard:sha256:").isEqualTo("linkguard:sha256:" + longKey.fingerprint());
        stub.server.stubFor(get(urlPathEqualTo("/api/now/table/incident")).willReturn(json(200, "{\"result\":["
                + incident(SYS_ID, "INC0010001", true, correlation) + "]}")));
        assertThat(sink().findOpen(longKey)).hasSize(1);
        TicketKey odd = TicketKey.of(new Identity("hub-a-42", "a=b!c@d", null), finding.verdict().classification());
        assertThat(ServiceNowSink.correlationId(odd)).isEqualTo("linkguard:sha256:" + odd.fingerprint());
        stub.server.verify(getRequestedFor(urlPathEqualTo("/api/now/table/incident"))
                .withQueryParam("sysparm_query", equalTo("correlation_id=" + correlation + "^active=true^stateNOT IN6,7,8^ORDERBYsys_created_on")));
    }

    @Test
    void oauthClientCredentialsTokenIsFetchedOnceAndSentAsBearer() throws Exception {
        String clientSecret = "oauth-client-secret-4711";
        stub.server.stubFor(post(urlEqualTo("/oauth_token.do")).willReturn(json(200,
                "{\"access_token\":\"tok-abc-123456\",\"scope\":\"useraccount\",\"token_type\":\"Bearer\",\"expires_in\":1799}")));
        stub.server.stubFor(get(urlPathEqualTo("/api/now/table/incident")).willReturn(json(200, "{\"result\":[]}")));
        ServiceNowSink sink = ServiceNowSink.oauth(stub.uri(""), "client-1", Secret.of(clientSecret), stub.options(),
                ServiceNowSink.Fields.DEFAULTS);
        sink.findOpen(key);
        sink.findOpen(key);
        stub.server.verify(1, postRequestedFor(urlEqualTo("/oauth_token.do"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("grant_type=client_credentials&client_id=client-1&client_secret=" + clientSecret)));
        stub.server.verify(2, getRequestedFor(urlPathEqualTo("/api/now/table/incident"))
                .withHeader("Authorization", equalTo("Bearer tok-abc-123456")));
        stub.clock.advance(Duration.ofMinutes(29));
        sink.findOpen(key);
        stub.server.verify(2, postRequestedFor(urlEqualTo("/oauth_token.do")));
    }

    @Test
    void refusedOauthClientIsAMisconfiguration() throws Exception {
        stub.server.stubFor(post(urlEqualTo("/oauth_token.do")).willReturn(json(401,
                "{\"error_description\":\"access_denied\",\"error\":\"server_error\"}")));
        ServiceNowSink sink = ServiceNowSink.oauth(stub.uri(""), "client-1", Secret.of("oauth-client-secret-4711"),
                stub.options(), ServiceNowSink.Fields.DEFAULTS);
        assertThatThrownBy(() -> sink.findOpen(key)).isInstanceOf(TicketSinkException.class)
                .satisfies(e -> assertThat(((TicketSinkException) e).kind()).isEqualTo(TicketSinkException.Kind.MISCONFIGURED))
                .hasMessageContaining("HTTP 401").hasMessageNotContaining("oauth-client-secret-4711");
    }

    @Test
    void oauthGrantRefusedWith400IsAMisconfigurationNotARejectedTicket() throws Exception {
        stub.server.stubFor(post(urlEqualTo("/oauth_token.do")).willReturn(json(400,
                "{\"error_description\":\"unsupported grant type\",\"error\":\"unsupported_grant_type\"}")));
        ServiceNowSink sink = ServiceNowSink.oauth(stub.uri(""), "client-1", Secret.of("oauth-client-secret-4711"),
                stub.options(), ServiceNowSink.Fields.DEFAULTS);
        assertThatThrownBy(() -> sink.findOpen(key)).isInstanceOf(TicketSinkException.class)
                .satisfies(e -> assertThat(((TicketSinkException) e).kind()).isEqualTo(TicketSinkException.Kind.MISCONFIGURED))
                .hasMessageContaining("OAuth token: HTTP 400").hasMessageContaining("unsupported_grant_type")
                .hasMessageContaining("client credentials grant is not enabled");
        stub.server.verify(0, getRequestedFor(urlPathEqualTo("/api/now/table/incident")));
    }

    @Test
    void statusesMapToFailureKinds() throws Exception {
        assertFailure(json(401, "{\"error\":{\"message\":\"User Not Authenticated\",\"detail\":\"Required to provide Auth information\"},\"status\":\"failure\"}"),
                TicketSinkException.Kind.MISCONFIGURED, "HTTP 401 (User Not Authenticated: Required to provide Auth information)");
        assertFailure(json(403, "{\"error\":{\"message\":\"Operation Failed\",\"detail\":\"ACL Exception Insert Failed due to security constraints\"},\"status\":\"failure\"}"),
                TicketSinkException.Kind.MISCONFIGURED, "ACL Exception");
        assertFailure(json(400, "{\"error\":{\"message\":\"Invalid table\"},\"status\":\"failure\"}"),
                TicketSinkException.Kind.REJECTED, "Invalid table");
        assertFailure(json(503, "<html>Service Unavailable</html>"), TicketSinkException.Kind.TRANSIENT, "HTTP 503");
        TicketSinkException limited = assertFailure(json(429, "{\"error\":{\"message\":\"Rate limit exceeded\"}}")
                .withHeader("Retry-After", "30"), TicketSinkException.Kind.RATE_LIMITED, "HTTP 429");
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(30));
        assertFailure(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Your instance is hibernating</body></html>"), TicketSinkException.Kind.TRANSIENT, "not JSON");
        assertFailure(aResponse().withStatus(302).withHeader("Location", "https://login.example/"),
                TicketSinkException.Kind.MISCONFIGURED, "redirected");
    }

    @Test
    void aSlowInstanceTimesOut() throws Exception {
        stub.server.stubFor(get(urlPathEqualTo("/api/now/table/incident")).willReturn(json(200, "{\"result\":[]}")
                .withFixedDelay(1500)));
        ServiceNowSink sink = ServiceNowSink.basic(stub.uri(""), "u", Secret.of(PASSWORD), stub.options(Duration.ofMillis(300)),
                ServiceNowSink.Fields.DEFAULTS);
        assertThatThrownBy(() -> sink.findOpen(key)).isInstanceOf(TicketSinkException.class)
                .hasMessageContaining("no answer within")
                .satisfies(e -> assertThat(((TicketSinkException) e).kind()).isEqualTo(TicketSinkException.Kind.TRANSIENT));
    }

    @Test
    void secretsEchoedByTheServiceNeverReachTheMessage() throws Exception {
        String b64 = basic().substring("Basic ".length());
        stub.server.stubFor(get(urlPathEqualTo("/api/now/table/incident")).willReturn(json(400,
                "{\"error\":{\"message\":\"bad password " + PASSWORD + "\",\"detail\":\"header was " + b64 + "\"}}")));
        assertThatThrownBy(() -> sink().findOpen(key)).isInstanceOf(TicketSinkException.class)
                .hasMessageContaining("bad password ***").hasMessageNotContaining(PASSWORD).hasMessageNotContaining(b64);
        assertThat(sink().toString()).doesNotContain(PASSWORD);
    }

    @Test
    void plainHttpIsRefused() {
        assertThatThrownBy(() -> ServiceNowSink.basic(java.net.URI.create("http://acme.service-now.com"), "u",
                Secret.of(PASSWORD), stub.options(), ServiceNowSink.Fields.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    }

    private TicketSinkException assertFailure(ResponseDefinitionBuilder response, TicketSinkException.Kind kind, String text) throws Exception {
        stub.server.resetAll();
        stub.server.stubFor(get(urlPathEqualTo("/api/now/table/incident")).willReturn(response));
        try {
            sink().findOpen(key);
        } catch (TicketSinkException e) {
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
            assertThat(e.getMessage()).startsWith("servicenow find open incidents: ").contains(text);
            return e;
        }
        throw new AssertionError("no failure for " + kind);
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
