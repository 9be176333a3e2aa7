package io.linkguard.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * The two HTTP endpoints the Functions host and Azure provide, standing in for them on loopback:
 * <ul>
 *   <li>the managed-identity endpoint the host exposes as {@code IDENTITY_ENDPOINT} / {@code IDENTITY_HEADER}:
 *       {@code GET ?api-version=2019-08-01&resource=...} with the header {@code X-IDENTITY-HEADER}, answered with
 *       a JWT-shaped token for that resource (audience, issuer and lifetime are what Azurite's OAuth checks);</li>
 *   <li>the Log Analytics query API over HTTPS ({@code POST /v1/workspaces/{id}/query}), answering LinkGuard's
 *       three queries with no affected identities.</li>
 * </ul>
 * Every request is recorded with its arrival time.
 */
public final class LocalStubs implements AutoCloseable {
    public static final String IDENTITY_HEADER = "linkguard-local-identity-header";
    public static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    /** One request as received. */
    public record Request(long receivedAtMillis, String method, String uri, String authorization, String identityHeader, String body) {
    }

    private final HttpServer identity;
    private final HttpsServer logAnalytics;
    private final List<Request> identityRequests = new ArrayList<>();
    private final List<Request> queries = new ArrayList<>();

    public LocalStubs(LocalCertificate certificate) {
        try {
            identity = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            identity.createContext("/msi/token", this::token);
            identity.setExecutor(Executors.newFixedThreadPool(2));
            identity.start();
            logAnalytics = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            logAnalytics.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
            logAnalytics.createContext("/v1/", this::query);
            logAnalytics.setExecutor(Executors.newFixedThreadPool(2));
            logAnalytics.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String identityEndpoint() {
        return "http://127.0.0.1:" + identity.getAddress().getPort() + "/msi/token";
    }

    public String logAnalyticsEndpoint() {
        return "https://127.0.0.1:" + logAnalytics.getAddress().getPort() + "/v1";
    }

    public synchronized List<Request> identityRequests() {
        return List.copyOf(identityRequests);
    }

    public synchronized List<Request> queries() {
        return List.copyOf(queries);
    }

    private void token(HttpExchange exchange) throws IOException {
        Request r = record(exchange, identityRequests);
        String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
        String resource = null;
        for (String pair : query.split("&")) {
            if (pair.startsWith("resource=")) {
                resource = java.net.URLDecoder.decode(pair.substring("resource=".length()), StandardCharsets.UTF_8);
            }
        }
        if (!IDENTITY_HEADER.equals(r.identityHeader()) || resource == null) {
            respond(exchange, 400, "{\"error\":\"invalid_request\",\"error_description\":\"missing header or resource\"}");
            return;
        }
        long now = Instant.now().getEpochSecond();
        String audience = resource.endsWith("/") ? resource.substring(0, resource.length() - 1) : resource;
        String jwt = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64("{\"aud\":\"" + audience + "\",\"iss\":\"https://sts.windows.net/"
                + TENANT + "/\",\"iat\":" + (now - 60) + ",\"nbf\":" + (now - 60) + ",\"exp\":" + (now + 3600)
                + ",\"oid\":\"00000000-0000-0000-0000-00000000abcd\",\"tid\":\"" + TENANT + "\"}") + "." + base64("signature");
        respond(exchange, 200, "{\"access_token\":\"" + jwt + "\",\"expires_on\":\"" + (now + 3600) + "\",\"resource\":\"" + resource
                + "\",\"token_type\":\"Bearer\",\"client_id\":\"00000000-0000-0000-0000-00000000abcd\"}");
    }

    private void query(HttpExchange exchange) throws IOException {
        Request r = record(exchange, queries);
        String body;
        if (r.body().contains("affectedIdentities")) {
            body = table("{\"name\":\"affectedIdentities\",\"type\":\"long\"}", "[[0]]");
        } else if (r.body().contains("droppingIdentities = count()")) {
            body = table("{\"name\":\"hub\",\"type\":\"string\"},{\"name\":\"binStart\",\"type\":\"datetime\"},"
                    + "{\"name\":\"droppingIdentities\",\"type\":\"long\"},{\"name\":\"platformIdentities\",\"type\":\"long\"}", "[]");
        } else {
            body = table("{\"name\":\"hub\",\"type\":\"string\"},{\"name\":\"deviceId\",\"type\":\"string\"}", "[]");
        }
        respond(exchange, 200, body);
    }

    private static String table(String columns, String rows) {
        return "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[" + columns + "],\"rows\":" + rows + "}]}";
    }

    private synchronized Request record(HttpExchange exchange, List<Request> into) throws IOException {
        long at = System.currentTimeMillis();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request r = new Request(at, exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER"), body);
        into.add(r);
        return r;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String base64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        identity.stop(0);
        logAnalytics.stop(0);
        ((java.util.concurrent.ExecutorService) identity.getExecutor()).shutdownNow();
        ((java.util.concurrent.ExecutorService) logAnalytics.getExecutor()).shutdownNow();
    }
}
