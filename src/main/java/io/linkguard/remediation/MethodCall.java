package io.linkguard.remediation;

import java.time.Duration;
import java.util.Map;

/** A direct-method invocation: name, JSON payload and the two timeouts (never the SDK's 200 s defaults). */
public record MethodCall(String methodName, Map<String, Object> payload, Duration connectTimeout,
                         Duration responseTimeout) {
}
