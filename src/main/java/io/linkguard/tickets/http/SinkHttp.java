package io.linkguard.tickets.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkguard.loganalytics.QueryRateLimiter;
import io.linkguard.pacing.RetryAfter;
import io.linkguard.tickets.Redactor;
import io.linkguard.tickets.TicketSinkException;
import io.linkguard.tickets.TicketSinkException.Kind;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One sink's HTTP calls over the JDK client: a per-request timeout, the sink's client-side rate limit
 * before every request, the Authorization header, and one mapping of statuses to
 * {@link TicketSinkException} kinds shared by every sink:
 * <ul>
 *   <li>429, and 403 that carries rate-limit headers or says "rate limit" (GitHub): RATE_LIMITED with the
 *   wait from Retry-After ({@link RetryAfter}) or x-ratelimit-reset (epoch seconds);</li>
 *   <li>5xx, 408, 409, 412, timeouts and I/O errors: TRANSIENT (503 with Retry-After: RATE_LIMITED);</li>
 *   <li>401, 403, 404 (where a missing ticket is not expected), redirects, and Azure DevOps' 203 sign-in
 *   page for a refused PAT: MISCONFIGURED;</li>
 *   <li>other 4xx: REJECTED.</li>
 * </ul>
 * Messages carry the sink, the operation, the status and the service's own error text (cut to 300
 * characters, scrubbed by the {@link Redactor}); never a header or the request body.
 */
public final class SinkHttp {
    private static final int MESSAGE_LIMIT = 300;

    private final String sink;
    private final HttpClient client;
    private final Duration timeout;
    private final QueryRateLimiter limiter;
    private final HttpAuth auth;
    private final Redactor redactor;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public SinkHttp(String sink, HttpClient client, Duration timeout, QueryRateLimiter limiter, HttpAuth auth,
                    Redactor redactor, Clock clock) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.auth = auth;
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (auth != null) {
            auth.registerSecrets(redactor);
        }
    }

    public ObjectMapper json() {
        return json;
    }

    /** Sends; any status outside {@code accepted} throws. */
    public HttpResult send(String operation, HttpRequest.Builder request, int... accepted) throws TicketSinkException {
        HttpResponse<byte[]> response = exchange(operation, request);
        if (contains(accepted, response.statusCode())) {
            return new HttpResult(response.statusCode(), response.headers(), response.body(), sink, operation, redactor);
        }
        throw failure(operation, response);
    }

    /** Like {@link #send}, but 404 and 410 mean "no such ticket": empty. */
    public Optional<HttpResult> sendOrMissing(String operation, HttpRequest.Builder request, int... accepted)
            throws TicketSinkException {
        HttpResponse<byte[]> response = exchange(operation, request);
        if (contains(accepted, response.statusCode())) {
            return Optional.of(new HttpResult(response.statusCode(), response.headers(), response.body(), sink, operation, redactor));
        }
        if (response.statusCode() == 404 || response.statusCode() == 410) {
            return Optional.empty();
        }
        throw failure(operation, response);
    }

    /** A JSON request body. */
    public HttpRequest.BodyPublisher body(JsonNode node) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private HttpResponse<byte[]> exchange(String operation, HttpRequest.Builder request) throws TicketSinkException {
        request.timeout(timeout).setHeader("User-Agent", "LinkGuard");
        if (auth != null) {
            request.setHeader("Authorization", auth.authorization());
        }
        try {
            limiter.acquire();
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new TicketSinkException(Kind.TRANSIENT, sink + " " + operation + ": no answer within "
                    + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new TicketSinkException(Kind.TRANSIENT, sink + " " + operation + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + scrub(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TicketSinkException(Kind.TRANSIENT, sink + " " + operation + ": interrupted");
        }
    }

    private TicketSinkException failure(String operation, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        HttpHeaders h = response.headers();
        String service = serviceMessage(response.body());
        String what = sink + " " + operation + ": HTTP " + status + (service.isEmpty() ? "" : " (" + service + ")");
        Optional<Duration> wait = retryAfter(h);
        boolean rateLimitHeaders = wait.isPresent() || "0".equals(h.firstValue("x-ratelimit-remaining").orElse(null));
        if (status == 429 || status == 403 && (rateLimitHeaders || service.toLowerCase(Locale.ROOT).contains("rate limit"))) {
            return new TicketSinkException(Kind.RATE_LIMITED, what, wait.orElse(null));
        }
        if (status == 503 && wait.isPresent()) {
            return new TicketSinkException(Kind.RATE_LIMITED, what, wait.get());
        }
        if (status >= 500 || status == 408 || status == 409 || status == 412) {
            return new TicketSinkException(Kind.TRANSIENT, what);
        }
        if (status == 401) {
            return new TicketSinkException(Kind.MISCONFIGURED, what + ": the credential was refused; check the "
                    + sink + " credential settings");
        }
        if (status == 403) {
            return new TicketSinkException(Kind.MISCONFIGURED, what + ": the account lacks a permission; see docs/tickets.md");
        }
        if (status == 410) {
            return new TicketSinkException(Kind.MISCONFIGURED, what + ": the endpoint is gone; check the " + sink + " URL");
        }
        if (status == 404) {
            return new TicketSinkException(Kind.MISCONFIGURED, what + ": not found; check the " + sink + " URL and project settings");
        }
        if (status == 203) {
            return new TicketSinkException(Kind.MISCONFIGURED, what + ": a sign-in page instead of data; the credential was refused");
        }
        if (status >= 300 && status < 400) {
            return new TicketSinkException(Kind.MISCONFIGURED, what + ": redirected; check the " + sink + " URL");
        }
        return new TicketSinkException(Kind.REJECTED, what);
    }

    /** Retry-After as {@link RetryAfter} reads it, else x-ratelimit-reset (epoch seconds). */
    Optional<Duration> retryAfter(HttpHeaders h) {
        Instant now = clock.instant();
        Optional<Duration> asked = RetryAfter.fromHeaders(h::firstValue, now);
        if (asked.isPresent()) {
            return asked;
        }
        OptionalLong reset = h.firstValueAsLong("x-ratelimit-reset");
        if (reset.isPresent() && "0".equals(h.firstValue("x-ratelimit-remaining").orElse(null))) {
            Instant at = Instant.ofEpochSecond(reset.getAsLong());
            return Optional.of(at.isAfter(now) ? Duration.between(now, at).plusSeconds(1) : Duration.ofSeconds(1));
        }
        return Optional.empty();
    }

    /** ServiceNow {"error":{"message","detail"}}, Azure DevOps {"message"}, GitHub {"message","errors":[...]}. */
    private String serviceMessage(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text;
        try {
            JsonNode n = json.readTree(body);
            StringBuilder s = new StringBuilder();
            JsonNode err = n.path("error");
            if (err.isObject()) {
                s.append(err.path("message").asText(""));
                String detail = err.path("detail").asText("");
                if (!detail.isEmpty()) {
                    s.append(s.isEmpty() ? "" : ": ").append(detail);
                }
            } else if (err.isTextual()) {
                s.append(err.asText());
            }
            if (s.isEmpty()) {
                s.append(n.path("message").asText(""));
            }
            JsonNode errors = n.path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                s.append(": ").append(IntStream.range(0, errors.size()).mapToObj(errors::get)
                        .map(e -> e.isTextual() ? e.asText() : e.path("message").asText(e.path("code").asText("")))
                        .collect(Collectors.joining(", ")));
            }
            text = s.toString();
        } catch (IOException notJson) {
            text = new String(body, StandardCharsets.UTF_8).replaceAll("<[^>]*>", " ");
        }
        text = text.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
        if (text.length() > MESSAGE_LIMIT) {
            text = text.substring(0, MESSAGE_LIMIT) + "...";
        }
        return scrub(text);
    }

    private String scrub(String s) {
        return redactor.scrub(s);
    }

    private static boolean contains(int[] accepted, int status) {
        for (int a : accepted) {
            if (a == status) {
                return true;
            }
        }
        return false;
    }
}
