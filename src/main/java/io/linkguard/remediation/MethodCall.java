package io.linkguard.remediation;

import io.linkguard.remediation.backoff.BackoffInstruction;
import io.linkguard.remediation.backoff.BackoffSettings;
import java.time.Duration;
import java.util.Map;

/** A direct-method invocation: name, JSON payload and the two timeouts (never the SDK's 200 s defaults). */
public record MethodCall(String methodName, Map<String, Object> payload, Duration connectTimeout,
                         Duration responseTimeout) {

    /** The back-off instruction sent as the settings' direct method, with the settings' timeouts. */
    public static MethodCall backoff(BackoffInstruction instruction, BackoffSettings settings) {
        return new MethodCall(settings.methodName(), instruction.payload(settings), settings.connectTimeout(),
                settings.responseTimeout());
    }
}
