package io.linkguard.tickets.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkguard.tickets.RemoteTicket;
import io.linkguard.tickets.Secret;
import io.linkguard.tickets.TicketContent;
import io.linkguard.tickets.TicketKey;
import io.linkguard.tickets.TicketSink;
import io.linkguard.tickets.TicketSinkException;
import io.linkguard.tickets.body.FieldLimit;
import io.linkguard.tickets.body.Markdown;
import io.linkguard.tickets.http.HttpAuth;
import io.linkguard.tickets.http.HttpOptions;
import io.linkguard.tickets.http.HttpResult;
import io.linkguard.tickets.http.SinkHttp;
import io.linkguard.tickets.http.Texts;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * GitHub Issues over the REST API (X-GitHub-Api-Version 2022-11-28). Each issue carries the label
 * "linkguard", a fingerprint label "linkguard-" + 16 hex digits of the key's SHA-256 (label names are
 * limited to 50 characters; keys are not) and, hidden at the end of the body, a marker comment with the
 * full key. Open issues are found by listing issues with the fingerprint label (strongly consistent)
 * and by the search API (eventually consistent, but it also finds an issue whose label was removed by
 * hand); a candidate counts only with the label or the exact key in its marker. The search uses the issues
 * advanced search ({@code GET /search/issues?advanced_search=true}, GitHub changelog 2025-03-06 "GitHub Issues &
 * Projects: API support for issues advanced search"): the legacy form of that endpoint is deprecated for issues.
 */
public final class GitHubSink implements TicketSink {
    public static final String NAME = "github";
    public static final URI PUBLIC_API = URI.create("https://api.github.com");
    static final String API_VERSION = "2022-11-28";
    static final String LINKGUARD_LABEL = "linkguard";
    static final int BODY_LIMIT = 65_536;
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    private final String api;
    private final String repository;
    private final SinkHttp http;
    private final List<String> extraLabels;
    private final Clock clock;
    private volatile Instant searchPausedUntil = Instant.MIN;

    private GitHubSink(URI apiUrl, String repository, Secret token, List<String> extraLabels, HttpOptions options) {
        this.api = HttpOptions.base(HttpOptions.requireHttps(apiUrl, "GitHub API URL"));
        if (!isRepository(Objects.requireNonNull(repository, "repository"))) {
            throw new IllegalArgumentException("GitHub repository must be owner/name");
        }
        this.repository = repository;
        this.http = options.http(NAME, HttpAuth.bearer(token));
        this.extraLabels = List.copyOf(extraLabels);
        this.clock = options.clock();
    }

    /**
     * @param apiUrl {@link #PUBLIC_API}, or https://HOST/api/v3 for GitHub Enterprise Server
     * @param token  a fine-grained token with Issues: read and write on the repository (or a classic token with repo)
     */
    public static GitHubSink create(URI apiUrl, String repository, Secret token, List<String> extraLabels, HttpOptions options) {
        return new GitHubSink(apiUrl, repository, token, extraLabels, options);
    }

    /** Whether the text is an owner/name repository reference. */
    public static boolean isRepository(String text) {
        return REPOSITORY.matcher(text).matches();
    }

    @Override
    public String name() {
        return NAME;
    }

    static String fingerprintLabel(TicketKey key) {
        return "linkguard-" + key.fingerprint().substring(0, 16);
    }

    static String marker(TicketKey key) {
        return "<!-- linkguard-key: " + key.value() + " fingerprint: " + fingerprintLabel(key) + " -->";
    }

    @Override
    public List<RemoteTicket> findOpen(TicketKey key) throws TicketSinkException {
        String label = fingerprintLabel(key);
        String marker = marker(key);
        Map<String, RemoteTicket> found = new LinkedHashMap<>();
        HttpResult listed = http.send("list issues by label", request("/repos/" + repository + "/issues?labels="
                + Texts.encode(label) + "&state=open&per_page=100").GET(), 200);
        collect(listed.json(), label, marker, found);
        Instant now = clock.instant();
        if (now.isAfter(searchPausedUntil)) {
            String q = "repo:" + repository + " is:issue is:open \"" + label + "\"";
            try {
                HttpResult searched = http.send("search issues", request("/search/issues?q=" + Texts.encode(q)
                        + "&advanced_search=true&per_page=100").GET(), 200);
                collect(searched.json().path("items"), label, marker, found);
            } catch (TicketSinkException e) {
                if (e.kind() == TicketSinkException.Kind.MISCONFIGURED || e.kind() == TicketSinkException.Kind.REJECTED) {
                    throw e;
                }
                // Search has its own, lower rate limit: the label listing above already answered.
                searchPausedUntil = now.plus(e.retryAfter().orElse(Duration.ofSeconds(60)));
            }
        }
        return new ArrayList<>(found.values());
    }

    private void collect(JsonNode issues, String label, String marker, Map<String, RemoteTicket> found) throws TicketSinkException {
        for (JsonNode issue : issues) {
            if (issue.has("pull_request") || !"open".equals(issue.path("state").asText())) {
                continue;
            }
            if (carriesKey(issue, label, marker)) {
                RemoteTicket t = ticket(issue);
                found.putIfAbsent(t.reference(), t);
            }
        }
    }

    /** With the key's fingerprint label, or its exact marker in the body. */
    private static boolean carriesKey(JsonNode issue, String label, String marker) {
        for (JsonNode l : issue.path("labels")) {
            if (label.equals(l.isTextual() ? l.asText() : l.path("name").asText())) {
                return true;
            }
        }
        return issue.path("body").asText("").contains(marker);
    }

    @Override
    public Optional<RemoteTicket> get(String reference) throws TicketSinkException {
        if (!reference.matches("\\d{1,10}")) {
            return Optional.empty();
        }
        Optional<HttpResult> r = http.sendOrMissing("get issue", request("/repos/" + repository + "/issues/" + reference).GET(), 200);
        if (r.isEmpty() || r.get().json().has("pull_request")) {
            return Optional.empty();
        }
        return Optional.of(ticket(r.get().json()));
    }

    @Override
    public RemoteTicket create(TicketKey key, TicketContent content) throws TicketSinkException {
        String marker = "\n\n" + marker(key) + "\n";
        String body = FieldLimit.truncate(Markdown.render(content.full()), BODY_LIMIT - marker.length()) + marker;
        ObjectNode issue = http.json().createObjectNode().put("title", FieldLimit.truncate(content.title(), 256)).put("body", body);
        ArrayNode labels = issue.putArray("labels").add(LINKGUARD_LABEL).add(fingerprintLabel(key));
        extraLabels.forEach(labels::add);
        HttpResult r = http.send("create issue", request("/repos/" + repository + "/issues")
                .header("Content-Type", "application/json").POST(http.body(issue)), 201);
        return ticket(r.json());
    }

    @Override
    public void update(RemoteTicket ticket, TicketContent content) throws TicketSinkException {
        comment(ticket, content);
    }

    @Override
    public void resolve(RemoteTicket ticket, TicketContent content) throws TicketSinkException {
        comment(ticket, content);
        state(ticket, "closed", "completed", "close issue");
    }

    @Override
    public void reopen(RemoteTicket ticket, TicketContent content) throws TicketSinkException {
        state(ticket, "open", "reopened", "reopen issue");
        comment(ticket, content);
    }

    /** Closed as "not planned" with a comment naming the kept issue ("duplicate" is not accepted by every GitHub Enterprise Server). */
    @Override
    public void closeAsDuplicate(RemoteTicket duplicate, RemoteTicket kept, TicketContent content) throws TicketSinkException {
        comment(duplicate, content);
        state(duplicate, "closed", "not_planned", "close duplicate issue");
    }

    private void comment(RemoteTicket ticket, TicketContent content) throws TicketSinkException {
        ObjectNode c = http.json().createObjectNode().put("body", FieldLimit.truncate(Markdown.render(content.full()), BODY_LIMIT));
        http.send("comment on issue", request("/repos/" + repository + "/issues/" + ticket.reference() + "/comments")
                .header("Content-Type", "application/json").POST(http.body(c)), 201);
    }

    private void state(RemoteTicket ticket, String state, String reason, String operation) throws TicketSinkException {
        ObjectNode patch = http.json().createObjectNode().put("state", state).put("state_reason", reason);
        http.send(operation, request("/repos/" + repository + "/issues/" + ticket.reference())
                .header("Content-Type", "application/json").method("PATCH", http.body(patch)), 200);
    }

    private static RemoteTicket ticket(JsonNode issue) throws TicketSinkException {
        long number = issue.path("number").asLong(-1);
        if (number < 1) {
            throw new TicketSinkException(TicketSinkException.Kind.TRANSIENT, NAME + ": an issue without number in the answer");
        }
        return new RemoteTicket(String.valueOf(number), "#" + number, issue.path("html_url").asText(null),
                "open".equals(issue.path("state").asText()), number, Texts.instant(issue.path("created_at").asText("")),
                Texts.instant(issue.path("updated_at").asText("")));
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(api + pathAndQuery))
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION);
    }

    @Override
    public String toString() {
        return "GitHubSink[" + api + "/repos/" + repository + "]";
    }
}
