package io.linkguard.device;

import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the full twin after a connect and asks again when no answer comes in time. One request is not enough: the
 * answer is lost when the connection drops or is taken over right after the request, or when the request went out
 * before the hub side was listening, and the SDK never reports that, so a back-off written as a desired property
 * while the device was offline would be missed until the next reconnect.
 *
 * <p>Every answer is handed on, late ones included: {@link DesiredBackoff} orders twins by {@code $version}. A new
 * {@link #request()} supersedes the retries of the one before.
 */
final class TwinRefresh {
    private static final Logger log = LoggerFactory.getLogger(TwinRefresh.class);

    private final DeviceClient client;
    private final String deviceId;
    private final Consumer<Twin> onTwin;
    private final BooleanSupplier connected;
    private final ScheduledExecutorService timer;
    private final Duration answerTimeout;
    private final int attempts;
    private final AtomicLong generation = new AtomicLong();

    TwinRefresh(DeviceClient client, String deviceId, Consumer<Twin> onTwin, BooleanSupplier connected,
                ScheduledExecutorService timer, Duration answerTimeout, int attempts) {
        this.client = client;
        this.deviceId = deviceId;
        this.onTwin = onTwin;
        this.connected = connected;
        this.timer = timer;
        this.answerTimeout = answerTimeout;
        this.attempts = attempts;
    }

    /** Asks for the full twin now, and again (up to the attempt limit) while no answer comes and the device stays connected. */
    void request() {
        send(generation.incrementAndGet(), 1);
    }

    private void send(long requestGeneration, int attempt) {
        AtomicBoolean answered = new AtomicBoolean();
        try {
            client.getTwinAsync((twin, error, context) -> {
                answered.set(true);
                if (error == null) {
                    onTwin.accept(twin);
                } else {
                    log.warn("{}: could not read the twin (attempt {} of {}): {}", deviceId, attempt, attempts, error.getMessage());
                    retryLater(requestGeneration, attempt);
                }
            }, null);
        } catch (IllegalStateException closed) {
            log.debug("{}: client closed before the twin could be read; the next open reads it", deviceId);
            return;
        }
        timer.schedule(() -> {
            if (!answered.get()) {
                log.warn("{}: no answer to the twin read within {} ms (attempt {} of {})", deviceId, answerTimeout.toMillis(),
                        attempt, attempts);
                retryNow(requestGeneration, attempt);
            }
        }, answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void retryLater(long requestGeneration, int attempt) {
        timer.schedule(() -> retryNow(requestGeneration, attempt), answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void retryNow(long requestGeneration, int attempt) {
        if (generation.get() != requestGeneration || !connected.getAsBoolean()) {
            return; // superseded by a newer read, or the next connect reads it
        }
        if (attempt >= attempts) {
            log.warn("{}: gave up reading the twin after {} attempts; the next connect reads it again", deviceId, attempts);
            return;
        }
        send(requestGeneration, attempt + 1);
    }
}
