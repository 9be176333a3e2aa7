package io.linkguard.hub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.sdk.iot.service.methods.DirectMethodResponse;
import io.linkguard.remediation.MethodCall;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a direct-method call may carry, what it costs on the hub's meter, and its answer as a plain map. */
final class MethodCalls {
    /** The largest direct-method payload IoT Hub accepts. */
    static final int MAX_PAYLOAD_BYTES = 128 * 1024;
    /** Allowed direct-method timeouts (seconds), per the REST API. */
    static final int MAX_TIMEOUT = 300;
    static final int MIN_RESPONSE_TIMEOUT = 5;

    private static final ObjectMapper JSON = new ObjectMapper();

    private MethodCalls() {
    }

    /** Why the SDK or the hub would refuse this call, or null. */
    static String problem(MethodCall call) {
        String name = call.methodName();
        if (name == null || name.isBlank() || name.contains(".") || name.contains("$") || name.contains(" ")) {
            return "method name '" + name + "': iot-service-client refuses names that are empty or contain '.', '$' or a space";
        }
        long connect = call.connectTimeout() == null ? -1 : call.connectTimeout().toSeconds();
        long response = call.responseTimeout() == null ? -1 : call.responseTimeout().toSeconds();
        if (connect < 0 || connect > MAX_TIMEOUT) {
            return "connect timeout must be 0-" + MAX_TIMEOUT + " s, got " + call.connectTimeout();
        }
        if (response < MIN_RESPONSE_TIMEOUT || response > MAX_TIMEOUT) {
            return "response timeout must be " + MIN_RESPONSE_TIMEOUT + "-" + MAX_TIMEOUT + " s, got "
                    + call.responseTimeout();
        }
        int bytes = payloadBytes(call.payload());
        if (bytes < 0) {
            return "the payload is not plain JSON (String, Number, Boolean, Map, List, null)";
        }
        if (bytes > MAX_PAYLOAD_BYTES) {
            return "payload of " + bytes + " bytes exceeds the hub's " + MAX_PAYLOAD_BYTES;
        }
        return null;
    }

    /** Direct methods are metered in 4 KB units of payload; a call costs at least one. */
    static int units(Map<String, Object> payload) {
        int bytes = Math.max(0, payloadBytes(payload));
        return Math.max(1, (bytes + PublishedThrottles.METHOD_UNIT_BYTES - 1) / PublishedThrottles.METHOD_UNIT_BYTES);
    }

    private static int payloadBytes(Map<String, Object> payload) {
        if (payload == null) {
            return 4;
        }
        if (!plainJson(payload)) {
            return -1;
        }
        try {
            return JSON.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8).length;
        } catch (JsonProcessingException e) {
            return -1;
        }
    }

    private static boolean plainJson(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return true;
        }
        if (v instanceof Map<?, ?> m) {
            return m.keySet().stream().allMatch(k -> k instanceof String) && m.values().stream().allMatch(MethodCalls::plainJson);
        }
        if (v instanceof List<?> l) {
            return l.stream().allMatch(MethodCalls::plainJson);
        }
        return false;
    }

    static Map<String, Object> payloadMap(DirectMethodResponse answer) {
        String json = answer.getPayloadAsJsonString();
        if (json == null || json.isBlank() || json.equals("null")) {
            return Map.of();
        }
        try {
            Object value = JSON.readValue(json, Object.class);
            if (value instanceof Map<?, ?>) {
                return JSON.convertValue(value, new TypeReference<Map<String, Object>>() { });
            }
            Map<String, Object> wrapped = new LinkedHashMap<>();
            wrapped.put("value", value);
            return wrapped;
        } catch (JsonProcessingException e) {
            return Map.of("value", json);
        }
    }
}
