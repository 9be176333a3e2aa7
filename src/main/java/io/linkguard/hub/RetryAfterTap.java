package io.linkguard.hub;

import io.linkguard.pacing.RetryAfter;
import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code Retry-After} header of the hub's answers, which iot-service-client 2.1.9 does not
 * expose: its {@code HttpRequest.send()} reads the response headers but throws an
 * {@code IotHubTooManyRequestsException} that carries only the status, the error code and the message.
 *
 * <p>The SDK sends over {@code HttpsURLConnection}, and the JDK hands every response's headers, error
 * responses included, to the JVM-wide {@link CookieHandler} on the thread that made the call, before the
 * SDK sees the status. This tap is such a handler: it remembers the last Retry-After per thread (the SDK
 * calls are synchronous, so the thread identifies the call) and otherwise delegates to the handler that
 * was installed before it (none, by default), so cookie handling is unchanged. Installing it is a JVM-wide
 * act, done once; {@link #install()} is idempotent.
 *
 * <p>The headers are read by {@link RetryAfter}, as every other client's are. No library replaces this: the
 * SDK gives nothing else to hook into (azure-core's retry policies need an azure-core pipeline, which it lacks).
 */
public final class RetryAfterTap extends CookieHandler {
    private static final ThreadLocal<Duration> LAST = new ThreadLocal<>();

    private final CookieHandler previous;

    private RetryAfterTap(CookieHandler previous) {
        this.previous = previous;
    }

    /** Installs the tap as the JVM's cookie handler (keeping the current one as its delegate). */
    public static synchronized RetryAfterTap install() {
        CookieHandler current = CookieHandler.getDefault();
        if (current instanceof RetryAfterTap tap) {
            return tap;
        }
        RetryAfterTap tap = new RetryAfterTap(current);
        CookieHandler.setDefault(tap);
        return tap;
    }

    /** Forgets what this thread saw; call before each request. */
    public void clear() {
        LAST.remove();
    }

    /** The Retry-After of this thread's last response, if it carried one. */
    public Optional<Duration> lastRetryAfter() {
        return Optional.ofNullable(LAST.get());
    }

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
        return previous == null ? Map.of() : previous.get(uri, requestHeaders);
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
        parse(responseHeaders, Instant.now()).ifPresent(LAST::set);
        if (previous != null) {
            previous.put(uri, responseHeaders);
        }
    }

    /** The wait these response headers ask for, read by {@link RetryAfter}. */
    static Optional<Duration> parse(Map<String, List<String>> headers, Instant now) {
        return RetryAfter.fromHeaders(name -> firstValue(headers, name), now);
    }

    private static Optional<String> firstValue(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (name.equalsIgnoreCase(header.getKey()) && header.getValue() != null && !header.getValue().isEmpty()) {
                return Optional.ofNullable(header.getValue().get(0));
            }
        }
        return Optional.empty();
    }
}
