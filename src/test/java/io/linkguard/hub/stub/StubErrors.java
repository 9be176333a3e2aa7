package io.linkguard.hub.stub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/** IoT Hub's error body: {@code {"errorCode":412002,"trackingId":"...","message":"...","timestampUtc":"..."}}. */
final class StubErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StubErrors() {
    }

    static String body(int errorCode, String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("errorCode", errorCode);
        n.put("trackingId", UUID.randomUUID().toString().replace("-", "") + "-G:0-TimeStamp:" + Instant.now());
        n.put("message", message);
        n.putObject("info");
        n.put("timestampUtc", Instant.now().toString());
        return n.toString();
    }

    /** ARM's error body. */
    static String armBody(String code, String message) {
        ObjectNode n = JSON.createObjectNode();
        ObjectNode error = n.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return n.toString();
    }
}
