package org.jcwmp.cpe;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jcwmp.cpe.AgentTestSupport.agent;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.SetParameterAttributes;
import org.jcwmp.core.rpc.SetParameterAttributesResponse;
import org.jcwmp.core.rpc.SetParameterAttributesStruct;
import org.jcwmp.cpe.gateway.ConsoleEvent;
import org.jcwmp.cpe.gateway.Gateway;
import org.jcwmp.cpe.gateway.GatewayConfiguration;
import org.jcwmp.cpe.gateway.GatewayDrivers;
import org.jcwmp.cpe.gateway.GatewayProfile;
import org.jcwmp.cpe.gateway.MqttDriver;
import org.jcwmp.cpe.gateway.SimulatedDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sensor publishing to the real Mosquitto on 127.0.0.1:1883 reaches the model and the ACS as 4 VALUE CHANGE. */
class GatewayMqttTest {
    private static final String BROKER = "tcp://127.0.0.1:1883";
    @TempDir
    Path state;
    private final FakeAcs acs = new FakeAcs().user("cpe", "s3cret");
    private final String topic = "jcwmp-test/" + UUID.randomUUID() + "/987";
    private CpeAgent agent;
    private Gateway gateway;
    private MqttClient sensor;

    GatewayMqttTest() throws Exception {
    }

    @BeforeAll
    static void brokerRuns() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 1883), 2000);
        } catch (Exception e) {
            Assumptions.abort("no MQTT broker on 127.0.0.1:1883 (apt-get install mosquitto): " + e);
        }
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
        acs.close();
    }

    @Test
    void aPublishedReadingReachesTheModelAndTheAcsAsAValueChange() throws Exception {
        gateway = new Gateway(new GatewayDrivers(List.of(new MqttDriver(), new SimulatedDriver())));
        agent = agent(acs.url(), state).profile(GatewayProfile.load()).build();
        gateway.attach(agent);
        gateway.apply(GatewayConfiguration.parse(("""
                {"items": [{"serial": "987", "vendor": "WEBTECH", "type": "temperatureHumidity", "driver": "mqtt",
                            "settings": {"broker": "%s", "topic": "%s"}}]}
                """.formatted(BROKER, topic)).getBytes(UTF_8), gateway.drivers()));
        String temp = gateway.instance("987").orElseThrow() + "X_JCWMP_Item.Reading.2.Value";
        assertThat(agent.model().value(gateway.instance("987").orElseThrow() + "X_JCWMP_Item.Reading.2.Name"))
                .isEqualTo("temp");
        acs.then(new SetParameterAttributes(List.of(new SetParameterAttributesStruct(temp, true, 2, false, List.of()))));
        agent.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> !acs.responsesTo(SetParameterAttributesResponse.class).isEmpty());

        sensor = new MqttClient(BROKER, "jcwmp-test-sensor-" + UUID.randomUUID(), new MemoryPersistence());
        sensor.connect();
        // publish until the gateway's subscription, made in the background, has seen one
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            sensor.publish(topic, new MqttMessage("{\"temp\": 25.5, \"hum\": 43}".getBytes(UTF_8)));
            assertThat(agent.model().value(temp)).isEqualTo("25.5");
        });

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(acs.informs).anySatisfy(inform -> {
            assertThat(inform.event()).extracting(EventStruct::eventCode).contains("4 VALUE CHANGE");
            assertThat(inform.parameterList()).contains(new ParameterValueStruct(temp, "25.5", "xsd:string"));
        }));
        assertThat(gateway.events().since(0)).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(ConsoleEvent.ITEM_UPDATED);
            assertThat(e.data()).containsEntry("serial", "987");
        });
        // the console also shows the sessions with the ACS
        assertThat(gateway.events().since(0)).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(ConsoleEvent.SESSION_STARTED);
            assertThat(e.data().get("events")).asList().contains("0 BOOTSTRAP");
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(gateway.events().since(0))
                .anySatisfy(e -> assertThat(e.kind()).isEqualTo(ConsoleEvent.SESSION_ENDED)));
    }

    @Test
    void payloadsThatAreNotJsonObjectsAreIgnored() throws Exception {
        gateway = new Gateway(new GatewayDrivers(List.of(new MqttDriver(), new SimulatedDriver())));
        agent = agent(acs.url(), state).profile(GatewayProfile.load()).build();
        gateway.attach(agent);
        gateway.apply(GatewayConfiguration.parse(("""
                {"items": [{"serial": "26", "vendor": "PIKKETRON", "type": "electricityMeter", "driver": "mqtt",
                            "settings": {"topic": "%s"}}]}
                """.formatted(topic)).getBytes(UTF_8), gateway.drivers()));
        String t1 = gateway.instance("26").orElseThrow() + "X_JCWMP_Item.Reading.1.Value";
        sensor = new MqttClient(BROKER, "jcwmp-test-sensor-" + UUID.randomUUID(), new MemoryPersistence());
        sensor.connect();

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            sensor.publish(topic, new MqttMessage("not json".getBytes(UTF_8)));
            sensor.publish(topic, new MqttMessage("[1, 2]".getBytes(UTF_8)));
            sensor.publish(topic, new MqttMessage("{\"T1\": 7, \"gas\": 3}".getBytes(UTF_8)));
            assertThat(agent.model().value(t1)).isEqualTo("7");
        });
        assertThat(gateway.registry().get("26").orElseThrow().readings()).containsOnlyKeys("T1", "T2");
    }
}
