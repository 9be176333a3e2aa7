package io.linkguard.tickets.github;

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
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful GitHub Issues API over HTTPS, just enough for the sink: list by label (consistent), search
 * (an index that has not caught up: always empty), create, get, patch state, comment. The first
 * {@code raceCreates} creates are held until they have all arrived, so two runs' creates really overlap.
 */
public final class FakeGitHub {
    public final Map<Integer, ObjectNode> issues = new ConcurrentSkipListMap<>();
    public final AtomicInteger comments = new AtomicInteger();
    private final AtomicInteger next = new AtomicInteger(1);
    private final ObjectMapper json = new ObjectMapper();
    private final HttpsServer server;
    private final String repoPath;
    private volatile CyclicBarrier race;

    public FakeGitHub(String repository) throws Exception {
        this.repoPath = "/api/v3/repos/" + repository + "/issues";
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TlsStub.serverContext()));
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    public URI api() {
        return URI.create("https://localhost:" + server.getAddress().getPort() + "/api/v3");
    }

    void raceCreates(int n) {
        race = new CyclicBarrier(n);
    }

    public void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            if (path.equals("/api/v3/search/issues")) {
                // Only the issues advanced search (advanced_search=true) is served; the legacy form is deprecated.
                send(ex, "true".equals(query(ex.getRequestURI(), "advanced_search")) ? 200 : 410,
                        "{\"total_count\":0,\"incomplete_results\":false,\"items\":[]}");
            } else if (path.equals(repoPath) && method.equals("GET")) {
                String label = query(ex.getRequestURI(), "labels");
                ArrayNode out = json.createArrayNode();
                for (ObjectNode issue : issues.values()) {
                    if (issue.get("state").asText().equals("open") && hasLabel(issue, label)) {
                        out.add(issue);
                    }
                }
                send(ex, 200, out.toString());
            } else if (path.equals(repoPath) && method.equals("POST")) {
                JsonNode body = json.readTree(ex.getRequestBody());
                CyclicBarrier b = race;
                if (b != null) {
                    b.await(10, TimeUnit.SECONDS);
                }
                int number = next.getAndIncrement();
                ObjectNode issue = json.createObjectNode().put("number", number).put("state", "open")
                        .put("html_url", "https://github.example/issues/" + number).put("title", body.get("title").asText())
                        .put("body", body.get("body").asText()).put("created_at", Instant.now().toString())
                        .put("updated_at", Instant.now().toString());
                ArrayNode labels = issue.putArray("labels");
                body.get("labels").forEach(l -> labels.addObject().put("name", l.asText()));
                issues.put(number, issue);
                send(ex, 201, issue.toString());
            } else if (path.startsWith(repoPath + "/") && path.endsWith("/comments")) {
                comments.incrementAndGet();
                send(ex, 201, "{\"id\":1}");
            } else if (path.startsWith(repoPath + "/")) {
                ObjectNode issue = issues.get(Integer.parseInt(path.substring(repoPath.length() + 1)));
                if (issue == null) {
                    send(ex, 404, "{\"message\":\"Not Found\"}");
                } else if (method.equals("PATCH")) {
                    JsonNode body = json.readTree(ex.getRequestBody());
                    issue.put("state", body.get("state").asText()).put("updated_at", Instant.now().toString());
                    send(ex, 200, issue.toString());
                } else {
                    send(ex, 200, issue.toString());
                }
            } else {
                send(ex, 404, "{\"message\":\"Not Found\"}");
            }
        } catch (Exception e) {
            send(ex, 500, "{\"message\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private static boolean hasLabel(JsonNode issue, String label) {
        for (JsonNode l : issue.get("labels")) {
            if (l.get("name").asText().equals(label)) {
                return true;
            }
        }
        return false;
    }

    private static String query(URI uri, String name) {
        return FakeExchanges.query(uri, name);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        FakeExchanges.send(ex, status, body, "application/json; charset=utf-8");
    }
}
