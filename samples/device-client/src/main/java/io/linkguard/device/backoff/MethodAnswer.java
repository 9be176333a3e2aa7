package io.linkguard.device.backoff;

import java.util.Map;

/** The direct method's status and JSON payload, as the contract defines them (200 accepted, 400 rejected). */
public record MethodAnswer(int status, Map<String, Object> payload) {
}
