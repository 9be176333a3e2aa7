package io.linkguard.device.broker;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A second client on the device's identity (same MQTT client id), as a cloned image would be. Mosquitto, like
 * IoT Hub, then closes the older connection. It keeps the session (clean session off, as the device SDK does), so
 * it models a clone of the same firmware rather than a tool that wipes the device's subscriptions.
 */
public final class Intruder implements AutoCloseable {
    public static final String USER_NAME = "intruder";

    private final MosquittoBroker broker;
    private final String clientId;
    private final AtomicInteger connects = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private MqttClient client;

    public Intruder(MosquittoBroker broker, String clientId) {
        this.broker = broker;
        this.clientId = clientId;
    }

    /** Connects once (taking the identity over) and leaves again at once. */
    public void kickOnce() throws MqttException {
        MqttClient once = new MqttClient(broker.serverUri(), clientId, new MemoryPersistence());
        once.connect(options());
        connects.incrementAndGet();
        once.disconnect();
        once.close();
    }

    /**
     * Connects and fights back like a naive clone: whenever it is kicked off, it reconnects after
     * {@code reconnectDelayMillis}, forever, until closed.
     */
    public void fight(long reconnectDelayMillis) throws MqttException {
        client = new MqttClient(broker.serverUri(), clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                Thread reconnect = new Thread(() -> reconnectAfter(reconnectDelayMillis), "intruder-reconnect");
                reconnect.setDaemon(true);
                reconnect.start();
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        client.connect(options());
        connects.incrementAndGet();
    }

    public int connects() {
        return connects.get();
    }

    public boolean isConnected() {
        return client != null && client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        stopped.set(true);
        if (client != null) {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close(true);
        }
    }

    private void reconnectAfter(long delayMillis) {
        while (!stopped.get()) {
            try {
                Thread.sleep(delayMillis);
                if (stopped.get()) {
                    return;
                }
                client.connect(options());
                connects.incrementAndGet();
                return;
            } catch (InterruptedException e) {
                return;
            } catch (MqttException e) {
                // the broker refused or the other side was faster: try again, as a naive clone would
            }
        }
    }

    private MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(broker.trust().getSocketFactory());
        options.setCleanSession(false);
        options.setUserName(USER_NAME);
        options.setAutomaticReconnect(false);
        return options;
    }
}
