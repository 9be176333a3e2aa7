package io.linkguard.device;

import com.microsoft.azure.sdk.iot.device.transport.RetryDecision;
import com.microsoft.azure.sdk.iot.device.transport.RetryPolicy;
import com.microsoft.azure.sdk.iot.device.transport.TransportException;
import io.linkguard.device.backoff.BackoffController;
import io.linkguard.device.backoff.BackoffInstruction;
import io.linkguard.device.reconnect.ReconnectPolicy;
import io.linkguard.device.takeover.TakeoverDetector;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's reconnect policy, set once on the client. The SDK reads its policy once per reconnection and asks it
 * before every attempt, so this one object decides each delay from the state at that moment: the LinkGuard
 * back-off while one holds, the normal policy otherwise — and no retry at all while the device yields its
 * identity to another client (the SDK then gives up and reports DISCONNECTED).
 */
final class SdkRetryPolicy implements RetryPolicy {
    private static final Logger log = LoggerFactory.getLogger(SdkRetryPolicy.class);

    private final BackoffController backoff;
    private final TakeoverDetector takeovers;
    private final DoubleSupplier random;

    SdkRetryPolicy(BackoffController backoff, TakeoverDetector takeovers, DoubleSupplier random) {
        this.backoff = backoff;
        this.takeovers = takeovers;
        this.random = random;
    }

    @Override
    public RetryDecision getRetryDecision(int attempt, TransportException lastException) {
        if (takeovers.yielding()) {
            log.info("Not reconnecting: yielding this identity to the other client until {}", takeovers.yieldUntil().orElse(null));
            return new RetryDecision(false, 0);
        }
        Optional<BackoffInstruction> held = backoff.activeInstruction();
        ReconnectPolicy policy = held.map(BackoffInstruction::policy).orElse(backoff.normalPolicy());
        Duration delay = policy.delayBefore(attempt, random.getAsDouble());
        log.info("Reconnect attempt {} in {} ms ({})", attempt + 1, delay.toMillis(), held
                .map(instruction -> "LinkGuard back-off " + instruction.commandId() + ": " + policy.describe())
                .orElse("normal policy " + policy.describe()));
        return new RetryDecision(true, delay.toMillis());
    }
}
