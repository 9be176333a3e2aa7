package io.linkguard.hub.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a device (or module) in the stub hub reacts to a direct method. Script it per identity with
 * {@code stub.onMethod(deviceId, behaviour)}:
 *
 * <pre>{@code
 * stub.onMethod("d1", MethodBehaviour.answer(200, "{\"accepted\":true}"));
 * stub.onMethod("d2", MethodBehaviour.notOnline());                   // 404 404103
 * stub.onMethod("d3", MethodBehaviour.timeout());                     // 504 504101
 * stub.onMethod("d4", MethodBehaviour.sequence(MethodBehaviour.notOnline(), MethodBehaviour.accept()));
 * stub.onMethod("d5", MethodBehaviour.delayed(Duration.ofSeconds(2), MethodBehaviour.accept()));
 * }</pre>
 *
 * Without a script a connected identity accepts ({@link #accept()}) and a disconnected one is
 * {@link #notOnline()}, as on a real hub.
 */
@FunctionalInterface
public interface MethodBehaviour {

    /** What the hub answers for this invocation. */
    Reaction react(MethodInvocation invocation);

    /**
     * The hub's answer: the device answered ({@code httpStatus} 200 with the device's {@code status} and
     * {@code payload}) or the hub's own error ({@code httpStatus} 404/504 with {@code errorCode}), after
     * {@code delay} of real time.
     */
    record Reaction(int httpStatus, int status, JsonNode payload, int errorCode, String message, Duration delay) {
        boolean answered() {
            return httpStatus == 200;
        }
    }

    /** The device answers with {@code status} and {@code payloadJson}. */
    static MethodBehaviour answer(int status, String payloadJson) {
        JsonNode payload = parse(payloadJson);
        return inv -> new Reaction(200, status, payload, 0, null, Duration.ZERO);
    }

    /** The device accepts: status 200, {@code {"accepted": true}}. */
    static MethodBehaviour accept() {
        return answer(200, "{\"accepted\":true}");
    }

    /** 404 404103: the device did not connect within the connect timeout (or has no handler). */
    static MethodBehaviour notOnline() {
        return inv -> new Reaction(404, 0, null, 404103, "Timed out waiting for device to connect.", Duration.ZERO);
    }

    /** 504 504101: the device did not answer within the response timeout. */
    static MethodBehaviour timeout() {
        return inv -> new Reaction(504, 0, null, 504101, "Timed out waiting for the response from device.", Duration.ZERO);
    }

    /** {@code then}, after holding the request for {@code delay} of real time. */
    static MethodBehaviour delayed(Duration delay, MethodBehaviour then) {
        return inv -> {
            Reaction r = then.react(inv);
            return new Reaction(r.httpStatus, r.status, r.payload, r.errorCode, r.message, r.delay.plus(delay));
        };
    }

    /** One behaviour per invocation, in order; the last one repeats. */
    static MethodBehaviour sequence(MethodBehaviour... steps) {
        List<MethodBehaviour> list = List.of(steps);
        AtomicInteger next = new AtomicInteger();
        return inv -> list.get(Math.min(next.getAndIncrement(), list.size() - 1)).react(inv);
    }

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json == null ? "null" : json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }
}
