package io.linkguard.device;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.ConnectionStatusChangeContext;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.IotHubConnectionStatusChangeReason;
import com.microsoft.azure.sdk.iot.device.IotHubStatusCode;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import com.microsoft.azure.sdk.iot.device.transport.IotHubConnectionStatus;
import com.microsoft.azure.sdk.iot.device.twin.DirectMethodPayload;
import com.microsoft.azure.sdk.iot.device.twin.DirectMethodResponse;
import com.microsoft.azure.sdk.iot.device.twin.ReportedPropertiesCallback;
import com.microsoft.azure.sdk.iot.device.twin.ReportedPropertiesUpdateResponse;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import io.linkguard.device.backoff.BackoffController;
import io.linkguard.device.backoff.BackoffInstruction;
import io.linkguard.device.backoff.ReportedBackoff;
import io.linkguard.device.reconnect.ReconnectPolicy;
import io.linkguard.device.takeover.TakeoverDetector;
import java.io.EOFException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device application that connects the way LinkGuard asks devices to connect, and honours its back-off.
 *
 * <ul>
 *   <li><b>One client per identity.</b> One {@link DeviceClient}, created once. The SDK owns reconnection
 *       ({@link SdkRetryPolicy}: exponential back-off with jitter). While the SDK reports DISCONNECTED_RETRYING the
 *       application does nothing; only when the SDK reports DISCONNECTED (it gave up) does the connection manager
 *       thread close and re-open the same client — never a second client next to a retrying one.</li>
 *   <li><b>Back-off.</b> The direct method {@code linkguardBackoff} and the desired property
 *       {@code linkguard.backoff} (read from the full twin after every connect, then from patches) feed one
 *       {@link BackoffController}; its answer goes back as the method response, its state to
 *       {@code properties.reported.linkguard.backoff}, its policy into every reconnect delay until the hold ends.</li>
 *   <li><b>Shared identity.</b> {@link TakeoverDetector} recognises repeated takeovers; the device then logs it as
 *       an error and stops reconnecting for a cool-down instead of kicking the other client off in a loop.</li>
 * </ul>
 *
 * Callbacks run on SDK threads and never block: opening and closing happen on the connection manager thread only.
 */
public final class ReferenceDevice implements AutoCloseable {
    public static final String DEFAULT_METHOD_NAME = "linkguardBackoff";
    private static final int TWIN_READ_ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(ReferenceDevice.class);

    private final DeviceClient client;
    private final String deviceId;
    private final String methodName;
    private final BackoffController backoff;
    private final TakeoverDetector takeovers;
    private final DesiredBackoff desired = new DesiredBackoff();
    private final Duration normalOperationTimeout;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Semaphore sdkGaveUp = new Semaphore(0);
    private final AtomicInteger clientOpens = new AtomicInteger();
    private final ScheduledExecutorService holdTimer;
    private final TwinRefresh twinRefresh;
    private final Thread connectionManager;
    private final Object reportLock = new Object();
    private ReportedBackoff unsentReport;
    private ReportedBackoff reportInFlight;
    private volatile IotHubConnectionStatus status = IotHubConnectionStatus.DISCONNECTED;
    private volatile boolean stopping;

    private ReferenceDevice(Builder builder) {
        this.clock = builder.clock;
        this.random = builder.random;
        this.methodName = builder.methodName;
        this.normalOperationTimeout = builder.operationTimeout;
        this.backoff = new BackoffController(builder.normalPolicy, clock);
        this.takeovers = new TakeoverDetector(builder.takeoverThreshold, builder.takeoverWindow, builder.takeoverCooldown,
                clock, random);
        this.client = new DeviceClient(builder.connectionString, IotHubClientProtocol.MQTT, builder.clientOptions);
        this.deviceId = client.getConfig().getDeviceId();
        client.setRetryPolicy(new SdkRetryPolicy(backoff, takeovers, random));
        client.setOperationTimeout(normalOperationTimeout.toMillis());
        client.setConnectionStatusChangeCallback(this::onStatusChanged, null);
        this.holdTimer = Executors.newSingleThreadScheduledExecutor(runnable -> thread(runnable, "linkguard-hold-timer", true));
        this.twinRefresh = new TwinRefresh(client, deviceId, this::onFullTwin, () -> status == IotHubConnectionStatus.CONNECTED,
                holdTimer, builder.twinAnswerTimeout, TWIN_READ_ATTEMPTS);
        this.connectionManager = thread(this::manageConnection, "linkguard-connection-manager", false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        connectionManager.start();
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        connectionManager.interrupt();
        client.close();
        connectionManager.join(TimeUnit.SECONDS.toMillis(10));
        client.close();
        holdTimer.shutdownNow();
    }

    public String deviceId() {
        return deviceId;
    }

    public IotHubConnectionStatus status() {
        return status;
    }

    /** The LinkGuard back-off in force, if any. */
    public Optional<BackoffInstruction> activeBackoff() {
        return backoff.activeInstruction();
    }

    /** The policy the next reconnect attempt will use. */
    public ReconnectPolicy reconnectPolicy() {
        return backoff.currentPolicy();
    }

    /** True while the device stays offline because another client appears to use its identity. */
    public boolean yieldingIdentity() {
        return takeovers.yielding();
    }

    /** How many times the application opened the client (1 + each re-open after the SDK gave up). */
    public int clientOpens() {
        return clientOpens.get();
    }

    private void manageConnection() {
        int failedOpens = 0;
        while (!stopping) {
            try {
                waitOutYield();
                sdkGaveUp.drainPermits();
                client.close(); // nothing the first time; a client the SDK gave up on must be closed before it is opened
                openAndSubscribe();
                failedOpens = 0;
                sdkGaveUp.acquire(); // the SDK reconnects by itself meanwhile; this returns only once it has given up
            } catch (InterruptedException e) {
                return;
            } catch (IotHubClientException | RuntimeException e) {
                if (stopping) {
                    return;
                }
                if (takeovers.yielding()) {
                    continue;
                }
                Duration wait = backoff.currentPolicy().delayBefore(failedOpens++, random.getAsDouble());
                log.warn("{}: could not open the connection ({}); next try in {} ms", deviceId, describe(e), wait.toMillis());
                if (!sleep(wait)) {
                    return;
                }
            }
        }
    }

    private void openAndSubscribe() throws IotHubClientException, InterruptedException {
        clientOpens.incrementAndGet();
        client.open(true);
        if (stopping) {
            client.close();
            return;
        }
        client.subscribeToMethods(this::onMethod, null);
        client.subscribeToDesiredProperties((twin, context) -> onDesiredPatch(twin), null);
        twinRefresh.request();
        flushReport();
        log.info("{}: connected and subscribed (back-off method '{}', desired property linkguard.backoff)", deviceId, methodName);
    }

    private void waitOutYield() throws InterruptedException {
        Optional<Instant> until = takeovers.yieldUntil();
        if (until.isEmpty()) {
            return;
        }
        Duration pause = Duration.between(clock.instant(), until.get());
        if (!pause.isNegative() && !pause.isZero()) {
            log.warn("{}: staying offline until {} because another client appears to use this identity", deviceId, until.get());
            Thread.sleep(pause.toMillis());
        }
        takeovers.resumed();
        log.warn("{}: connecting again after the cool-down; one more takeover soon after and it yields again at once", deviceId);
    }

    private void onStatusChanged(ConnectionStatusChangeContext change) {
        IotHubConnectionStatus newStatus = change.getNewStatus();
        IotHubConnectionStatusChangeReason reason = change.getNewStatusReason();
        status = newStatus;
        switch (newStatus) {
            case CONNECTED -> {
                takeovers.connected();
                if (change.getPreviousStatus() == IotHubConnectionStatus.DISCONNECTED_RETRYING) {
                    log.info("{}: reconnected by the SDK; reading the twin for desired properties missed meanwhile", deviceId);
                    twinRefresh.request();
                    flushReport();
                }
            }
            case DISCONNECTED_RETRYING -> {
                log.info("{}: connection lost ({}: {}); the SDK is reconnecting, the application leaves it alone", deviceId,
                        reason, describe(change.getCause()));
                takeovers.connectionLost(closedByRemote(change.getCause())).ifPresent(this::logSharedIdentity);
            }
            case DISCONNECTED -> {
                takeovers.connectionLost(false);
                if (reason != IotHubConnectionStatusChangeReason.CLIENT_CLOSE) {
                    log.warn("{}: the SDK gave up reconnecting ({}: {}); the connection manager will re-open the client",
                            deviceId, reason, describe(change.getCause()));
                    sdkGaveUp.release();
                }
            }
        }
    }

    private DirectMethodResponse onMethod(String name, DirectMethodPayload payload, Object context) {
        if (!methodName.equals(name)) {
            return new DirectMethodResponse(404, Map.of("error", "this device has no method '" + name + "'"));
        }
        BackoffController.MethodOutcome outcome = backoff.onMethod(payload.getPayloadAsJsonElement());
        afterChange(outcome.report());
        return new DirectMethodResponse(outcome.answer().status(), outcome.answer().payload());
    }

    private void onDesiredPatch(Twin patch) {
        TwinCollection properties = patch.getDesiredProperties();
        if (desired.patchFrom(properties, properties.getVersion())) {
            afterChange(backoff.onDesired(desired.value(), false));
        }
    }

    private void onFullTwin(Twin twin) {
        TwinCollection properties = twin.getDesiredProperties();
        if (desired.replaceFrom(properties, properties.getVersion())) {
            afterChange(backoff.onDesired(desired.value(), true));
        }
    }

    /** After any back-off change: report it, keep the SDK retrying for as long as the hold needs, end it on time. */
    private void afterChange(Optional<ReportedBackoff> report) {
        report.ifPresent(value -> {
            synchronized (reportLock) {
                unsentReport = value;
            }
            flushReport();
        });
        Optional<BackoffInstruction> held = backoff.activeInstruction();
        // The SDK gives up once a reconnection has taken longer than its operation timeout; a back-off's long
        // delays must not run into it, or the application would re-open and restart the exponential sequence.
        Duration timeout = held
                .map(instruction -> Duration.between(clock.instant(), instruction.holdUntil()).plus(instruction.policy().longestDelay()))
                .filter(needed -> needed.compareTo(normalOperationTimeout) > 0)
                .orElse(normalOperationTimeout);
        client.setOperationTimeout(timeout.toMillis());
        held.ifPresent(instruction -> holdTimer.schedule(() -> afterChange(backoff.expireIfDue()),
                Math.max(0, Duration.between(clock.instant(), instruction.holdUntil()).toMillis()) + 20, TimeUnit.MILLISECONDS));
    }

    private void flushReport() {
        ReportedBackoff value;
        synchronized (reportLock) {
            if (unsentReport == null || unsentReport.equals(reportInFlight)) {
                return;
            }
            value = unsentReport;
            reportInFlight = value;
        }
        Map<String, Object> section = new HashMap<>();
        section.put("backoff", value.toMap());
        TwinCollection patch = new TwinCollection();
        patch.put("linkguard", section);
        try {
            client.updateReportedPropertiesAsync(patch, (ReportedPropertiesCallback) this::onReportAcknowledged, value);
        } catch (IllegalStateException closed) {
            synchronized (reportLock) {
                reportInFlight = null;
            }
            log.debug("{}: reported property kept until the client is open again", deviceId);
        }
    }

    private void onReportAcknowledged(IotHubStatusCode statusCode, ReportedPropertiesUpdateResponse response,
                                      IotHubClientException error, Object sent) {
        synchronized (reportLock) {
            if (Objects.equals(reportInFlight, sent)) {
                reportInFlight = null;
            }
            if (error == null && Objects.equals(unsentReport, sent)) {
                unsentReport = null;
            }
        }
        if (error != null) {
            log.warn("{}: reported property not accepted ({}); sent again after the next connect", deviceId, describe(error));
        }
    }

    private void logSharedIdentity(TakeoverDetector.Suspicion suspicion) {
        if (suspicion.onProbation()) {
            log.error("SHARED IDENTITY: {} was taken over again {} s after coming back: another client is still using this "
                            + "identity. Not fighting back: no reconnect until {}. Fix: give every client its own identity.",
                    deviceId, suspicion.lastConnectionLasted().toSeconds(), suspicion.yieldUntil());
            return;
        }
        log.error("SHARED IDENTITY SUSPECTED: the hub closed {}'s established connection {} times within {} s although "
                        + "every reconnect succeeded at once. Another client (a cloned image, a copied connection string, "
                        + "a second process) is using this identity, and each connection kicks the other off. Not fighting "
                        + "back: no reconnect until {}, then one try. Fix: give every client its own identity (LinkGuard "
                        + "classifies this as shared-identity; a back-off does not help).",
                deviceId, suspicion.takeovers(), suspicion.window().toSeconds(), suspicion.yieldUntil());
    }

    /** The hub (or broker) ended the connection: the socket reached its end, as after a takeover. */
    static boolean closedByRemote(Throwable cause) {
        for (Throwable current = cause; current != null; current = current.getCause()) {
            if (current instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return "no cause given";
        }
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" / ").append(cause.getClass().getSimpleName());
        }
        return text.toString();
    }

    private boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static Thread thread(Runnable body, String name, boolean daemon) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(daemon);
        return thread;
    }

    /** Configures a {@link ReferenceDevice}; only the connection string is required. */
    public static final class Builder {
        private String connectionString;
        private ClientOptions clientOptions = ClientOptions.builder().build();
        private String methodName = DEFAULT_METHOD_NAME;
        private ReconnectPolicy normalPolicy = ReconnectPolicy.ofSeconds(1, 60, 0.5);
        private int takeoverThreshold = 3;
        private Duration takeoverWindow = Duration.ofMinutes(10);
        private Duration takeoverCooldown = Duration.ofMinutes(15);
        private Duration operationTimeout = Duration.ofMinutes(4);
        private Duration twinAnswerTimeout = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder() {
        }

        /** The device's connection string ({@code HostName=...;DeviceId=...;SharedAccessKey=...}). */
        public Builder connectionString(String connectionString) {
            this.connectionString = connectionString;
            return this;
        }

        /** SDK client options (e.g. an SSLContext that trusts a private CA, keep-alive). */
        public Builder clientOptions(ClientOptions clientOptions) {
            this.clientOptions = Objects.requireNonNull(clientOptions, "clientOptions");
            return this;
        }

        /** The back-off method's name: LinkGuard's LINKGUARD_BACKOFF_METHOD (default linkguardBackoff). */
        public Builder backoffMethodName(String methodName) {
            this.methodName = Objects.requireNonNull(methodName, "methodName");
            return this;
        }

        /** The reconnect policy when no back-off holds (default 1 s..60 s, jitter 0.5). */
        public Builder normalPolicy(ReconnectPolicy normalPolicy) {
            this.normalPolicy = Objects.requireNonNull(normalPolicy, "normalPolicy");
            return this;
        }

        /** Takeovers within {@code window} that mean a shared identity, and how long to stay off then (3, 10 min, 15 min). */
        public Builder takeoverDetection(int threshold, Duration window, Duration cooldown) {
            this.takeoverThreshold = threshold;
            this.takeoverWindow = window;
            this.takeoverCooldown = cooldown;
            return this;
        }

        /** How long the SDK keeps reconnecting before it gives up (the SDK's operation timeout; default 4 min). */
        public Builder operationTimeout(Duration operationTimeout) {
            this.operationTimeout = Objects.requireNonNull(operationTimeout, "operationTimeout");
            return this;
        }

        /** How long to wait for the full twin after a connect before asking again (default 10 s, up to 5 reads). */
        public Builder twinAnswerTimeout(Duration twinAnswerTimeout) {
            this.twinAnswerTimeout = Objects.requireNonNull(twinAnswerTimeout, "twinAnswerTimeout");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The jitter source: uniform in [0, 1). */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public ReferenceDevice build() {
            if (connectionString == null || connectionString.isBlank()) {
                throw new IllegalArgumentException("a device connection string is required");
            }
            return new ReferenceDevice(this);
        }
    }
}
