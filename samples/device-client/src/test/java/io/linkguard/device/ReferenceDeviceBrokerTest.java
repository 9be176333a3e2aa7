package io.linkguard.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.transport.IotHubConnectionStatus;
import io.linkguard.device.broker.HubSimulator;
import io.linkguard.device.broker.HubSimulator.BrokerEvent;
import io.linkguard.device.broker.HubSimulator.MethodResult;
import io.linkguard.device.broker.Intruder;
import io.linkguard.device.broker.LogCapture;
import io.linkguard.device.broker.MosquittoBroker;
import io.linkguard.device.reconnect.ReconnectPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference device with its real SDK (MQTT over TLS) against a real Mosquitto broker; the test plays IoT Hub
 * on the hub's device topics ({@link HubSimulator}) and a clone on the same identity ({@link Intruder}). Reconnect
 * timing is measured from the broker's own connection log, not from inside the device.
 */
class ReferenceDeviceBrokerTest {
    private static final String HUB_HOST = "lg-test.azure-devices.net";
    private static final ReconnectPolicy FAST_NORMAL_POLICY = new ReconnectPolicy(Duration.ofMillis(100), Duration.ofMillis(400), 0);

    @TempDir
    static Path brokerDirectory;
    static MosquittoBroker broker;
    HubSimulator hub;
    LogCapture logs;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = MosquittoBroker.start(brokerDirectory);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void connectHub() throws Exception {
        logs = new LogCapture();
        hub = HubSimulator.connect(broker);
    }

    @AfterEach
    void closeHub() throws Exception {
        try {
            hub.close();
        } finally {
            logs.close();
        }
    }

    @Test
    void backoffMethodIsAnsweredReportedAndSlowsTheNextReconnect() throws Exception {
        String id = "device-method";
        try (ReferenceDevice device = started(device(id))) {
            Duration normalGap = reconnectGapAfterTakeover(id);

            MethodResult accepted = hub.invokeMethod("linkguardBackoff", instruction("lg-m-1", 3, 3, 0, "\"holdSeconds\": 120"),
                    Duration.ofSeconds(10));

            assertThat(accepted.status()).isEqualTo(200);
            JsonObject answer = accepted.payloadObject();
            assertThat(answer.get("accepted").getAsBoolean()).isTrue();
            assertThat(answer.get("commandId").getAsString()).isEqualTo("lg-m-1");
            Instant appliedUntil = Instant.parse(answer.get("appliedUntil").getAsString());
            assertThat(appliedUntil).isBetween(Instant.now().plusSeconds(110), Instant.now().plusSeconds(121));
            assertThat(answer.getAsJsonObject("policy"))
                    .isEqualTo(JsonParser.parseString("{\"minBackoffSeconds\":3,\"maxBackoffSeconds\":3,\"jitter\":0.0}"));
            assertThat(answer.get("message").getAsString()).contains("3s..3s").contains(appliedUntil.toString());
            assertThat(awaitReported("lg-m-1", "applied"))
                    .isEqualTo(reported("lg-m-1", "applied", "method", appliedUntil.toString(), null));
            assertThat(device.reconnectPolicy()).isEqualTo(ReconnectPolicy.ofSeconds(3, 3, 0));

            Duration heldGap = reconnectGapAfterTakeover(id);

            assertThat(normalGap).as("reconnect after a takeover with the normal policy").isLessThan(Duration.ofMillis(2500));
            assertThat(heldGap).as("reconnect after a takeover under the back-off").isBetween(Duration.ofSeconds(3), Duration.ofSeconds(8));

            MethodResult repeated = hub.invokeMethod("linkguardBackoff", instruction("lg-m-1", 3, 3, 0, "\"holdSeconds\": 120"),
                    Duration.ofSeconds(10));
            assertThat(repeated.status()).isEqualTo(200);
            assertThat(repeated.payloadObject().get("appliedUntil").getAsString())
                    .as("the same commandId is the same instruction: the hold is not restarted").isEqualTo(appliedUntil.toString());

            MethodResult rejected = hub.invokeMethod("linkguardBackoff", instruction("lg-m-2", 10, 5, 0.5, "\"holdSeconds\": 60"),
                    Duration.ofSeconds(10));
            assertThat(rejected.status()).isEqualTo(400);
            assertThat(rejected.payloadObject()).isEqualTo(
                    JsonParser.parseString("{\"accepted\":false,\"error\":\"maxBackoffSeconds must be >= minBackoffSeconds\"}"));
            assertThat(awaitReported("lg-m-2", "rejected"))
                    .isEqualTo(reported("lg-m-2", "rejected", "method", null, "maxBackoffSeconds must be >= minBackoffSeconds"));
            assertThat(device.activeBackoff()).map(held -> held.commandId()).contains("lg-m-1");

            assertThat(hub.invokeMethod("reboot", "{}", Duration.ofSeconds(10)).status()).isEqualTo(404);

            hub.patchDesired("{\"linkguard\": {\"backoff\": null}}");
            assertThat(awaitReported("lg-m-1", "expired").get("source").getAsString()).isEqualTo("method");
            assertThat(device.activeBackoff()).isEmpty();
            assertThat(device.reconnectPolicy()).isEqualTo(FAST_NORMAL_POLICY);
            assertThat(reconnectGapAfterTakeover(id)).as("normal again after clearing").isLessThan(Duration.ofMillis(2500));
            assertThat(device.clientOpens()).as("every reconnect was the SDK's own: the client was opened once").isEqualTo(1);
        }
    }

    @Test
    void desiredPropertyIsAppliedWhenDeliveredAndOnTheNextConnectionAndClearedByDeletion() throws Exception {
        String id = "device-desired";
        try (ReferenceDevice device = started(device(id))) {
            hub.patchDesired("{\"linkguard\": {\"backoff\": " + instruction("lg-d-1", 2, 30, 0.5, "\"holdSeconds\": 120") + "}}");

            assertThat(awaitReported("lg-d-1", "applied").get("source").getAsString()).isEqualTo("desired");
            assertThat(device.reconnectPolicy()).isEqualTo(ReconnectPolicy.ofSeconds(2, 30, 0.5));

            hub.patchDesired("{\"linkguard\": {\"backoff\": null}}");
            assertThat(awaitReported("lg-d-1", "expired").get("source").getAsString()).isEqualTo("desired");
            assertThat(device.activeBackoff()).isEmpty();

            // Written while the device could not receive it (as when the method found it offline): the device
            // reads it from the full twin on its next connection.
            int twinReads = hub.twinGets();
            hub.setDesiredQuietly("{\"linkguard\": {\"backoff\": " + instruction("lg-d-2", 1, 1, 0, "\"holdSeconds\": 2") + "}}");
            reconnectGapAfterTakeover(id);
            assertThat(HubSimulator.await(() -> hub.twinGets() > twinReads, Duration.ofSeconds(10))).isTrue();

            JsonObject applied = awaitReported("lg-d-2", "applied");
            assertThat(applied.get("source").getAsString()).isEqualTo("desired");
            Instant until = Instant.parse(applied.get("until").getAsString());
            assertThat(until).isBetween(Instant.now().minusSeconds(1), Instant.now().plusSeconds(3));
            assertThat(awaitReported("lg-d-2", "expired")).as("the hold ends by itself at its time")
                    .isEqualTo(reported("lg-d-2", "expired", "desired", until.toString(), null));
            assertThat(device.activeBackoff()).isEmpty();
            assertThat(device.reconnectPolicy()).isEqualTo(FAST_NORMAL_POLICY);
        }
    }

    @Test
    void aTwinReadThatIsNotAnsweredIsAskedAgain() throws Exception {
        String id = "device-twin-retry";
        try (ReferenceDevice device = started(device(id))) {
            hub.setDesiredQuietly("{\"linkguard\": {\"backoff\": " + instruction("lg-t-1", 2, 4, 0, "\"holdSeconds\": 60") + "}}");
            hub.leaveTwinGetsUnanswered(true);
            int twinReads = hub.twinGets();

            reconnectGapAfterTakeover(id);
            assertThat(HubSimulator.await(() -> logs.text().contains(id + ": no answer to the twin read within 2000 ms (attempt 1 of 5)"),
                    Duration.ofSeconds(10))).as("the device noticed the missing answer: %s", logTail()).isTrue();
            hub.leaveTwinGetsUnanswered(false);

            assertThat(awaitReported("lg-t-1", "applied").get("source").getAsString()).isEqualTo("desired");
            assertThat(hub.twinGets() - twinReads).as("the unanswered read and the one asked again").isGreaterThanOrEqualTo(2);
            assertThat(device.reconnectPolicy()).isEqualTo(ReconnectPolicy.ofSeconds(2, 4, 0));
        }
    }

    @Test
    void repeatedTakeoversAreReportedAsSharedIdentityAndNotFoughtInALoop() throws Exception {
        String id = "device-shared";
        try (ReferenceDevice device = started(device(id).takeoverDetection(3, Duration.ofSeconds(30), Duration.ofMillis(1500)));
             Intruder clone = new Intruder(broker, id)) {
            int connectsBefore = deviceConnects(id).size();

            clone.fight(150);

            assertThat(HubSimulator.await(device::yieldingIdentity, Duration.ofSeconds(15)))
                    .as("the device recognises the ping-pong").isTrue();
            int connectsAtYield = deviceConnects(id).size();
            // Threshold 3: it reconnects after the first two takeovers and yields at the third (one more if a
            // takeover lands before the SDK has reported the new connection, which then does not count).
            assertThat(connectsAtYield - connectsBefore).as("reconnects before yielding").isBetween(2, 3);
            Thread.sleep(700);
            assertThat(deviceConnects(id)).as("no reconnect during the cool-down").hasSize(connectsAtYield);
            assertThat(clone.isConnected()).as("the other client keeps the identity").isTrue();
            assertThat(logs.text()).contains("SHARED IDENTITY SUSPECTED").contains(id + "'s established connection 3 times");

            // After the cool-down (1.5 s ± 20 %) it tries once, is taken over again and yields at once (probation).
            assertThat(HubSimulator.await(() -> deviceConnects(id).size() == connectsAtYield + 1, Duration.ofSeconds(6))).isTrue();
            assertThat(HubSimulator.await(() -> logs.text().contains("SHARED IDENTITY: " + id + " was taken over again"),
                    Duration.ofSeconds(6))).isTrue();
            Thread.sleep(700);
            assertThat(deviceConnects(id)).as("one try per cool-down, not a loop").hasSize(connectsAtYield + 1);
            assertThat(device.yieldingIdentity()).isTrue();
        }
    }

    @Test
    void reopensTheSameClientOnlyWhenTheSdkHasGivenUp() throws Exception {
        String id = "device-reopen";
        try (ReferenceDevice device = started(device(id).operationTimeout(Duration.ofSeconds(1)))) {
            reconnectGapAfterTakeover(id);
            assertThat(device.clientOpens()).as("the SDK reconnected by itself").isEqualTo(1);

            hub.close();
            broker.stop();
            assertThat(HubSimulator.await(() -> device.clientOpens() >= 2, Duration.ofSeconds(15)))
                    .as("re-opened once the SDK gave up (operation timeout 1 s)").isTrue();
            broker.restart();
            assertThat(HubSimulator.await(() -> device.status() == IotHubConnectionStatus.CONNECTED, Duration.ofSeconds(20)))
                    .as("back on the restarted broker: %s%ndevice log:%n%s", broker.diagnostics(), logTail()).isTrue();
            // The hub side is back only after the device: the device's first twin read went unanswered and is asked again.
            hub = HubSimulator.connect(broker);

            assertThat(HubSimulator.await(() -> device.status() == IotHubConnectionStatus.CONNECTED && hub.twinGets() > 0,
                    Duration.ofSeconds(20))).as("connected again: %s%ndevice log:%n%s", broker.diagnostics(), logTail()).isTrue();
            MethodResult answer = hub.invokeMethod("linkguardBackoff", instruction("lg-r-1", 1, 2, 0, "\"holdSeconds\": 30"),
                    Duration.ofSeconds(10));
            assertThat(answer.status()).isEqualTo(200);
        }
    }

    private ReferenceDevice.Builder device(String deviceId) {
        String key = Base64.getEncoder().encodeToString("linkguard-test-device-key-32-bytes".getBytes(StandardCharsets.US_ASCII));
        return ReferenceDevice.builder()
                .connectionString("HostName=" + HUB_HOST + ";DeviceId=" + deviceId + ";SharedAccessKey=" + key
                        + ";GatewayHostName=" + broker.address())
                .clientOptions(ClientOptions.builder().sslContext(broker.trust()).build())
                .normalPolicy(FAST_NORMAL_POLICY)
                .twinAnswerTimeout(Duration.ofSeconds(2))
                .takeoverDetection(10, Duration.ofMinutes(1), Duration.ofMinutes(1));
    }

    private ReferenceDevice started(ReferenceDevice.Builder builder) throws InterruptedException {
        ReferenceDevice device = builder.build();
        device.start();
        // The full twin is read after both subscriptions are acknowledged: from then on the device is reachable.
        boolean ready = HubSimulator.await(() -> device.status() == IotHubConnectionStatus.CONNECTED && hub.twinGets() > 0,
                Duration.ofSeconds(20));
        assertThat(ready).as("device connected and subscribed: %s%ndevice log:%n%s", broker.diagnostics(), logTail()).isTrue();
        return device;
    }

    /**
     * A clone connects once with the device's id (the broker closes the device's connection) and leaves; the
     * answer is how long after the clone's connection the device was connected again, per the broker's log.
     */
    private Duration reconnectGapAfterTakeover(String deviceId) throws Exception {
        int deviceConnectsBefore = deviceConnects(deviceId).size();
        int cloneConnectsBefore = cloneConnects(deviceId).size();
        int twinReadsBefore = hub.twinGets();
        try (Intruder clone = new Intruder(broker, deviceId)) {
            clone.kickOnce();
        }
        assertThat(HubSimulator.await(() -> cloneConnects(deviceId).size() > cloneConnectsBefore
                && deviceConnects(deviceId).size() > deviceConnectsBefore, Duration.ofSeconds(20)))
                .as("device reconnected after the takeover: %s", broker.diagnostics()).isTrue();
        // Settled: the device re-read its twin after the reconnect.
        assertThat(HubSimulator.await(() -> hub.twinGets() > twinReadsBefore, Duration.ofSeconds(10))).isTrue();
        long takenOverAt = cloneConnects(deviceId).get(cloneConnectsBefore).nanoTime();
        long backAt = deviceConnects(deviceId).get(deviceConnectsBefore).nanoTime();
        return Duration.ofNanos(backAt - takenOverAt);
    }

    /** The application's last log lines (the SDK's own only from WARN): what a failure message needs to be read from CI output. */
    private String logTail() {
        List<String> lines = logs.text().lines().toList();
        return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private List<BrokerEvent> deviceConnects(String deviceId) {
        return hub.brokerEvents(deviceId).stream().filter(event -> event.isConnectOf(deviceId, HUB_HOST + "/" + deviceId)).toList();
    }

    private List<BrokerEvent> cloneConnects(String deviceId) {
        return hub.brokerEvents(deviceId).stream().filter(event -> event.isConnectOf(deviceId, Intruder.USER_NAME)).toList();
    }

    private JsonObject awaitReported(String commandId, String state) throws InterruptedException {
        boolean seen = HubSimulator.await(() -> latestReported(commandId, state).isPresent(), Duration.ofSeconds(10));
        assertThat(seen).as("reported linkguard.backoff %s %s; reported so far: %s%ndevice log:%n%s", commandId, state,
                hub.reportedPatches(), logTail()).isTrue();
        return latestReported(commandId, state).orElseThrow();
    }

    private Optional<JsonObject> latestReported(String commandId, String state) {
        return hub.reportedPatches().stream()
                .filter(patch -> patch.has("linkguard") && patch.getAsJsonObject("linkguard").has("backoff"))
                .map(patch -> patch.getAsJsonObject("linkguard").getAsJsonObject("backoff"))
                .filter(value -> commandId.equals(text(value, "commandId")) && state.equals(text(value, "state")))
                .reduce((first, second) -> second);
    }

    private static String text(JsonObject object, String name) {
        return object.has(name) && !object.get(name).isJsonNull() ? object.get(name).getAsString() : null;
    }

    private static JsonObject reported(String commandId, String state, String source, String until, String error) {
        JsonObject value = new JsonObject();
        value.addProperty("commandId", commandId);
        value.addProperty("state", state);
        value.addProperty("source", source);
        value.addProperty("until", until);
        value.addProperty("error", error);
        return value;
    }

    static String instruction(String commandId, int min, int max, double jitter, String hold) {
        return "{\"schema\": \"linkguard.backoff/1\", \"commandId\": \"" + commandId + "\", \"classification\": \"faulty-reconnect\","
                + " \"reason\": \"14 connections opened while the previous one was open in 10 min (409002)\","
                + " \"minBackoffSeconds\": " + min + ", \"maxBackoffSeconds\": " + max + ", \"jitter\": " + jitter + ", " + hold + ","
                + " \"advice\": \"Keep one client per identity.\"}";
    }
}
