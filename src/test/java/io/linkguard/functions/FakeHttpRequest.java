package io.linkguard.functions;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An HTTP trigger's request as the Java worker builds it, and the response builder it hands out. */
final class FakeHttpRequest implements HttpRequestMessage<Optional<String>> {
    private final HttpMethod method;
    private final String body;

    FakeHttpRequest(HttpMethod method, String body) {
        this.method = method;
        this.body = body;
    }

    static final class Response implements HttpResponseMessage {
        final HttpStatusType status;
        final Map<String, String> headers;
        final Object body;

        Response(HttpStatusType status, Map<String, String> headers, Object body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        @Override
        public HttpStatusType getStatus() {
            return status;
        }

        @Override
        public String getHeader(String name) {
            return headers.get(name);
        }

        @Override
        public Object getBody() {
            return body;
        }
    }

    @Override
    public URI getUri() {
        return URI.create("https://linkguard.azurewebsites.net/api/x");
    }

    @Override
    public HttpMethod getHttpMethod() {
        return method;
    }

    @Override
    public Map<String, String> getHeaders() {
        return Map.of("content-type", "application/json");
    }

    @Override
    public Map<String, String> getQueryParameters() {
        return Map.of();
    }

    @Override
    public Optional<String> getBody() {
        return Optional.ofNullable(body);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return createResponseBuilder((HttpStatusType) status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new HttpResponseMessage.Builder() {
            private HttpStatusType s = status;
            private final Map<String, String> headers = new HashMap<>();
            private Object b;

            @Override
            public HttpResponseMessage.Builder status(HttpStatusType st) {
                s = st;
                return this;
            }

            @Override
            public HttpResponseMessage.Builder header(String key, String value) {
                headers.put(key, value);
                return this;
            }

            @Override
            public HttpResponseMessage.Builder body(Object body) {
                b = body;
                return this;
            }

            @Override
            public HttpResponseMessage build() {
                return new Response(s, headers, b);
            }
        };
    }
}
