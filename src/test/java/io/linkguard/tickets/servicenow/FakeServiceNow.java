package io.linkguard.tickets.servicenow;

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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful ServiceNow instance over HTTPS: the Table API on {@code incident} (GET list with an encoded query,
 * GET one, POST, PATCH; answers wrapped in {@code {"result": ...}}, values as strings, times as zone-less UTC
 * "yyyy-MM-dd HH:mm:ss") with the base system's incident state model. Followed documentation:
 * <ul>
 *   <li>Table API (REST API reference, "Table API": GET/POST/PATCH {@code /api/now/table/{tableName}},
 *   {@code sysparm_query}, {@code sysparm_fields}, {@code sysparm_limit});</li>
 *   <li>Incident state model (ServiceNow KB0552820; ServiceNowDocs it-service-management/incident-management
 *   "Incident resolution and closure", "Resolve and close an incident"): states 1 New, 2 In Progress, 3 On Hold,
 *   6 Resolved, 7 Closed, 8 Canceled; {@code active} stays true while Resolved and is false for Closed and Canceled;
 *   a Resolved incident can be reopened (back to In Progress, {@code reopen_count} + 1), a Closed or Canceled one is
 *   read-only for an itil user (an update is refused by ACL, 403);</li>
 *   <li>auto-close ("Configure incidents to close automatically", "Incident Management properties"): a Resolved
 *   incident not updated for {@code glide.ui.autoclose.time} days (0 disables) is moved to Closed by the scheduled
 *   job; any update (a work note included) resets that clock. The job runs here before every request.</li>
 * </ul>
 */
public final class FakeServiceNow {
    static final Set<String> INACTIVE = Set.of("7", "8");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    public final Map<String, ObjectNode> incidents = new ConcurrentHashMap<>();
    public final List<String> workNotes = new CopyOnWriteArrayList<>();
    private final AtomicInteger number = new AtomicInteger(10000);
    private final ObjectMapper json = new ObjectMapper();
    private final HttpsServer server;
    private final Clock clock;
    private volatile int autoCloseDays = 1;

    public FakeServiceNow(Clock clock) throws Exception {
        this.clock = clock;
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TlsStub.serverContext()));
        server.createContext("/", this::handle);
        server.start();
    }

    public URI instance() {
        return URI.create("https://localhost:" + server.getAddress().getPort());
    }

    /** The value of glide.ui.autoclose.time. */
    void autoCloseDays(int days) {
        autoCloseDays = days;
    }

    public void stop() {
        server.stop(0);
    }

    /** What a person does in the UI: set the state (Canceled, Closed) as an admin would. */
    void setState(String sysId, String state) {
        ObjectNode i = incidents.get(sysId);
        applyState(i, state);
        touch(i);
    }

    private synchronized void autoClose() {
        if (autoCloseDays <= 0) {
            return;
        }
        Instant now = clock.instant();
        for (ObjectNode i : incidents.values()) {
            Instant updated = Instant.from(TIME.parse(i.get("sys_updated_on").asText()));
            if ("6".equals(i.get("state").asText()) && !now.isBefore(updated.plus(Duration.ofDays(autoCloseDays)))) {
                applyState(i, "7");
                i.put("closed_at", TIME.format(now));
                touch(i);
            }
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            autoClose();
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            String table = "/api/now/table/incident";
            if (path.equals(table) && method.equals("GET")) {
                list(ex);
            } else if (path.equals(table) && method.equals("POST")) {
                create(ex);
            } else if (path.startsWith(table + "/")) {
                ObjectNode i = incidents.get(path.substring(table.length() + 1));
                if (i == null) {
                    send(ex, 404, "{\"error\":{\"message\":\"No Record found\",\"detail\":\"Record doesn't exist or ACL restricts the record retrieval\"},\"status\":\"failure\"}");
                } else if (method.equals("PATCH")) {
                    patch(ex, i);
                } else {
                    send(ex, 200, json.createObjectNode().set("result", i).toString());
                }
            } else {
                send(ex, 400, "{\"error\":{\"message\":\"Invalid table\"},\"status\":\"failure\"}");
            }
        } catch (Exception e) {
            send(ex, 500, "{\"error\":{\"message\":\"" + e.getClass().getSimpleName() + "\"},\"status\":\"failure\"}");
        }
    }

    private void list(HttpExchange ex) throws IOException {
        String query = query(ex.getRequestURI()).getOrDefault("sysparm_query", "");
        ArrayNode out = json.createArrayNode();
        incidents.values().stream().filter(i -> matches(i, query))
                .sorted((a, b) -> a.get("number").asText().compareTo(b.get("number").asText())).forEach(out::add);
        send(ex, 200, json.createObjectNode().set("result", out).toString());
    }

    /** The encoded-query operators the sink uses: field=value, fieldNOT INa,b,c, joined by ^; ORDERBY ignored. */
    private static boolean matches(JsonNode incident, String query) {
        for (String term : query.split("\\^")) {
            if (term.isEmpty() || term.startsWith("ORDERBY")) {
                continue;
            }
            int notIn = term.indexOf("NOT IN");
            if (notIn > 0) {
                List<String> values = Arrays.asList(term.substring(notIn + 6).split(","));
                if (values.contains(incident.path(term.substring(0, notIn)).asText())) {
                    return false;
                }
            } else {
                int eq = term.indexOf('=');
                if (!incident.path(term.substring(0, eq)).asText().equals(term.substring(eq + 1))) {
                    return false;
                }
            }
        }
        return true;
    }

    private void create(HttpExchange ex) throws IOException {
        JsonNode body = json.readTree(ex.getRequestBody());
        String sysId = String.format("%032x", number.get() + 1L);
        ObjectNode i = json.createObjectNode().put("sys_id", sysId).put("number", "INC00" + number.incrementAndGet())
                .put("reopen_count", "0").put("sys_created_on", TIME.format(clock.instant()));
        body.fields().forEachRemaining(f -> i.put(f.getKey(), f.getValue().asText()));
        applyState(i, "1");
        touch(i);
        incidents.put(sysId, i);
        send(ex, 201, json.createObjectNode().set("result", i).toString());
    }

    private void patch(HttpExchange ex, ObjectNode i) throws IOException {
        JsonNode body = json.readTree(ex.getRequestBody());
        if (INACTIVE.contains(i.get("state").asText())) {
            send(ex, 403, "{\"error\":{\"message\":\"Operation Failed\",\"detail\":\"ACL Exception Update Failed due to security constraints\"},\"status\":\"failure\"}");
            return;
        }
        String before = i.get("state").asText();
        Map<String, String> changes = new HashMap<>();
        body.fields().forEachRemaining(f -> changes.put(f.getKey(), f.getValue().asText()));
        String note = changes.remove("work_notes");
        if (note != null) {
            workNotes.add(i.get("number").asText() + ": " + note);
        }
        String state = changes.remove("state");
        changes.forEach(i::put);
        if (state != null) {
            if ("6".equals(before) && List.of("1", "2", "3").contains(state)) {
                i.put("reopen_count", String.valueOf(i.get("reopen_count").asInt() + 1));
            }
            applyState(i, state);
        }
        touch(i);
        send(ex, 200, json.createObjectNode().set("result", json.createObjectNode().put("sys_id", i.get("sys_id").asText())).toString());
    }

    private void applyState(ObjectNode i, String state) {
        i.put("state", state).put("active", String.valueOf(!INACTIVE.contains(state)));
        if ("6".equals(state)) {
            i.put("resolved_at", TIME.format(clock.instant()));
        }
    }

    private void touch(ObjectNode i) {
        i.put("sys_updated_on", TIME.format(clock.instant()));
    }

    public List<ObjectNode> byCorrelation(String correlationId) {
        List<ObjectNode> out = new ArrayList<>();
        incidents.values().stream().filter(i -> correlationId.equals(i.path("correlation_id").asText()))
                .sorted((a, b) -> a.get("number").asText().compareTo(b.get("number").asText())).forEach(out::add);
        return out;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        FakeExchanges.send(ex, status, body, "application/json;charset=UTF-8");
    }
}
