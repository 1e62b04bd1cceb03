package org.jcwmp.cpe.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to an MQTT broker shared by the items read through it: a subscription per item topic, JSON payloads
 * turned into readings. It connects in the background and keeps trying until the broker answers; once connected,
 * Paho reconnects after a drop and every subscription is made again (the session is clean).
 */
final class MqttBrokerLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttBrokerLink.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FIRST_RETRY_MILLIS = 500;
    private static final long MAX_RETRY_MILLIS = 30_000;

    private final String broker;
    private final MqttClient client;
    private final Map<String, List<ReadingSink>> subscriptions = new ConcurrentHashMap<>();
    private final Thread connector;
    private volatile boolean closed;

    MqttBrokerLink(String broker) throws MqttException {
        this.broker = broker;
        this.client = new MqttClient(broker, "jcwmp-gateway-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new Callback());
        this.connector = Thread.ofVirtual().name("gateway-mqtt-connect " + broker).start(this::connectUntilDone);
    }

    String broker() {
        return broker;
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /** Starts delivering a topic's payloads to the sink. */
    void subscribe(String topic, ReadingSink sink) {
        boolean first = subscriptions.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).isEmpty();
        subscriptions.get(topic).add(sink);
        if (first && client.isConnected()) {
            subscribeNow(topic);
        } // else connectComplete subscribes
    }

    /** Stops delivering a topic's payloads to the sink; the last sink of a topic ends its subscription. */
    void unsubscribe(String topic, ReadingSink sink) {
        List<ReadingSink> sinks = subscriptions.get(topic);
        if (sinks == null || !sinks.remove(sink) || !sinks.isEmpty()) {
            return;
        }
        subscriptions.remove(topic);
        if (client.isConnected()) {
            try {
                client.unsubscribe(topic);
            } catch (MqttException e) {
                log.debug("unsubscribe {} from {}: {}", topic, broker, e.toString());
            }
        }
    }

    boolean hasSubscriptions() {
        return !subscriptions.isEmpty();
    }

    private void subscribeNow(String topic) {
        try {
            client.subscribe(topic, 1);
        } catch (MqttException e) {
            log.warn("cannot subscribe {} at {}: {}", topic, broker, e.toString());
        }
    }

    private void connectUntilDone() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setAutomaticReconnect(true);
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        long wait = FIRST_RETRY_MILLIS;
        while (!closed) {
            try {
                client.connect(options);
                return;
            } catch (MqttException e) {
                log.info("MQTT broker {} not reachable ({}); retrying in {} ms", broker, e.getMessage(), wait);
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            wait = Math.min(MAX_RETRY_MILLIS, wait * 2);
        }
    }

    /** A payload's readings: a JSON object's members with number, string or boolean values. */
    static Map<String, String> readings(byte[] payload) throws IOException {
        JsonNode doc = JSON.readTree(payload);
        if (doc == null || !doc.isObject()) {
            throw new IOException("payload is not a JSON object");
        }
        Map<String, String> readings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : doc.properties()) {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                readings.put(e.getKey(), e.getValue().asText());
            }
        }
        return readings;
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            log.info("MQTT broker {} {}", serverURI, reconnect ? "reconnected" : "connected");
            subscriptions.keySet().forEach(MqttBrokerLink.this::subscribeNow);
        }

        @Override
        public void connectionLost(Throwable cause) {
            log.warn("MQTT broker {} lost: {}; reconnecting", broker, String.valueOf(cause));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            List<ReadingSink> sinks = subscriptions.getOrDefault(topic, List.of());
            if (sinks.isEmpty()) {
                return;
            }
            try {
                Map<String, String> readings = readings(message.getPayload());
                sinks.forEach(sink -> sink.readings(readings));
            } catch (IOException e) {
                log.warn("ignored MQTT message on {}: {}", topic, e.getMessage());
            } catch (RuntimeException e) {
                // never let an exception reach Paho, which would drop the connection
                log.warn("MQTT reading on {} failed", topic, e);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }

    @Override
    public void close() {
        closed = true;
        connector.interrupt();
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
        } catch (MqttException e) {
            log.debug("disconnect {}: {}", broker, e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("close {}: {}", broker, e.toString());
        }
    }
}
