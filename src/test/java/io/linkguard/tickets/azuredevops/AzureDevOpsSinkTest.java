package io.linkguard.tickets.azuredevops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.linkguard.classification.Classification;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/** The Azure DevOps Boards sink against a stub that checks the REST 7.1 requests and answers as the service does. */
class AzureDevOpsSinkTest {
    private static final String PAT = "ado-pat-0123456789abcdefghij";
    private static final String PROJECT_PATH = "/contoso/Fleet%20Ops";
    @RegisterExtension
    static final SinkStub stub = SinkStub.perClass();
    private final ObjectMapper json = new ObjectMapper();
    private final Finding finding = Findings.shared();
    private final TicketRequest request = Findings.request(finding, "run-7", null, "tag written");
    private final TicketKey key = request.key();

    private AzureDevOpsSink sink() throws Exception {
        return AzureDevOpsSink.pat(stub.uri("/contoso"), "Fleet Ops", Secret.of(PAT), stub.options(),
                new AzureDevOpsSink.Fields("Issue", "Done", "To Do", "Fleet Ops\\IoT"));
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((":" + PAT).getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8; api-version=7.1")
                .withBody(body);
    }

    private String workItem(int id, String state, String tags) {
        return "{\"id\":" + id + ",\"rev\":3,\"fields\":{\"System.Id\":" + id + ",\"System.State\":\"" + state
                + "\",\"System.Tags\":\"" + tags + "\",\"System.CreatedDate\":\"2026-11-26T09:00:00.123Z\","
                + "\"System.ChangedDate\":\"2026-11-26T09:30:00.5Z\"},\"url\":\"" + stub.uri("/contoso/_apis/wit/workItems/" + id) + "\"}";
    }

    private TicketContent content(TicketContent.Event event) {
        return new TicketContent(event, key, TicketBodies.title(request), TicketBodies.opening(request, null), request);
    }

    @Test
    void findsOpenWorkItemsByTagWithWiqlAndChecksTheTagExactly() throws Exception {
        String tag = AzureDevOpsSink.tag(key);
        assertThat(tag).isEqualTo(key.value());
        stub.server.stubFor(post(urlPathEqualTo(PROJECT_PATH + "/_apis/wit/wiql")).willReturn(json(200,
                "{\"queryType\":\"flat\",\"queryResultType\":\"workItem\",\"asOf\":\"2026-11-26T10:00:00Z\","
                        + "\"columns\":[{\"referenceName\":\"System.Id\",\"name\":\"ID\"}],"
                        + "\"workItems\":[{\"id\":17,\"url\":\"x\"},{\"id\":18,\"url\":\"x\"},{\"id\":19,\"url\":\"x\"}]}")));
        stub.server.stubFor(get(urlPathEqualTo(PROJECT_PATH + "/_apis/wit/workitems")).willReturn(json(200,
                "{\"count\":3,\"value\":[" + workItem(17, "To Do", "linkguard; " + tag) + ","
                        + workItem(18, "Doing", "linkguard; " + tag + "-other") + ","
                        + workItem(19, "Done", "linkguard; " + tag) + "]}")));
        List<RemoteTicket> open = sink().findOpen(key);
        assertThat(open).extracting(RemoteTicket::reference).containsExactly("17");
        RemoteTicket t = open.get(0);
        assertThat(t.displayId()).isEqualTo("#17");
        assertThat(t.sequence()).isEqualTo(17);
        assertThat(t.url()).isEqualTo(stub.uri(PROJECT_PATH + "/_workitems/edit/17").toString());
        assertThat(t.created()).isEqualTo(Instant.parse("2026-11-26T09:00:00.123Z"));
        stub.server.verify(postRequestedFor(urlEqualTo(PROJECT_PATH + "/_apis/wit/wiql?api-version=7.1"))
                .withHeader("Authorization", equalTo(basic()))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"query\":\"SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project "
                        + "AND [System.Tags] CONTAINS '" + tag + "' AND [System.State] NOT IN ('Closed', 'Done', 'Removed', 'Resolved') "
                        + "ORDER BY [System.Id]\"}")));
        stub.server.verify(getRequestedFor(urlPathEqualTo(PROJECT_PATH + "/_apis/wit/workitems"))
                .withQueryParam("ids", equalTo("17,18,19"))
                .withQueryParam("fields", equalTo("System.Id,System.State,System.Tags,System.CreatedDate,System.ChangedDate"))
                .withQueryParam("errorPolicy", equalTo("omit"))
                .withQueryParam("api-version", equalTo("7.1")));
    }

    @Test
    void noWiqlHitMeansNoSecondRequest() throws Exception {
        stub.server.stubFor(post(urlPathEqualTo(PROJECT_PATH + "/_apis/wit/wiql")).willReturn(json(200,
                "{\"queryType\":\"flat\",\"workItems\":[]}")));
        assertThat(sink().findOpen(key)).isEmpty();
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void tagsStayDistinctForIdsThatDifferOnlyInCaseOrCarrySeparators() {
        Identity upper = new Identity("hub-a-42", "Pump-7", null);
        Identity lower = new Identity("hub-a-42", "pump-7", null);
        Identity comma = new Identity("hub-a-42", "a,b;c'd", null);
        String u = AzureDevOpsSink.tag(TicketKey.of(upper, Classification.SHARED_IDENTITY));
        String l = AzureDevOpsSink.tag(TicketKey.of(lower, Classification.SHARED_IDENTITY));
        String c = AzureDevOpsSink.tag(TicketKey.of(comma, Classification.SHARED_IDENTITY));
        assertThat(l).isEqualTo("linkguard:hub-a-42:pump-7:shared-identity");
        assertThat(u).matches("linkguard:hub-a-42:pump-7:shared-identity~[0-9a-f]{12}");
        assertThat(u.toLowerCase()).isNotEqualTo(l.toLowerCase());
        assertThat(c).doesNotContain(",").doesNotContain(";").contains("a_b_c'd");
        assertThat(AzureDevOpsSink.wiql(TicketKey.of(comma, Classification.SHARED_IDENTITY))).contains("'linkguard:hub-a-42:a_b_c''d:");
    }

    @Test
    void createsAWorkItemWithAJsonPatchDocument() throws Exception {
        stub.server.stubFor(post(urlPathEqualTo(PROJECT_PATH + "/_apis/wit/workitems/$Issue")).willReturn(json(200,
                workItem(21, "To Do", "linkguard; " + key.value()))));
        RemoteTicket t = sink().create(key, content(TicketContent.Event.OPENED));
        assertThat(t.reference()).isEqualTo("21");
        assertThat(t.open()).isTrue();
        LoggedRequest r = stub.requests().get(0);
        assertThat(r.getUrl()).isEqualTo(PROJECT_PATH + "/_apis/wit/workitems/$Issue?api-version=7.1");
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/json-patch+json");
        assertThat(r.getHeader("Authorization")).isEqualTo(basic());
        JsonNode patch = json.readTree(SinkStub.body(r));
        assertThat(patch).hasSize(4);
        assertThat(patch).allSatisfy(op -> assertThat(op.get("op").asText()).isEqualTo("add"));
        assertThat(patch.get(0).get("path").asText()).isEqualTo("/fields/System.Title");
        assertThat(patch.get(0).get("value").asText()).isEqualTo("[LinkGuard] shared-identity: " + finding.identity().display());
        assertThat(patch.get(1).get("path").asText()).isEqualTo("/fields/System.Description");
        assertThat(patch.get(1).get("value").asText()).startsWith("<p>LinkGuard classified device <code>")
                .contains("<h3>Recommended fix</h3>").contains("<pre><code>AzureDiagnostics").doesNotContain("**");
        assertThat(patch.get(2).get("path").asText()).isEqualTo("/fields/System.Tags");
        assertThat(patch.get(2).get("value").asText()).isEqualTo("linkguard; " + key.value());
        assertThat(patch.get(3).get("path").asText()).isEqualTo("/fields/System.AreaPath");
        assertThat(patch.get(3).get("value").asText()).isEqualTo("Fleet Ops\\IoT");
    }

    @Test
    void commentsStateChangesAndDuplicateLinks() throws Exception {
        stub.server.stubFor(post(urlPathEqualTo(PROJECT_PATH + "/_apis/wit/workItems/21/comments")).willReturn(json(200,
                "{\"workItemId\":21,\"id\":5012,\"version\":1,\"text\":\"x\",\"createdDate\":\"2026-11-26T10:00:00Z\"}")));
        stub.server.stubFor(patch(urlPathEqualTo(PROJECT_PATH + "/_apis/wit/workitems/21")).willReturn(json(200, workItem(21, "Done", "x"))));
        AzureDevOpsSink sink = sink();
        RemoteTicket t = new RemoteTicket("21", "#21", null, true, 21, null, null);
        RemoteTicket kept = new RemoteTicket("17", "#17", "https://x/_workitems/edit/17", true, 17, null, null);
        sink.update(t, new TicketContent(TicketContent.Event.UPDATED, key, "t", TicketBodies.update(request), request));
        sink.resolve(t, new TicketContent(TicketContent.Event.RESOLVED, key, "t", TicketBodies.resolution(request), request));
        sink.reopen(t, new TicketContent(TicketContent.Event.REOPENED, key, "t", TicketBodies.reopened(request), request));
        sink.closeAsDuplicate(t, kept, new TicketContent(TicketContent.Event.DUPLICATE, key, "t", TicketBodies.duplicate(request, kept), request));
        List<LoggedRequest> all = stub.requests();
        assertThat(all).hasSize(4);
        LoggedRequest comment = all.get(0);
        assertThat(comment.getUrl()).isEqualTo(PROJECT_PATH + "/_apis/wit/workItems/21/comments?api-version=7.1-preview.4");
        assertThat(comment.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(json.readTree(SinkStub.body(comment)).get("text").asText()).startsWith("<h3>Still happening (LinkGuard run run-7)</h3>");
        for (LoggedRequest r : all.subList(1, 4)) {
            assertThat(r.getMethod().getName()).isEqualTo("PATCH");
            assertThat(r.getUrl()).isEqualTo(PROJECT_PATH + "/_apis/wit/workitems/21?api-version=7.1");
            assertThat(r.getHeader("Content-Type")).isEqualTo("application/json-patch+json");
        }
        JsonNode close = json.readTree(SinkStub.body(all.get(1)));
        assertThat(close.toString()).startsWith("[{\"op\":\"add\",\"path\":\"/fields/System.State\",\"value\":\"Done\"},"
                + "{\"op\":\"add\",\"path\":\"/fields/System.History\",\"value\":\"<p>LinkGuard run <code>run-7</code>");
        JsonNode reopen = json.readTree(SinkStub.body(all.get(2)));
        assertThat(reopen.get(0).get("value").asText()).isEqualTo("To Do");
        JsonNode dup = json.readTree(SinkStub.body(all.get(3)));
        assertThat(dup).hasSize(3);
        assertThat(dup.get(2).get("path").asText()).isEqualTo("/relations/-");
        assertThat(dup.get(2).get("value").get("rel").asText()).isEqualTo("System.LinkTypes.Duplicate-Reverse");
        assertThat(dup.get(2).get("value").get("url").asText()).isEqualTo(stub.uri("/contoso/_apis/wit/workItems/17").toString());
        assertThat(dup.get(1).get("value").asText()).contains("Duplicate of #17");
    }

    @Test
    void getReadsOneWorkItemAndMissingOnesAreEmpty() throws Exception {
        stub.server.stubFor(get(urlPathEqualTo(PROJECT_PATH + "/_apis/wit/workitems/17")).willReturn(json(200, workItem(17, "Done", "x"))));
        stub.server.stubFor(get(urlPathEqualTo(PROJECT_PATH + "/_apis/wit/workitems/18")).willReturn(json(404,
                "{\"$id\":\"1\",\"innerException\":null,\"message\":\"TF401232: Work item 18 does not exist, or you do not have permissions to read it.\",\"typeKey\":\"WorkItemUnauthorizedAccessException\",\"errorCode\":0}")));
        AzureDevOpsSink sink = sink();
        assertThat(sink.get("17")).get().satisfies(t -> assertThat(t.open()).isFalse());
        assertThat(sink.get("18")).isEmpty();
        assertThat(sink.get("INC0001")).isEmpty();
        stub.server.verify(getRequestedFor(urlPathEqualTo(PROJECT_PATH + "/_apis/wit/workitems/17"))
                .withQueryParam("fields", equalTo(AzureDevOpsSink.READ_FIELDS)).withQueryParam("api-version", equalTo("7.1")));
    }

    @Test
    void aRefusedPatGetsASignInPageAndAMissingProjectA404BothMisconfigured() throws Exception {
        stub.server.stubFor(post(urlPathEqualTo(PROJECT_PATH + "/_apis/wit/wiql")).willReturn(aResponse().withStatus(203)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody("<html><head><title>Azure DevOps Services | Sign In</title></head></html>")));
        assertThatThrownBy(() -> sink().findOpen(key)).isInstanceOf(TicketSinkException.class)
                .hasMessageContaining("HTTP 203").hasMessageContaining("sign-in page")
                .satisfies(e -> assertThat(((TicketSinkException) e).kind()).isEqualTo(TicketSinkException.Kind.MISCONFIGURED));
        stub.server.resetAll();
        stub.server.stubFor(post(urlPathEqualTo(PROJECT_PATH + "/_apis/wit/wiql")).willReturn(json(404,
                "{\"$id\":\"1\",\"innerException\":null,\"message\":\"TF200016: The following project does not exist: Fleet Ops.\",\"typeKey\":\"ProjectDoesNotExistException\",\"errorCode\":0,\"eventId\":3000}")));
        assertThatThrownBy(() -> sink().findOpen(key)).hasMessageContaining("TF200016")
                .satisfies(e -> assertThat(((TicketSinkException) e).kind()).isEqualTo(TicketSinkException.Kind.MISCONFIGURED));
    }

    @Test
    void throttlingAndAnInvalidStateMapToTheirKinds() throws Exception {
        stub.server.stubFor(post(urlPathEqualTo(PROJECT_PATH + "/_apis/wit/wiql")).willReturn(json(429,
                "{\"message\":\"Request was blocked due to exceeding usage of resource 'WorkItemTrackingResource'\"}")
                .withHeader("Retry-After", "12").withHeader("X-RateLimit-Resource", "WorkItemTrackingResource")));
        assertThatThrownBy(() -> sink().findOpen(key)).satisfies(e -> {
            TicketSinkException t = (TicketSinkException) e;
            assertThat(t.kind()).isEqualTo(TicketSinkException.Kind.RATE_LIMITED);
            assertThat(t.retryAfter()).contains(java.time.Duration.ofSeconds(12));
        });
        stub.server.stubFor(patch(urlPathEqualTo(PROJECT_PATH + "/_apis/wit/workitems/21")).willReturn(json(400,
                "{\"message\":\"TF401320: Rule Error for field State. Error code: Required, InvalidListValue.\",\"typeKey\":\"RuleValidationException\"}")));
        RemoteTicket t = new RemoteTicket("21", "#21", null, true, 21, null, null);
        assertThatThrownBy(() -> sink().resolve(t, content(TicketContent.Event.RESOLVED))).hasMessageContaining("TF401320")
                .satisfies(e -> assertThat(((TicketSinkException) e).kind()).isEqualTo(TicketSinkException.Kind.REJECTED));
    }

    @Test
    void entraIdTokenIsABearerForTheAzureDevOpsResource() throws Exception {
        AtomicInteger tokens = new AtomicInteger();
        List<String> scopes = new java.util.concurrent.CopyOnWriteArrayList<>();
        TokenCredential credential = ctx -> {
            scopes.addAll(ctx.getScopes());
            return Mono.just(new AccessToken("entra-token-" + tokens.incrementAndGet(), OffsetDateTime.parse("2026-11-26T11:00:00Z")));
        };
        stub.server.stubFor(post(urlPathEqualTo(PROJECT_PATH + "/_apis/wit/wiql")).willReturn(json(200, "{\"workItems\":[]}")));
        AzureDevOpsSink sink = AzureDevOpsSink.entraId(stub.uri("/contoso"), "Fleet Ops", credential, stub.options(),
                AzureDevOpsSink.Fields.DEFAULTS);
        sink.findOpen(key);
        sink.findOpen(key);
        assertThat(scopes).containsOnly("499b84ac-1321-427f-aa17-267ca6975798/.default");
        stub.server.verify(2, postRequestedFor(urlPathEqualTo(PROJECT_PATH + "/_apis/wit/wiql"))
                .withHeader("Authorization", equalTo("Bearer entra-token-1")));
        stub.clock.set(Instant.parse("2026-11-26T10:56:00Z"));
        sink.findOpen(key);
        stub.server.verify(postRequestedFor(urlPathEqualTo(PROJECT_PATH + "/_apis/wit/wiql"))
                .withHeader("Authorization", equalTo("Bearer entra-token-2")));
        stub.clock.set(Instant.parse("2026-11-26T10:00:00Z"));
    }

    @Test
    void anUnavailableManagedIdentityIsAMisconfiguration() throws Exception {
        TokenCredential none = ctx -> Mono.error(new IllegalStateException("ManagedIdentityCredential authentication unavailable"));
        AzureDevOpsSink sink = AzureDevOpsSink.entraId(stub.uri("/contoso"), "Fleet Ops", none, stub.options(),
                AzureDevOpsSink.Fields.DEFAULTS);
        assertThatThrownBy(() -> sink.findOpen(key)).hasMessageContaining("Entra ID token")
                .satisfies(e -> assertThat(((TicketSinkException) e).kind()).isEqualTo(TicketSinkException.Kind.MISCONFIGURED));
        assertThat(stub.requests()).isEmpty();
    }
}
