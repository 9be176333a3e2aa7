package io.linkguard.hub.stub;

import java.time.Instant;
import java.util.Map;

/**
 * One request the stub hub received and how it answered.
 *
 * @param nanoTime     {@code System.nanoTime()} on arrival, for rate measurements
 * @param path         the decoded path segments joined by '/', e.g. {@code twins/dev 1/modules/m1}
 * @param headers      request headers, names in lower case, first value only
 * @param status       the HTTP status the stub answered
 */
public record RecordedRequest(Instant at, long nanoTime, String method, String path, String query,
                              Map<String, String> headers, String body, StubOperation operation, int status) {

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
