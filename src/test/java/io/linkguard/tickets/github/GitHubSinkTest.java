package io.linkguard.tickets.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
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
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The GitHub Issues sink against a stub that checks the REST requests and answers as api.github.com does. */
class GitHubSinkTest {
    private static final String TOKEN = "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz";
    private static final String REPO = "contoso/fleet-ops";
    @RegisterExtension
    static final SinkStub stub = SinkStub.perClass();
    private final ObjectMapper json = new ObjectMapper();
    private final Finding finding = Findings.shared();
    private final TicketRequest request = Findings.request(finding, "run-7", null, "tag written");
    private final TicketKey key = request.key();
    private final String label = GitHubSink.fingerprintLabel(key);

    private GitHubSink sink() throws Exception {
        return GitHubSink.create(stub.uri("/api/v3"), REPO, Secret.of(TOKEN), List.of("iot"), stub.options());
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "4999").withBody(body);
    }

    private String issue(int number, String state, String labels, String body) {
        return "{\"url\":\"https://api.github.com/repos/" + REPO + "/issues/" + number + "\",\"html_url\":\"https://github.com/"
                + REPO + "/issues/" + number + "\",\"number\":" + number + ",\"state\":\"" + state + "\",\"title\":\"t\","
                + "\"labels\":[" + labels + "],\"body\":" + json.valueToTree(body) + ","
                + "\"created_at\":\"2026-11-26T09:00:00Z\",\"updated_at\":\"2026-11-26T09:30:00Z\"}";
    }

    private String labels(String... names) {
        StringBuilder s = new StringBuilder();
        for (String n : names) {
            s.append(s.isEmpty() ? "" : ",").append("{\"id\":1,\"name\":\"").append(n).append("\",\"color\":\"ededed\"}");
        }
        return s.toString();
    }

    /**
     * The issues advanced search (GET /search/issues with advanced_search=true; GitHub REST "Search issues and pull
     * requests", changelog 2025-03-06): only that form is answered, the deprecated legacy form is not stubbed.
     */
    private void stubSearch(String items) {
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/search/issues")).withQueryParam("advanced_search", equalTo("true"))
                .willReturn(json(200,
                "{\"total_count\":0,\"incomplete_results\":false,\"items\":[" + items + "]}")));
    }

    private void assertGitHubHeaders(LoggedRequest r) {
        assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(r.getHeader("Accept")).isEqualTo("application/vnd.github+json");
        assertThat(r.getHeader("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        assertThat(r.getHeader("User-Agent")).isEqualTo("LinkGuard");
    }

    @Test
    void findsOpenIssuesByFingerprintLabelAndBySearch() throws Exception {
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/repos/" + REPO + "/issues")).willReturn(json(200, "["
                + issue(42, "open", labels("linkguard", label), "body") + ","
                + "{\"number\":43,\"state\":\"open\",\"labels\":[" + labels(label) + "],\"pull_request\":{\"url\":\"x\"}}]")));
        stubSearch(issue(42, "open", labels("linkguard", label), "body") + ","
                + issue(44, "open", labels("linkguard"), "text\n\n" + GitHubSink.marker(key) + "\n") + ","
                + issue(45, "open", labels("linkguard"), "another device's issue mentioning " + label));
        List<RemoteTicket> open = sink().findOpen(key);
        assertThat(open).extracting(RemoteTicket::reference).containsExactlyInAnyOrder("42", "44");
        RemoteTicket t = open.stream().filter(x -> x.reference().equals("42")).findFirst().orElseThrow();
        assertThat(t.displayId()).isEqualTo("#42");
        assertThat(t.url()).isEqualTo("https://github.com/" + REPO + "/issues/42");
        assertThat(label).matches("linkguard-[0-9a-f]{16}");
        stub.server.verify(getRequestedFor(urlPathEqualTo("/api/v3/repos/" + REPO + "/issues"))
                .withQueryParam("labels", equalTo(label)).withQueryParam("state", equalTo("open"))
                .withQueryParam("per_page", equalTo("100")));
        stub.server.verify(getRequestedFor(urlPathEqualTo("/api/v3/search/issues"))
                .withQueryParam("q", equalTo("repo:" + REPO + " is:issue is:open \"" + label + "\""))
                .withQueryParam("advanced_search", equalTo("true"))
                .withQueryParam("per_page", equalTo("100")));
        stub.requests().forEach(this::assertGitHubHeaders);
    }

    @Test
    void searchLagDoesNotHideAFreshIssueAndASearchRateLimitDoesNotBlockTheLookup() throws Exception {
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/repos/" + REPO + "/issues")).willReturn(json(200, "["
                + issue(42, "open", labels("linkguard", label), "body") + "]")));
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/search/issues")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withHeader("retry-after", "30")
                .withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}")));
        GitHubSink sink = sink();
        assertThat(sink.findOpen(key)).extracting(RemoteTicket::reference).containsExactly("42");
        assertThat(sink.findOpen(key)).extracting(RemoteTicket::reference).containsExactly("42");
        stub.server.verify(1, getRequestedFor(urlPathEqualTo("/api/v3/search/issues")));
        stub.clock.advance(Duration.ofSeconds(31));
        sink.findOpen(key);
        stub.server.verify(2, getRequestedFor(urlPathEqualTo("/api/v3/search/issues")));
        stub.clock.advance(Duration.ofSeconds(-31));
    }

    @Test
    void createsAnIssueWithLabelsAndAHiddenKeyMarker() throws Exception {
        stub.server.stubFor(post(urlPathEqualTo("/api/v3/repos/" + REPO + "/issues")).willReturn(json(201,
                issue(46, "open", labels("linkguard", label, "iot"), "x"))));
        Identity odd = new Identity("hub-a-42", "pump*_@ops(1)", "edge_mod");
        Finding f = Findings.as(finding, odd);
        TicketRequest r = Findings.request(f, "run-7", null);
        RemoteTicket t = sink().create(r.key(), new TicketContent(TicketContent.Event.OPENED, r.key(),
                TicketBodies.title(r), TicketBodies.opening(r, null), r));
        assertThat(t.reference()).isEqualTo("46");
        LoggedRequest req = stub.requests().get(0);
        assertGitHubHeaders(req);
        assertThat(req.getHeader("Content-Type")).isEqualTo("application/json");
        JsonNode body = json.readTree(SinkStub.body(req));
        assertThat(body.get("title").asText()).isEqualTo("[LinkGuard] shared-identity: hub-a-42/pump*_@ops(1)/edge_mod");
        assertThat(body.get("labels")).extracting(JsonNode::asText)
                .containsExactly("linkguard", GitHubSink.fingerprintLabel(r.key()), "iot");
        String md = body.get("body").asText();
        assertThat(md).endsWith("\n\n" + GitHubSink.marker(r.key()) + "\n")
                .contains("`pump*_@ops(1)`").contains("(module `edge_mod`)").contains("```kusto\nAzureDiagnostics")
                .contains("### Recommended fix").doesNotContain(" @ops");
    }

    @Test
    void commentsCloseAndReopenUseTheIssuesApi() throws Exception {
        stub.server.stubFor(post(urlPathEqualTo("/api/v3/repos/" + REPO + "/issues/46/comments")).willReturn(json(201,
                "{\"id\":1,\"body\":\"x\"}")));
        stub.server.stubFor(patch(urlPathEqualTo("/api/v3/repos/" + REPO + "/issues/46")).willReturn(json(200,
                issue(46, "closed", labels("linkguard"), "x"))));
        GitHubSink sink = sink();
        RemoteTicket t = new RemoteTicket("46", "#46", null, true, 46, null, null);
        RemoteTicket kept = new RemoteTicket("42", "#42", "https://github.com/" + REPO + "/issues/42", true, 42, null, null);
        sink.update(t, new TicketContent(TicketContent.Event.UPDATED, key, "t", TicketBodies.update(request), request));
        sink.resolve(t, new TicketContent(TicketContent.Event.RESOLVED, key, "t", TicketBodies.resolution(request), request));
        sink.reopen(t, new TicketContent(TicketContent.Event.REOPENED, key, "t", TicketBodies.reopened(request), request));
        sink.closeAsDuplicate(t, kept, new TicketContent(TicketContent.Event.DUPLICATE, key, "t", TicketBodies.duplicate(request, kept), request));
        List<LoggedRequest> all = stub.requests();
        assertThat(all).extracting(r -> r.getMethod().getName() + " " + r.getUrl()).containsExactly(
                "POST /api/v3/repos/" + REPO + "/issues/46/comments",
                "POST /api/v3/repos/" + REPO + "/issues/46/comments",
                "PATCH /api/v3/repos/" + REPO + "/issues/46",
                "PATCH /api/v3/repos/" + REPO + "/issues/46",
                "POST /api/v3/repos/" + REPO + "/issues/46/comments",
                "POST /api/v3/repos/" + REPO + "/issues/46/comments",
                "PATCH /api/v3/repos/" + REPO + "/issues/46");
        all.forEach(this::assertGitHubHeaders);
        assertThat(json.readTree(SinkStub.body(all.get(0))).get("body").asText()).startsWith("### Still happening");
        assertThat(SinkStub.body(all.get(2))).isEqualTo("{\"state\":\"closed\",\"state_reason\":\"completed\"}");
        assertThat(SinkStub.body(all.get(3))).isEqualTo("{\"state\":\"open\",\"state_reason\":\"reopened\"}");
        assertThat(json.readTree(SinkStub.body(all.get(5))).get("body").asText()).contains("Duplicate of #42")
                .contains("(<https://github.com/" + REPO + "/issues/42>)");
        assertThat(SinkStub.body(all.get(6))).isEqualTo("{\"state\":\"closed\",\"state_reason\":\"not_planned\"}");
    }

    @Test
    void getSkipsPullRequestsAndDeletedIssues() throws Exception {
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/repos/" + REPO + "/issues/42")).willReturn(json(200,
                issue(42, "closed", labels("linkguard", label), "b"))));
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/repos/" + REPO + "/issues/43")).willReturn(json(200,
                "{\"number\":43,\"state\":\"open\",\"pull_request\":{\"url\":\"x\"}}")));
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/repos/" + REPO + "/issues/44")).willReturn(json(410,
                "{\"message\":\"This issue was deleted\",\"documentation_url\":\"https://docs.github.com/rest/issues/issues#get-an-issue\",\"status\":\"410\"}")));
        GitHubSink sink = sink();
        assertThat(sink.get("42")).get().satisfies(t -> assertThat(t.open()).isFalse());
        assertThat(sink.get("43")).isEmpty();
        assertThat(sink.get("44")).isEmpty();
    }

    @Test
    void primaryRateLimitWaitsUntilTheResetAndBadTokensAreMisconfigured() throws Exception {
        long reset = stub.clock.instant().plusSeconds(600).getEpochSecond();
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/repos/" + REPO + "/issues")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withHeader("x-ratelimit-limit", "5000")
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", String.valueOf(reset))
                .withBody("{\"message\":\"API rate limit exceeded for user ID 1.\",\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}")));
        assertThatThrownBy(() -> sink().findOpen(key)).satisfies(e -> {
            TicketSinkException t = (TicketSinkException) e;
            assertThat(t.kind()).isEqualTo(TicketSinkException.Kind.RATE_LIMITED);
            assertThat(t.retryAfter()).contains(Duration.ofSeconds(601));
            assertThat(t.getMessage()).contains("API rate limit exceeded");
        });
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/repos/" + REPO + "/issues")).willReturn(json(429,
                "{\"message\":\"too many\"}").withHeader("retry-after", "7")));
        assertThatThrownBy(() -> sink().findOpen(key)).satisfies(e ->
                assertThat(((TicketSinkException) e).retryAfter()).contains(Duration.ofSeconds(7)));
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/repos/" + REPO + "/issues")).willReturn(json(401,
                "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}")));
        assertThatThrownBy(() -> sink().findOpen(key)).hasMessageContaining("Bad credentials").hasMessageNotContaining(TOKEN)
                .satisfies(e -> assertThat(((TicketSinkException) e).kind()).isEqualTo(TicketSinkException.Kind.MISCONFIGURED));
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/repos/" + REPO + "/issues")).willReturn(json(404,
                "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/issues/issues#list-repository-issues\",\"status\":\"404\"}")));
        assertThatThrownBy(() -> sink().findOpen(key)).hasMessageContaining("not found; check the github URL")
                .satisfies(e -> assertThat(((TicketSinkException) e).kind()).isEqualTo(TicketSinkException.Kind.MISCONFIGURED));
    }

    @Test
    void validationErrorsAreRejectionsWithGitHubsDetail() throws Exception {
        stub.server.stubFor(post(urlPathEqualTo("/api/v3/repos/" + REPO + "/issues")).willReturn(json(422,
                "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Label\",\"code\":\"invalid\",\"field\":\"name\","
                        + "\"message\":\"name is too long (maximum is 50 characters)\"}],\"status\":\"422\"}")));
        assertThatThrownBy(() -> sink().create(key, new TicketContent(TicketContent.Event.OPENED, key, "t",
                TicketBodies.opening(request, null), request)))
                .hasMessageContaining("Validation Failed: name is too long")
                .satisfies(e -> assertThat(((TicketSinkException) e).kind()).isEqualTo(TicketSinkException.Kind.REJECTED));
    }
}
