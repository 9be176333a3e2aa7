package io.linkguard.remediation.backoff;

import io.linkguard.remediation.tag.TagCodec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The instruction of docs/backoff-contract.md ({@code linkguard.backoff/1}): the direct method's payload,
 * and the same object as {@code properties.desired.linkguard.backoff}. The same commandId always carries the
 * same instruction: everything but the reason comes from the commandId's recorded holdUntil and the settings.
 */
public record BackoffInstruction(String commandId, String classification, String reason, Instant holdUntil) {

    public static final String SCHEMA = "linkguard.backoff/1";
    /** Key of the instruction in {@code properties.desired.linkguard}. */
    public static final String DESIRED_KEY = "backoff";

    public Map<String, Object> payload(BackoffSettings settings) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("schema", SCHEMA);
        p.put("commandId", commandId);
        p.put("classification", classification);
        p.put("reason", reason);
        p.put("minBackoffSeconds", settings.minBackoffSeconds());
        p.put("maxBackoffSeconds", settings.maxBackoffSeconds());
        p.put("jitter", settings.jitter());
        p.put("holdSeconds", settings.hold().toSeconds());
        p.put("holdUntil", TagCodec.format(holdUntil));
        p.put("advice", settings.advice());
        return p;
    }

    /** The desired-property patch carrying the instruction. */
    public Map<String, Object> desiredPatch(BackoffSettings settings) {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put(DESIRED_KEY, payload(settings));
        return patch;
    }

    /** The desired-property patch that withdraws any instruction. */
    public static Map<String, Object> clearDesiredPatch() {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put(DESIRED_KEY, null);
        return patch;
    }

    /**
     * Did the device accept this instruction? Status 200 with {@code accepted: true} (and, when it echoes
     * one, this commandId), per the contract.
     */
    public boolean acceptedBy(int status, Map<String, Object> response) {
        if (status != 200 || response == null || !Boolean.TRUE.equals(response.get("accepted"))) {
            return false;
        }
        Object echoed = response.get("commandId");
        return echoed == null || commandId.equals(echoed);
    }
}
