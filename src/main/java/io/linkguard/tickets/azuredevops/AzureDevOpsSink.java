package io.linkguard.tickets.azuredevops;

import com.azure.core.credential.TokenCredential;
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
import io.linkguard.tickets.body.Html;
import io.linkguard.tickets.http.HttpAuth;
import io.linkguard.tickets.http.HttpOptions;
import io.linkguard.tickets.http.HttpResult;
import io.linkguard.tickets.http.SinkHttp;
import io.linkguard.tickets.http.Texts;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Work items in Azure DevOps Boards (REST api-version 7.1). The dedupe key is a tag ({@link #tag}) next to
 * a "linkguard" tag; open items are found with WIQL and read back to check the tag exactly. The
 * description and notes are HTML. Updates are comments (7.1-preview.4); resolve and reopen set the
 * configured states with a history entry; a duplicate is closed with a "Duplicate Of" link to the kept item.
 */
public final class AzureDevOpsSink implements TicketSink {
    public static final String NAME = "azuredevops";
    static final String API = "api-version=7.1";
    static final String COMMENTS_API = "api-version=7.1-preview.4";
    static final String READ_FIELDS = "System.Id,System.State,System.Tags,System.CreatedDate,System.ChangedDate";
    static final String LINKGUARD_TAG = "linkguard";
    static final int TITLE_LIMIT = 255;
    /** States that end a work item in the four stock processes (Basic, Agile, Scrum, CMMI). */
    static final Set<String> STOCK_TERMINAL_STATES = Set.of("Done", "Closed", "Removed", "Resolved");

    private final String org;
    private final String projectPath;
    private final SinkHttp http;
    private final Fields fields;
    private final Set<String> terminal;

    /** The work item settings: type, the states LinkGuard sets, and an optional area path. */
    public record Fields(String workItemType, String closedState, String reopenState, String areaPath) {
        public static final Fields DEFAULTS = new Fields("Issue", "Done", "To Do", null);
    }

    private AzureDevOpsSink(URI organization, String project, HttpAuth auth, HttpOptions options, Fields fields) {
        this.org = HttpOptions.base(HttpOptions.requireHttps(organization, "Azure DevOps organization URL"));
        this.projectPath = org + "/" + Texts.encode(Objects.requireNonNull(project, "project"));
        this.http = options.http(NAME, auth);
        this.fields = Objects.requireNonNull(fields, "fields");
        Set<String> t = new LinkedHashSet<>(STOCK_TERMINAL_STATES);
        t.add(fields.closedState());
        this.terminal = t.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** A personal access token (scope Work Items: Read &amp; write), sent as Basic with an empty user name. */
    public static AzureDevOpsSink pat(URI organization, String project, Secret pat, HttpOptions options, Fields fields) {
        return new AzureDevOpsSink(organization, project, HttpAuth.basic("", pat), options, fields);
    }

    /** A Microsoft Entra ID token (e.g. the app's managed identity) for the Azure DevOps resource. */
    public static AzureDevOpsSink entraId(URI organization, String project, TokenCredential credential,
                                          HttpOptions options, Fields fields) {
        return new AzureDevOpsSink(organization, project, new EntraIdAuth(credential, options.clock()), options, fields);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The key as a tag. Azure DevOps tags ignore letter case and split on ';' (and ',' when typed), while
     * device ids are case-sensitive and may hold ','. A key with neither upper case nor those characters is
     * its own tag; any other gets a lower-cased, cleaned form plus "~" and 12 hex digits of its fingerprint,
     * so two ids differing only in case never share a tag.
     */
    static String tag(TicketKey key) {
        String v = key.value();
        if (v.equals(v.toLowerCase(Locale.ROOT)) && v.indexOf(';') < 0 && v.indexOf(',') < 0) {
            return v;
        }
        return v.toLowerCase(Locale.ROOT).replace(';', '_').replace(',', '_') + "~" + key.fingerprint().substring(0, 12);
    }

    static String wiql(TicketKey key) {
        String states = STOCK_TERMINAL_STATES.stream().sorted().map(AzureDevOpsSink::quote).collect(Collectors.joining(", "));
        return "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.Tags] CONTAINS "
                + quote(tag(key)) + " AND [System.State] NOT IN (" + states + ") ORDER BY [System.Id]";
    }

    @Override
    public List<RemoteTicket> findOpen(TicketKey key) throws TicketSinkException {
        ObjectNode query = http.json().createObjectNode().put("query", wiql(key));
        HttpResult r = http.send("query work items (WIQL)", request(projectPath + "/_apis/wit/wiql?" + API)
                .header("Content-Type", "application/json").POST(http.body(query)), 200);
        List<String> ids = new ArrayList<>();
        for (JsonNode wi : r.json().path("workItems")) {
            ids.add(wi.path("id").asText());
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        HttpResult items = http.send("read work items", request(projectPath + "/_apis/wit/workitems?ids="
                + String.join(",", ids.subList(0, Math.min(ids.size(), 200))) + "&fields=" + READ_FIELDS
                + "&errorPolicy=omit&" + API).GET(), 200);
        String tag = tag(key);
        List<RemoteTicket> out = new ArrayList<>();
        for (JsonNode wi : items.json().path("value")) {
            if (wi.isObject() && hasTag(wi, tag)) {
                RemoteTicket t = ticket(wi);
                if (t.open()) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    @Override
    public Optional<RemoteTicket> get(String reference) throws TicketSinkException {
        if (!reference.matches("\\d{1,10}")) {
            return Optional.empty();
        }
        Optional<HttpResult> r = http.sendOrMissing("read work item", request(projectPath + "/_apis/wit/workitems/"
                + reference + "?fields=" + READ_FIELDS + "&" + API).GET(), 200);
        return r.isEmpty() ? Optional.empty() : Optional.of(ticket(r.get().json()));
    }

    @Override
    public RemoteTicket create(TicketKey key, TicketContent content) throws TicketSinkException {
        ArrayNode patch = http.json().createArrayNode();
        add(patch, "/fields/System.Title", FieldLimit.truncate(content.title(), TITLE_LIMIT));
        add(patch, "/fields/System.Description", Html.render(content.full()));
        add(patch, "/fields/System.Tags", LINKGUARD_TAG + "; " + tag(key));
        if (fields.areaPath() != null) {
            add(patch, "/fields/System.AreaPath", fields.areaPath());
        }
        HttpResult r = http.send("create work item", request(projectPath + "/_apis/wit/workitems/$"
                + Texts.encode(fields.workItemType()) + "?" + API).header("Content-Type", "application/json-patch+json")
                .POST(http.body(patch)), 200);
        return ticket(r.json());
    }

    @Override
    public void update(RemoteTicket ticket, TicketContent content) throws TicketSinkException {
        ObjectNode comment = http.json().createObjectNode().put("text", Html.render(content.full()));
        http.send("add comment", request(projectPath + "/_apis/wit/workItems/" + ticket.reference() + "/comments?"
                + COMMENTS_API).header("Content-Type", "application/json").POST(http.body(comment)), 200);
    }

    @Override
    public void resolve(RemoteTicket ticket, TicketContent content) throws TicketSinkException {
        patch("close work item", ticket, statePatch(fields.closedState(), content));
    }

    @Override
    public void reopen(RemoteTicket ticket, TicketContent content) throws TicketSinkException {
        patch("reopen work item", ticket, statePatch(fields.reopenState(), content));
    }

    @Override
    public void closeAsDuplicate(RemoteTicket duplicate, RemoteTicket kept, TicketContent content) throws TicketSinkException {
        ArrayNode patch = statePatch(fields.closedState(), content);
        ObjectNode link = http.json().createObjectNode()
                .put("rel", "System.LinkTypes.Duplicate-Reverse")
                .put("url", org + "/_apis/wit/workItems/" + kept.reference());
        link.putObject("attributes").put("comment", "LinkGuard: the same ticket, opened by a concurrent run");
        patch.addObject().put("op", "add").put("path", "/relations/-").set("value", link);
        patch("close duplicate work item", duplicate, patch);
    }

    /** Sets the state, with the content as the history entry. */
    private ArrayNode statePatch(String state, TicketContent content) {
        ArrayNode patch = http.json().createArrayNode();
        add(patch, "/fields/System.State", state);
        add(patch, "/fields/System.History", Html.render(content.full()));
        return patch;
    }

    private void patch(String operation, RemoteTicket ticket, ArrayNode patch) throws TicketSinkException {
        http.send(operation, request(projectPath + "/_apis/wit/workitems/" + ticket.reference() + "?" + API)
                .header("Content-Type", "application/json-patch+json").method("PATCH", http.body(patch)), 200);
    }

    private RemoteTicket ticket(JsonNode wi) throws TicketSinkException {
        long id = wi.path("id").asLong(-1);
        if (id < 0) {
            throw new TicketSinkException(TicketSinkException.Kind.TRANSIENT, NAME + ": a work item without id in the answer");
        }
        JsonNode f = wi.path("fields");
        String state = f.path("System.State").asText("");
        return new RemoteTicket(String.valueOf(id), "#" + id, projectPath + "/_workitems/edit/" + id,
                !terminal.contains(state.toLowerCase(Locale.ROOT)), id, Texts.instant(f.path("System.CreatedDate").asText("")),
                Texts.instant(f.path("System.ChangedDate").asText("")));
    }

    private static boolean hasTag(JsonNode wi, String tag) {
        for (String t : wi.path("fields").path("System.Tags").asText("").split(";")) {
            if (t.trim().equalsIgnoreCase(tag)) {
                return true;
            }
        }
        return false;
    }

    private static void add(ArrayNode patch, String path, String value) {
        patch.addObject().put("op", "add").put("path", path).put("value", value);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
    }

    @Override
    public String toString() {
        return "AzureDevOpsSink[" + projectPath + "]";
    }
}
