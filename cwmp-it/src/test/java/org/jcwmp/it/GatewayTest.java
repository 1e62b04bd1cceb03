package org.jcwmp.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.acs.files.FileMetadata;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.cpe.CpeAgent;
import org.jcwmp.cpe.gateway.ConsoleEvent;
import org.jcwmp.cpe.gateway.Gateway;
import org.jcwmp.cpe.gateway.GatewayConfiguration;
import org.jcwmp.cpe.gateway.GatewayDrivers;
import org.jcwmp.cpe.gateway.GatewayProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ACS and an IoT gateway agent in one JVM, a sensor publishing to the real Mosquitto on 127.0.0.1:1883: the
 * ACS configures the gateway's items with "3 Vendor Configuration File" Downloads from its file server, and the
 * proxied devices are read, notified and removed through CWMP.
 */
class GatewayTest {
    private static final String OUI = "00D09E";
    private static final String PRODUCT_CLASS = "IoTGateway";
    private static final String SERIAL = "GW0001";
    private static final String ID = OUI + "-" + PRODUCT_CLASS + "-" + SERIAL;
    private static final String BROKER = "tcp://127.0.0.1:1883";
    private static final String TABLE = "Device.ManagementServer.EmbeddedDevice.";

    @TempDir
    Path dir;
    private AcsServer acs;
    private Nbi nbi;
    private final InformRecorder informs = new InformRecorder();
    private CpeAgent agent;
    private Gateway gateway;
    private MqttClient sensor;
    private final String topic = "jcwmp-it/" + UUID.randomUUID() + "/987";

    @BeforeAll
    static void brokerRuns() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 1883), 2000);
        } catch (Exception e) {
            Assumptions.abort("no MQTT broker on 127.0.0.1:1883 (apt-get install mosquitto): " + e);
        }
    }

    @BeforeEach
    void start() throws Exception {
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).fileServer("127.0.0.1", 0)
                .dataDirectory(dir.resolve("acs"))
                .cpeCredentials("cpe", "cpe-secret").connectionRequestCredentials("acs", "cr-secret").build().start();
        acs.addListener(informs);
        nbi = Nbi.asAdmin(acs);
        gateway = new Gateway(GatewayDrivers.load());
        agent = CpeAgent.builder().profile(GatewayProfile.load())
                .acsUrl(URI.create(acs.cwmpUrl())).acsCredentials("cpe", "cpe-secret")
                .stateDirectory(dir.resolve("cpe")).deviceId(new DeviceIdStruct("jcwmp", OUI, PRODUCT_CLASS, SERIAL))
                .connectionRequestCredentials("acs", "cr-secret").connectionRequestAddress("127.0.0.1", 0)
                .periodicInformInterval(Duration.ofHours(1)).configurationFileHandler(gateway).build();
        gateway.attach(agent);
    }

    @AfterEach
    void stop() throws Exception {
        if (sensor != null) {
            if (sensor.isConnected()) {
                sensor.disconnect();
            }
            sensor.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (agent != null) {
            agent.stop();
        }
        if (acs != null) {
            acs.stop();
        }
    }

    /** The MQTT sensor 987, and the simulated electricity meter 26 when asked for (slow: no noise in sessions). */
    private Path config(boolean withMeter) throws Exception {
        List<String> items = new ArrayList<>();
        if (withMeter) {
            items.add("""
                    {"serial": "26", "vendor": "PIKKETRON", "type": "electricityMeter", "driver": "simulated",
                     "settings": {"interval": 3600}}""");
        }
        items.add("""
                {"serial": "987", "vendor": "WEBTECH", "type": "temperatureHumidity", "driver": "mqtt",
                 "settings": {"broker": "%s", "topic": "%s"}}""".formatted(BROKER, topic));
        Path file = Files.createTempFile(dir, "gateway", ".json");
        Files.writeString(file, "{\"items\": [" + String.join(",", items) + "]}");
        return file;
    }

    /** The ACS sends this configuration as a "3 Vendor Configuration File" Download from its file server. */
    private void download(Path config, String name) throws Exception {
        byte[] bytes = Files.readAllBytes(config);
        var files = acs.fileServer().orElseThrow();
        files.repository().putFile(name, new FileMetadata("3 Vendor Configuration File", OUI, PRODUCT_CLASS, null),
                new java.io.ByteArrayInputStream(bytes), bytes.length);
        JsonNode d = task("{\"name\":\"download\",\"fileType\":\"3 Vendor Configuration File\",\"url\":\""
                + files.downloadUrl(name) + "\",\"fileSize\":" + bytes.length + ",\"commandKey\":\"" + name + "\"}");
        assertThat(d.get("status").asText()).isIn("done", "running");
    }

    private JsonNode task(String json) throws Exception {
        Nbi.Answer a = nbi.post("devices/" + ID + "/tasks?connection_request&timeout=15000", json);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return a.body();
    }

    private static String value(JsonNode task, String name) {
        for (JsonNode p : task.at("/result/parameterList")) {
            if (p.get("name").asText().equals(name)) {
                return p.get("value").asText();
            }
        }
        return null;
    }

    private String stored(String name) throws Exception {
        JsonNode p = nbi.get("devices/" + ID + "/parameters?prefix=" + Nbi.encode(name)).body();
        return p.has(name) ? p.at("/" + name.replace("~", "~0").replace("/", "~1") + "/value").asText() : null;
    }

    @Test
    void proxiedDevicesAreReadNotifiedAndRemovedThroughCwmp() throws Exception {
        long t0 = System.nanoTime();
        agent.start();
        informs.waitFor(ID, EventCode.BOOTSTRAP, t0);
        assertThat(gateway.registry().items()).isEmpty();

        // The ACS sends the configuration file: the items appear, and the ACS hears of it by TransferComplete.
        long tc = System.nanoTime();
        download(config(true), "gateway-1.json");
        InformRecorder.Received done = informs.waitFor(ID, EventCode.TRANSFER_COMPLETE, tc);
        assertThat(done.eventStructs()).anySatisfy(e -> assertThat(e.commandKey()).isEqualTo("gateway-1.json"));
        assertThat(gateway.events().since(0)).anySatisfy(e -> assertThat(e.kind()).isEqualTo(ConsoleEvent.NEW_CONFIGURATION));
        String meter = gateway.instance("26").orElseThrow();
        String sensorPath = gateway.instance("987").orElseThrow();

        // The ACS reads the table: both items with their vendor extension.
        JsonNode gpv = task("{\"name\":\"getParameterValues\",\"parameterNames\":[\"" + TABLE + "\"]}");
        assertThat(gpv.get("status").asText()).isEqualTo("done");
        assertThat(value(gpv, meter + "ProxiedDeviceID")).isEqualTo("26");
        assertThat(value(gpv, meter + "X_JCWMP_Item.Vendor")).isEqualTo("PIKKETRON");
        assertThat(value(gpv, sensorPath + "ProxiedDeviceID")).isEqualTo("987");
        assertThat(value(gpv, sensorPath + "X_JCWMP_Item.Type")).isEqualTo("temperatureHumidity");
        assertThat(stored(meter + "X_JCWMP_Item.Reading.1.Name")).isEqualTo("T1");
        assertThat(gateway.events().since(0)).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(ConsoleEvent.CONNECTION_REQUEST);
            assertThat(e.data()).containsEntry("accepted", true);
        });
        JsonNode gpn = task("{\"name\":\"getParameterNames\",\"parameterPath\":\"" + sensorPath + "X_JCWMP_Item.\",\"nextLevel\":false}");
        assertThat(gpn.get("status").asText()).isEqualTo("done");
        assertThat(gpn.at("/result/parameterList").findValuesAsText("name")).contains(sensorPath + "X_JCWMP_Item.Location");

        // The ACS writes an item's settings: the gateway takes them into its configuration.
        JsonNode spv = task("{\"name\":\"setParameterValues\",\"parameterKey\":\"gw-1\",\"parameterValues\":[[\""
                + sensorPath + "X_JCWMP_Item.Location\",\"kitchen\",\"xsd:string\"]]}");
        assertThat(spv.get("status").asText()).isEqualTo("done");
        assertThat(gateway.registry().get("987").orElseThrow().config().setting("location", "")).isEqualTo("kitchen");
        assertThat(gateway.configuration().item("987").orElseThrow().setting("location", "")).isEqualTo("kitchen");

        // Active notification on the temperature, then a reading from the sensor.
        String temp = sensorPath + "X_JCWMP_Item.Reading.2.Value";
        assertThat(agent.parameterValue(sensorPath + "X_JCWMP_Item.Reading.2.Name")).isEqualTo("temp");
        JsonNode spa = task("{\"name\":\"setParameterAttributes\",\"parameterAttributes\":[{\"name\":\"" + temp
                + "\",\"notification\":2}]}");
        assertThat(spa.get("status").asText()).isEqualTo("done");
        long t1 = System.nanoTime();
        sensor = new MqttClient(BROKER, "jcwmp-it-sensor-" + UUID.randomUUID(), new MemoryPersistence());
        sensor.connect();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            sensor.publish(topic, new MqttMessage("{\"temp\": 25.5, \"hum\": 43}".getBytes(UTF_8)));
            assertThat(agent.parameterValue(temp)).isEqualTo("25.5");
        });
        InformRecorder.Received change = informs.waitFor(ID, EventCode.VALUE_CHANGE, t1);
        assertThat(change.value(temp)).isEqualTo("25.5");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stored(temp)).isEqualTo("25.5"));

        // A new configuration without the meter, sent by the ACS.
        long tc2 = System.nanoTime();
        download(config(false), "gateway-2.json");
        informs.waitFor(ID, EventCode.TRANSFER_COMPLETE, tc2);
        assertThat(gateway.instance("26")).isEmpty();
        assertThat(agent.model().contains(meter)).isFalse();
        JsonNode after = task("{\"name\":\"getParameterValues\",\"parameterNames\":[\"" + TABLE
                + "\",\"Device.ManagementServer.EmbeddedDeviceNumberOfEntries\"]}");
        assertThat(after.get("status").asText()).isEqualTo("done");
        assertThat(after.at("/result/parameterList").findValuesAsText("name")).noneMatch(n -> n.startsWith(meter))
                .contains(sensorPath + "ProxiedDeviceID");
        assertThat(value(after, "Device.ManagementServer.EmbeddedDeviceNumberOfEntries")).isEqualTo("1");
        // The ACS forgets what the refreshed subtree no longer reports: the meter is gone from its store too.
        assertThat(stored(meter + "ProxiedDeviceID")).isNull();
        assertThat(stored(sensorPath + "ProxiedDeviceID")).isEqualTo("987");
        JsonNode gone = task("{\"name\":\"getParameterValues\",\"parameterNames\":[\"" + meter + "\"]}");
        assertThat(gone.get("status").asText()).isEqualTo("failed");
        assertThat(gone.toString()).contains("9005");
    }
}
