package io.linkguard.device.broker;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The test's IoT Hub: a plain MQTT client on the hub's device topics, speaking what IoT Hub speaks to a device.
 * It invokes direct methods ({@code $iothub/methods/POST/{name}/?$rid=} → {@code $iothub/methods/res/{status}/?$rid=}),
 * answers twin GETs, acknowledges and records reported-property PATCHes, delivers desired-property PATCHes, and
 * watches the broker's own log topic for connections (what the hub's Connections log would show).
 */
public final class HubSimulator implements AutoCloseable {
    private static final Pattern RID = Pattern.compile("\\$rid=([^&]+)");
    private static final Pattern METHOD_RESPONSE = Pattern.compile("^\\$iothub/methods/res/(\\d+)/\\?\\$rid=([^&]+)");
    private static final Pattern NEW_CONNECTION = Pattern.compile("New client connected from \\S+ as (\\S+) \\([^)]*?(?:u'([^']*)')?\\)");
    private static final Pattern TAKEOVER = Pattern.compile("Client (\\S+) already connected, closing old connection");

    private final MqttClient client;
    private final ExecutorService replies = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hub-simulator-replies");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger nextRequestId = new AtomicInteger(1);
    private final Map<String, CompletableFuture<MethodResult>> pendingMethods = new ConcurrentHashMap<>();
    private final List<JsonObject> reportedPatches = new CopyOnWriteArrayList<>();
    private final List<BrokerEvent> brokerEvents = new CopyOnWriteArrayList<>();
    private final AtomicInteger twinGets = new AtomicInteger();
    private volatile boolean twinGetsUnanswered;
    private final Object twinLock = new Object();
    private JsonObject desired = new JsonObject();
    private int desiredVersion = 1;
    private int reportedVersion = 1;

    /** A direct method's answer as the hub receives it. */
    public record MethodResult(int status, JsonElement payload) {
        public JsonObject payloadObject() {
            return payload.getAsJsonObject();
        }
    }

    /**
     * A connection seen by the broker: a client connected (with its MQTT user name, which tells the device SDK
     * from the test's intruder), or a new connection closed an older one with the same client id.
     */
    public record BrokerEvent(long nanoTime, String clientId, Kind kind, String userName) {
        public enum Kind { CONNECTED, TOOK_OVER }

        public boolean isConnectOf(String clientId, String userNamePrefix) {
            return kind == Kind.CONNECTED && this.clientId.equals(clientId) && userName != null && userName.startsWith(userNamePrefix);
        }
    }

    private HubSimulator(MqttClient client) {
        this.client = client;
    }

    public static HubSimulator connect(MosquittoBroker broker) throws MqttException {
        MqttClient client = new MqttClient(broker.serverUri(), "linkguard-test-hub", new MemoryPersistence());
        HubSimulator hub = new HubSimulator(client);
        client.setCallback(hub.callback());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(broker.trust().getSocketFactory());
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        client.connect(options);
        client.subscribe(new String[] {
                "$iothub/methods/res/#", "$iothub/twin/GET/#", "$iothub/twin/PATCH/properties/reported/#", "$SYS/broker/log/#"
        }, new int[] {1, 1, 1, 0});
        return hub;
    }

    /** Invokes a direct method and waits for the device's answer (like IoT Hub's responseTimeoutInSeconds). */
    public MethodResult invokeMethod(String methodName, String payloadJson, Duration responseTimeout) throws Exception {
        String requestId = Integer.toString(nextRequestId.getAndIncrement());
        CompletableFuture<MethodResult> answer = new CompletableFuture<>();
        pendingMethods.put(requestId, answer);
        publish("$iothub/methods/POST/" + methodName + "/?$rid=" + requestId, payloadJson);
        try {
            return answer.get(responseTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the device did not answer method " + methodName + " within " + responseTimeout, e);
        } finally {
            pendingMethods.remove(requestId);
        }
    }

    /** Merges {@code patchJson} into the desired properties (null deletes a key) and delivers the patch if connected. */
    public void patchDesired(String patchJson) throws MqttException {
        JsonObject patch = JsonParser.parseString(patchJson).getAsJsonObject();
        JsonObject delivered;
        synchronized (twinLock) {
            desired = merge(desired, patch);
            desiredVersion++;
            delivered = patch.deepCopy();
            delivered.addProperty("$version", desiredVersion);
        }
        publish("$iothub/twin/PATCH/properties/desired/?$version=" + desiredVersion, delivered.toString());
    }

    /** Changes the desired properties without delivering a patch: the device sees them on its next twin GET. */
    public void setDesiredQuietly(String patchJson) {
        synchronized (twinLock) {
            desired = merge(desired, JsonParser.parseString(patchJson).getAsJsonObject());
            desiredVersion++;
        }
    }

    public List<JsonObject> reportedPatches() {
        return List.copyOf(reportedPatches);
    }

    /** While on, twin GETs are counted but not answered, as when the answer is lost on the way. */
    public void leaveTwinGetsUnanswered(boolean unanswered) {
        twinGetsUnanswered = unanswered;
    }

    public int twinGets() {
        return twinGets.get();
    }

    public List<BrokerEvent> brokerEvents(String clientId) {
        return brokerEvents.stream().filter(event -> event.clientId().equals(clientId)).toList();
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes; returns whether it held. */
    public static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() throws MqttException {
        replies.shutdownNow();
        if (client.isConnected()) {
            client.disconnect(1000);
        }
        client.close();
    }

    private MqttCallback callback() {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                pendingMethods.values().forEach(answer -> answer.completeExceptionally(cause));
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                String body = new String(message.getPayload(), StandardCharsets.UTF_8);
                if (topic.startsWith("$SYS/broker/log/")) {
                    recordBrokerLog(body);
                } else {
                    replies.execute(() -> onDeviceMessage(topic, body));
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        };
    }

    private void recordBrokerLog(String line) {
        long now = System.nanoTime();
        Matcher connected = NEW_CONNECTION.matcher(line);
        if (connected.find()) {
            brokerEvents.add(new BrokerEvent(now, connected.group(1), BrokerEvent.Kind.CONNECTED, connected.group(2)));
        }
        Matcher takeover = TAKEOVER.matcher(line);
        if (takeover.find()) {
            brokerEvents.add(new BrokerEvent(now, takeover.group(1), BrokerEvent.Kind.TOOK_OVER, null));
        }
    }

    private void onDeviceMessage(String topic, String body) {
        try {
            Matcher methodResponse = METHOD_RESPONSE.matcher(topic);
            if (methodResponse.find()) {
                CompletableFuture<MethodResult> answer = pendingMethods.get(methodResponse.group(2));
                if (answer != null) {
                    answer.complete(new MethodResult(Integer.parseInt(methodResponse.group(1)), JsonParser.parseString(body)));
                }
            } else if (topic.startsWith("$iothub/twin/GET/")) {
                twinGets.incrementAndGet();
                if (twinGetsUnanswered) {
                    return;
                }
                publish("$iothub/twin/res/200/?$rid=" + requestId(topic), twinDocument());
            } else if (topic.startsWith("$iothub/twin/PATCH/properties/reported/")) {
                int version;
                synchronized (twinLock) {
                    version = ++reportedVersion;
                }
                reportedPatches.add(JsonParser.parseString(body).getAsJsonObject());
                publish("$iothub/twin/res/204/?$rid=" + requestId(topic) + "&$version=" + version, "");
            }
        } catch (MqttException | RuntimeException e) {
            throw new IllegalStateException("hub simulator could not handle " + topic, e);
        }
    }

    private String twinDocument() {
        synchronized (twinLock) {
            JsonObject desiredWithVersion = desired.deepCopy();
            desiredWithVersion.addProperty("$version", desiredVersion);
            JsonObject reported = new JsonObject();
            reported.addProperty("$version", reportedVersion);
            JsonObject twin = new JsonObject();
            twin.add("desired", desiredWithVersion);
            twin.add("reported", reported);
            return twin.toString();
        }
    }

    private void publish(String topic, String body) throws MqttException {
        MqttMessage message = new MqttMessage(body.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish(topic, message);
    }

    private static String requestId(String topic) {
        Matcher matcher = RID.matcher(topic);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no $rid in " + topic);
        }
        return matcher.group(1);
    }

    /** JSON merge patch as IoT Hub applies it to twin properties: objects merge, null deletes. */
    static JsonObject merge(JsonObject target, JsonObject patch) {
        JsonObject result = target.deepCopy();
        for (Map.Entry<String, JsonElement> entry : patch.entrySet()) {
            JsonElement value = entry.getValue();
            if (value.isJsonNull()) {
                result.remove(entry.getKey());
            } else if (value.isJsonObject() && result.has(entry.getKey()) && result.get(entry.getKey()).isJsonObject()) {
                result.add(entry.getKey(), merge(result.getAsJsonObject(entry.getKey()), value.getAsJsonObject()));
            } else {
                result.add(entry.getKey(), value.deepCopy());
            }
        }
        return result;
    }

}
