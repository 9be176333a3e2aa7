package io.linkguard.tickets;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** What the ticket systems' HTTPS fakes share: answering a request and reading its query. */
public final class FakeExchanges {
    private FakeExchanges() {
    }

    /**
     * Sends {@code body} with {@code status} and closes the connection: one request per connection, because the
     * JDK's HttpsServer can miss a request that arrives on a kept-alive TLS connection while the machine is
     * loaded, and the client then waits for its timeout (seen in CI).
     */
    public static void send(HttpExchange ex, int status, String body, String contentType) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", contentType);
        ex.getResponseHeaders().set("Connection", "close");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    /** The decoded value of query parameter {@code name}, or null. */
    public static String query(URI uri, String name) {
        if (uri.getRawQuery() == null) {
            return null;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
