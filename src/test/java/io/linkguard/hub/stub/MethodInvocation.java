package io.linkguard.hub.stub;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One direct method the stub hub received (directly, or run by a job).
 *
 * @param moduleId null for a device
 * @param jobId    the job that ran it, or null for a direct call
 */
public record MethodInvocation(Instant at, String deviceId, String moduleId, String methodName, JsonNode payload,
                               int connectTimeoutSeconds, int responseTimeoutSeconds, String jobId) {
}
