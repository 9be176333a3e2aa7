package io.linkguard.tickets.azuredevops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.linkguard.tickets.FakeExchanges;
import io.linkguard.tickets.TlsStub;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful Azure DevOps Boards project over HTTPS, REST api-version 7.1, the requests the sink sends
 * (Microsoft Learn, Azure DevOps Services REST API 7.1, Work Item Tracking):
 * <ul>
 *   <li>Wiql - Query By Wiql: POST {@code {org}/{project}/_apis/wit/wiql}, body {@code {"query": ...}}, answers
 *   {@code {"queryType":"flat","workItems":[{"id":..,"url":..}]}}; here the query's {@code [System.Tags] CONTAINS}
 *   and {@code [System.State] NOT IN (...)} conditions are evaluated (a work item with a tag containing the
 *   text, without letter case: looser than Boards, the sink checks the tag exactly);</li>
 *   <li>Work Items - List: GET {@code _apis/wit/workitems?ids=..&fields=..&errorPolicy=omit}, {@code {"count","value"}};
 *   Work Items - Get Work Item: GET {@code _apis/wit/workitems/{id}}, 404 when it does not exist;</li>
 *   <li>Work Items - Create: POST {@code _apis/wit/workitems/${type}} with a JSON Patch document
 *   ({@code application/json-patch+json}), 200 with the new work item; Work Items - Update: PATCH
 *   {@code _apis/wit/workitems/{id}} with a JSON Patch document ({@code /fields/...} adds, {@code /relations/-});</li>
 *   <li>Comments - Add Work Item Comment (7.1-preview.4; the older Comments - Add is 7.x-preview.3): POST {@code _apis/wit/workItems/{id}/comments}, {@code {"text"}}.</li>
 * </ul>
 * Work items carry {@code System.Id}, {@code System.State} (new ones "To Do", the Basic process),
 * {@code System.Tags} ("a; b"), {@code System.CreatedDate}, {@code System.ChangedDate} and whatever the patch set.
 */
public final class FakeAzureDevOps {
    private static final Pattern TAG = Pattern.compile("\\[System\\.Tags] CONTAINS '((?:[^']|'')*)'");
    private static final Pattern NOT_IN = Pattern.compile("\\[System\\.State] NOT IN \\(([^)]*)\\)");

    public final Map<Integer, ObjectNode> workItems = new ConcurrentSkipListMap<>();
    public final List<String> comments = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger(100);
    private final ObjectMapper json = new ObjectMapper();
    private final HttpsServer server;
    private final Clock clock;
    private final String projectPath;

    /** @param project path segment of the project, without characters that need encoding */
    public FakeAzureDevOps(String organization, String project, Clock clock) throws Exception {
        this.clock = clock;
        this.projectPath = "/" + organization + "/" + project;
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TlsStub.serverContext()));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The organization URL, as the sink is configured with it. */
    public URI organization() {
        return URI.create("https://localhost:" + server.getAddress().getPort() + projectPath.substring(0,
                projectPath.lastIndexOf('/')));
    }

    public void stop() {
        server.stop(0);
    }

    public String state(int id) {
        return workItems.get(id).get("fields").get("System.State").asText();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            String version = path.endsWith("/comments") ? "7.1-preview.4" : "7.1";
            if (!version.equals(query(ex.getRequestURI(), "api-version"))) {
                send(ex, 400, "{\"message\":\"The requested REST API version is not supported\"}");
            } else if (path.equals(projectPath + "/_apis/wit/wiql") && method.equals("POST")) {
                wiql(ex);
            } else if (path.equals(projectPath + "/_apis/wit/workitems") && method.equals("GET")) {
                list(ex);
            } else if (path.startsWith(projectPath + "/_apis/wit/workitems/$") && method.equals("POST")) {
                create(ex);
            } else if (path.startsWith(projectPath + "/_apis/wit/workItems/") && path.endsWith("/comments")
                    && method.equals("POST")) {
                comment(ex, path);
            } else if (path.startsWith(projectPath + "/_apis/wit/workitems/")) {
                ObjectNode wi = workItems.get(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)));
                if (wi == null) {
                    send(ex, 404, "{\"message\":\"TF401232: Work item does not exist, or you do not have permissions to read it.\"}");
                } else if (method.equals("PATCH")) {
                    apply(wi, json.readTree(ex.getRequestBody()));
                    send(ex, 200, wi.toString());
                } else {
                    send(ex, 200, wi.toString());
                }
            } else {
                send(ex, 404, "{\"message\":\"not found\"}");
            }
        } catch (Exception e) {
            send(ex, 500, "{\"message\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private void wiql(HttpExchange ex) throws IOException {
        String wiql = json.readTree(ex.getRequestBody()).get("query").asText();
        Matcher tag = TAG.matcher(wiql);
        Matcher notIn = NOT_IN.matcher(wiql);
        if (!tag.find() || !notIn.find()) {
            send(ex, 400, "{\"message\":\"TF51005: The query references a field that does not exist.\"}");
            return;
        }
        String wanted = tag.group(1).replace("''", "'").toLowerCase(Locale.ROOT);
        Set<String> closed = Set.copyOf(Arrays.stream(notIn.group(1).split(","))
                .map(s -> s.trim().replaceAll("^'|'$", "").toLowerCase(Locale.ROOT)).toList());
        ArrayNode items = json.createArrayNode();
        for (ObjectNode wi : workItems.values()) {
            JsonNode f = wi.get("fields");
            boolean tagged = Arrays.stream(f.get("System.Tags").asText().split(";"))
                    .anyMatch(t -> t.trim().toLowerCase(Locale.ROOT).contains(wanted));
            if (tagged && !closed.contains(f.get("System.State").asText().toLowerCase(Locale.ROOT))) {
                items.addObject().put("id", wi.get("id").asInt()).put("url", wi.get("url").asText());
            }
        }
        ObjectNode out = json.createObjectNode().put("queryType", "flat").put("queryResultType", "workItem");
        out.set("workItems", items);
        send(ex, 200, out.toString());
    }

    private void list(HttpExchange ex) throws IOException {
        ArrayNode value = json.createArrayNode();
        for (String id : query(ex.getRequestURI(), "ids").split(",")) {
            ObjectNode wi = workItems.get(Integer.parseInt(id));
            if (wi != null) {
                value.add(wi);
            }
        }
        ObjectNode out = json.createObjectNode().put("count", value.size());
        out.set("value", value);
        send(ex, 200, out.toString());
    }

    private void create(HttpExchange ex) throws IOException {
        int id = next.incrementAndGet();
        ObjectNode wi = json.createObjectNode().put("id", id).put("rev", 1)
                .put("url", "https://localhost" + projectPath + "/_apis/wit/workItems/" + id);
        wi.putObject("fields").put("System.Id", id).put("System.State", "To Do").put("System.Tags", "")
                .put("System.CreatedDate", clock.instant().toString());
        apply(wi, json.readTree(ex.getRequestBody()));
        workItems.put(id, wi);
        send(ex, 200, wi.toString());
    }

    private void comment(HttpExchange ex, String path) throws IOException {
        String[] parts = path.split("/");
        int id = Integer.parseInt(parts[parts.length - 2]);
        if (!workItems.containsKey(id)) {
            send(ex, 404, "{\"message\":\"TF401232\"}");
            return;
        }
        comments.add(id + ": " + json.readTree(ex.getRequestBody()).get("text").asText());
        send(ex, 200, "{\"workItemId\":" + id + ",\"id\":" + comments.size() + "}");
    }

    private void apply(ObjectNode wi, JsonNode patch) {
        ObjectNode fields = (ObjectNode) wi.get("fields");
        for (JsonNode op : patch) {
            String target = op.get("path").asText();
            if (target.startsWith("/fields/")) {
                fields.put(target.substring("/fields/".length()), op.get("value").asText());
            } else if (target.equals("/relations/-")) {
                wi.withArray("relations").add(op.get("value"));
            }
        }
        fields.put("System.ChangedDate", clock.instant().toString());
        wi.put("rev", wi.get("rev").asInt() + 1);
    }

    private static String query(URI uri, String name) {
        return FakeExchanges.query(uri, name);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        FakeExchanges.send(ex, status, body, "application/json; charset=utf-8; api-version=7.1");
    }
}
