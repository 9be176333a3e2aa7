package io.linkguard.tickets;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.linkguard.loganalytics.QueryRateLimiter;
import io.linkguard.testing.MutableClock;
import io.linkguard.tickets.http.HttpOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One HTTPS WireMock per sink test class and the HttpOptions a sink under test gets. */
public final class SinkStub {
    public final WireMockServer server;
    public final Redactor redactor = new Redactor();
    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));

    public SinkStub() throws Exception {
        server = TlsStub.start();
    }

    public URI uri(String path) {
        return URI.create(TlsStub.url(server) + path);
    }

    public HttpOptions options(Duration timeout) throws Exception {
        return new HttpOptions(TlsStub.client(), timeout, new QueryRateLimiter(1000, Duration.ofMinutes(1)), redactor, clock);
    }

    public HttpOptions options() throws Exception {
        return options(Duration.ofSeconds(5));
    }

    public List<LoggedRequest> requests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }

    public static String body(LoggedRequest r) {
        return new String(r.getBody(), StandardCharsets.UTF_8);
    }

    public void stop() {
        server.stop();
    }
}
