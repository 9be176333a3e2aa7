package io.linkguard.tickets.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkguard.tickets.Redactor;
import io.linkguard.tickets.TicketSinkException;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** A response a sink accepted: status, headers, body. */
public record HttpResult(int status, HttpHeaders headers, byte[] body, String sink, String operation, Redactor redactor) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body as JSON; a body that is not JSON (an HTML login page of a sleeping instance) is a transient failure. */
    public JsonNode json() throws TicketSinkException {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new IOException("empty body");
            }
            return node;
        } catch (IOException e) {
            String start = new String(body, 0, Math.min(body.length, 60), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
            throw new TicketSinkException(TicketSinkException.Kind.TRANSIENT, sink + " " + operation + ": HTTP " + status
                    + " with a body that is not JSON (starts '" + redactor.scrub(start.replaceAll("[^\\x20-\\x7e]", "?")) + "')");
        }
    }
}
