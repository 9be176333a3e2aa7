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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One HTTPS WireMock per sink test class and the HttpOptions a sink under test gets. As
 * {@code @RegisterExtension static final SinkStub stub = SinkStub.perClass();} it is reset before each test and
 * stopped after the class.
 */
public final class SinkStub implements BeforeEachCallback, AfterAllCallback {
    public final WireMockServer server;
    public final Redactor redactor = new Redactor();
    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));

    public SinkStub() throws Exception {
        server = TlsStub.start();
    }

    public static SinkStub perClass() {
        try {
            return new SinkStub();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTPS stub did not start", e);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.resetAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
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
