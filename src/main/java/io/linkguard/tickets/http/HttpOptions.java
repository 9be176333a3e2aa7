package io.linkguard.tickets.http;

import io.linkguard.loganalytics.QueryRateLimiter;
import io.linkguard.tickets.Redactor;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What every sink's HTTP layer needs besides its own settings: the JDK client (injectable: tests give
 * one that trusts the stub's certificate), the per-request timeout, the sink's own rate limiter, the
 * redactor shared with the orchestrator, and the clock.
 */
public record HttpOptions(HttpClient client, Duration timeout, QueryRateLimiter limiter, Redactor redactor, Clock clock) {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_REQUESTS_PER_MINUTE = 30;

    public HttpOptions {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(limiter, "limiter");
        Objects.requireNonNull(redactor, "redactor");
        Objects.requireNonNull(clock, "clock");
    }

    /** A JDK client that never follows redirects (a redirect means a wrong URL) with a 10 s connect timeout. */
    public static HttpClient defaultClient() {
        return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public SinkHttp http(String sink, HttpAuth auth) {
        return new SinkHttp(sink, client, timeout, limiter, auth, redactor, clock);
    }

    /** Tickets and credentials never travel over plain http. */
    public static URI requireHttps(URI uri, String what) {
        Objects.requireNonNull(uri, what);
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(what + " must be an https:// URL");
        }
        return uri;
    }

    /** The URL without a trailing slash, for appending paths. */
    public static String base(URI uri) {
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
