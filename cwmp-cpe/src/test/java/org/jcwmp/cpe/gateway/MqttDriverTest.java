package org.jcwmp.cpe.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQTT driver against a Mosquitto of the test's own (Debian's /usr/sbin/mosquitto on a free loopback port), so the
 * broker can be down at first and stop in between: the driver connects once it is up and subscribes again after a
 * reconnect.
 */
class MqttDriverTest {
    private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
    @TempDir
    Path dir;
    private final MqttDriver driver = new MqttDriver();
    private Process broker;
    private int port;

    @AfterEach
    void stop() {
        driver.close();
        stopBroker();
    }

    private void startBroker() throws IOException {
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        broker = new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            }
        });
    }

    private void stopBroker() {
        if (broker != null) {
            broker.destroy();
            try {
                broker.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            broker = null;
        }
    }

    /** Publishes until the sink has seen a reading with this value. */
    private void publishUntilSeen(String url, String topic, List<Map<String, String>> seen, String temp) throws Exception {
        MqttClient sensor = new MqttClient(url, "jcwmp-test-" + UUID.randomUUID(), new MemoryPersistence());
        try {
            sensor.connect();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                sensor.publish(topic, new MqttMessage(("{\"temp\": " + temp + "}").getBytes(UTF_8)));
                return seen.stream().anyMatch(r -> temp.equals(r.get("temp")));
            });
            sensor.disconnect();
        } finally {
            sensor.close();
        }
    }

    @Test
    void connectsWhenTheBrokerComesUpAndSubscribesAgainAfterItRestarts() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(MOSQUITTO), "needs Debian's mosquitto (apt-get install mosquitto)");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "tcp://127.0.0.1:" + port;
        String topic = "sensors/" + UUID.randomUUID();
        ItemConfig item = new ItemConfig("987", "WEBTECH", "temperatureHumidity", "mqtt",
                Map.of("broker", url, "topic", topic));
        assertThat(driver.check(item)).isEmpty();
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();

        try (GatewayDriver.Connection c = driver.connect(new Item(item, ItemType.TEMPERATURE_HUMIDITY, Map.of(), null), seen::add)) {
            assertThat(driver.connected(url)).isFalse(); // nothing listens yet: it keeps trying
            startBroker();
            await().atMost(Duration.ofSeconds(30)).until(() -> driver.connected(url));
            publishUntilSeen(url, topic, seen, "21.5");

            stopBroker();
            await().atMost(Duration.ofSeconds(10)).until(() -> !driver.connected(url));
            startBroker();
            await().atMost(Duration.ofSeconds(60)).until(() -> driver.connected(url));
            publishUntilSeen(url, topic, seen, "22.5");
        }
        assertThat(driver.connected(url)).isFalse(); // the last item's close ends the shared connection
    }

    @Test
    void checksBrokerAndTopic() {
        assertThat(driver.check(new ItemConfig("1", "A", "waterMeter", "mqtt", Map.of("broker", "http://x"))))
                .singleElement().asString().startsWith("setting broker must be");
        assertThat(driver.check(new ItemConfig("1", "A", "waterMeter", "mqtt", Map.of("topic", "a/+/b"))))
                .singleElement().asString().startsWith("setting topic must name one topic");
        assertThat(MqttDriver.topic(new ItemConfig("1", "A", "waterMeter", "mqtt", Map.of()))).isEqualTo("jcwmp/gateway/1");
    }

    @Test
    void payloadMembersBecomeReadings() throws Exception {
        assertThat(MqttBrokerLink.readings("{\"temp\": 21.5, \"hum\": 40, \"ok\": true, \"x\": null, \"o\": {}}"
                .getBytes(UTF_8))).containsExactly(Map.entry("temp", "21.5"), Map.entry("hum", "40"), Map.entry("ok", "true"));
    }
}
