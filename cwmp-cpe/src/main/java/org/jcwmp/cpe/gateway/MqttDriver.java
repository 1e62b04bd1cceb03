package org.jcwmp.cpe.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Real sensors that publish their readings to an MQTT broker: one topic per item, a JSON object per message whose
 * members are readings of the item's type ({"temp": 21.5, "hum": 40}); other members are ignored. Settings:
 * "broker" (default tcp://127.0.0.1:1883) and "topic" (default jcwmp/gateway/SERIAL). Items on the same broker share
 * one connection.
 */
public final class MqttDriver implements GatewayDriver {
    public static final String NAME = "mqtt";
    public static final String BROKER = "broker";
    public static final String TOPIC = "topic";
    public static final String DEFAULT_BROKER = "tcp://127.0.0.1:1883";
    private static final Set<String> SETTINGS = Set.of(BROKER, TOPIC, ItemConfig.INTERVAL, ItemConfig.LOCATION,
            ItemConfig.ENABLE);

    private final Map<String, MqttBrokerLink> links = new HashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    /** Reads any type: the payload names the readings. */
    @Override
    public boolean supports(ItemType type) {
        return true;
    }

    public static String topic(ItemConfig item) {
        return item.setting(TOPIC, "jcwmp/gateway/" + item.serial());
    }

    @Override
    public List<String> check(ItemConfig item) {
        List<String> problems = new ArrayList<>();
        for (String s : item.settings().keySet()) {
            if (!SETTINGS.contains(s)) {
                problems.add("unknown setting " + s + " for driver " + NAME + " (known: " + new java.util.TreeSet<>(SETTINGS) + ")");
            }
        }
        String broker = item.setting(BROKER, DEFAULT_BROKER);
        try {
            URI uri = new URI(broker);
            if (!Set.of("tcp", "ssl", "ws", "wss").contains(String.valueOf(uri.getScheme())) || uri.getHost() == null) {
                problems.add("setting broker must be tcp://, ssl://, ws:// or wss:// with a host, not " + broker);
            }
        } catch (java.net.URISyntaxException e) {
            problems.add("setting broker is not a URI: " + broker);
        }
        String topic = topic(item);
        if (topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
            problems.add("setting topic must name one topic (no wildcards), not '" + topic + "'");
        }
        return problems;
    }

    @Override
    public synchronized Connection connect(Item item, ReadingSink sink) {
        String broker = item.config().setting(BROKER, DEFAULT_BROKER);
        String topic = topic(item.config());
        MqttBrokerLink link = links.get(broker);
        if (link == null) {
            try {
                link = new MqttBrokerLink(broker);
            } catch (MqttException e) {
                throw new IllegalStateException("cannot use MQTT broker " + broker + ": " + e.getMessage(), e);
            }
            links.put(broker, link);
        }
        link.subscribe(topic, sink);
        MqttBrokerLink used = link;
        return () -> release(used, topic, sink);
    }

    /** Whether the connection to a broker is up (for tests and the console). */
    public synchronized boolean connected(String broker) {
        MqttBrokerLink link = links.get(broker);
        return link != null && link.isConnected();
    }

    private synchronized void release(MqttBrokerLink link, String topic, ReadingSink sink) {
        link.unsubscribe(topic, sink);
        if (!link.hasSubscriptions() && links.remove(link.broker(), link)) {
            link.close();
        }
    }

    @Override
    public synchronized void close() {
        links.values().forEach(MqttBrokerLink::close);
        links.clear();
    }
}
