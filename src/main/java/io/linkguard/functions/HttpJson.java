package io.linkguard.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;

/** JSON responses of the HTTP functions. */
final class HttpJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpJson() {
    }

    static HttpResponseMessage respond(HttpRequestMessage<?> request, int status, Object body) {
        return respond(request, status, body, java.util.Map.of());
    }

    static HttpResponseMessage respond(HttpRequestMessage<?> request, int status, Object body,
                                       java.util.Map<String, String> headers) {
        try {
            HttpResponseMessage.Builder b = request.createResponseBuilder(HttpStatusType.custom(status))
                    .header("Content-Type", "application/json");
            headers.forEach(b::header);
            return b.body(JSON.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
