package org.jcwmp.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.cpe.CpeAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real ACS and real agents in one JVM, over HTTP on loopback: the foundation's end-to-end path. */
class FoundationTest {
    private static final String OUI = "00D09E";
    private static final String PRODUCT_CLASS = "HomeGateway";

    @TempDir
    Path dir;
    private AcsServer acs;
    private Nbi nbi;
    private final InformRecorder informs = new InformRecorder();
    private final List<CpeAgent> agents = new ArrayList<>();

    @BeforeEach
    void startAcs() {
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).dataDirectory(dir.resolve("acs"))
                .cpeCredentials("cpe", "cpe-secret").connectionRequestCredentials("acs", "cr-secret").build().start();
        acs.addListener(informs);
        nbi = Nbi.asAdmin(acs);
    }

    @AfterEach
    void stopAll() {
        agents.forEach(CpeAgent::stop);
        acs.stop();
    }

    private CpeAgent agent(String serial, String acsPassword, Duration periodic) {
        return agent(serial, "cpe", acsPassword, periodic);
    }

    private CpeAgent agent(String serial, String acsUsername, String acsPassword, Duration periodic) {
        CpeAgent agent = CpeAgent.builder()
                .acsUrl(URI.create(acs.cwmpUrl()))
                .acsCredentials(acsUsername, acsPassword)
                .stateDirectory(dir.resolve("cpe").resolve(serial))
                .deviceId(new DeviceIdStruct("jcwmp", OUI, PRODUCT_CLASS, serial))
                .connectionRequestCredentials("acs", "cr-secret")
                .connectionRequestAddress("127.0.0.1", 0)
                .periodicInformInterval(periodic)
                .build();
        agents.add(agent);
        agent.start();
        return agent;
    }

    private static String id(String serial) {
        return OUI + "-" + PRODUCT_CLASS + "-" + serial;
    }

    @Test
    void bootstrapThenReadAndWriteThroughConnectionRequests() throws Exception {
        long t0 = System.nanoTime();
        CpeAgent a = agent("IT0001", "cpe-secret", Duration.ofHours(1));
        CpeAgent b = agent("IT0002", "cpe-secret", Duration.ofHours(1));
        informs.waitFor(id("IT0001"), EventCode.BOOTSTRAP, t0);
        informs.waitFor(id("IT0002"), EventCode.BOOTSTRAP, t0);

        Nbi.Answer devices = nbi.get("devices");
        assertThat(devices.status()).isEqualTo(200);
        assertThat(devices.body().get("total").asInt()).isEqualTo(2);
        Nbi.Answer device = nbi.get("devices/" + id("IT0001"));
        assertThat(device.body().get("serialNumber").asText()).isEqualTo("IT0001");
        assertThat(device.body().get("connectionRequestUrl").asText()).isEqualTo(a.connectionRequestUrl().toString());
        assertThat(device.body().at("/parameters/Device.DeviceInfo.SoftwareVersion/value").asText())
                .isEqualTo(a.parameterValue("Device.DeviceInfo.SoftwareVersion"));
        assertThat(device.body().get("events").findValuesAsText("eventCode")).contains(EventCode.BOOTSTRAP, EventCode.BOOT);

        // GetParameterValues through a connection request, answered in the same call.
        long t1 = System.nanoTime();
        // A local change of a parameter that is not on active notification: only a request brings it to the ACS.
        a.setLocalValue("Device.DeviceInfo.ModelName", "Model-LOCAL-1");
        Nbi.Answer gpv = nbi.post("devices/" + id("IT0001") + "/tasks?connection_request&timeout=15000",
                "{\"name\":\"getParameterValues\",\"parameterNames\":[\"Device.DeviceInfo.\"]}");
        assertThat(gpv.status()).isEqualTo(200);
        assertThat(gpv.body().get("status").asText()).isEqualTo("done");
        assertThat(gpv.body().at("/connectionRequest/delivered").asBoolean()).isTrue();
        assertThat(value(gpv.body(), "Device.DeviceInfo.ModelName")).isEqualTo("Model-LOCAL-1");
        assertThat(value(gpv.body(), "Device.DeviceInfo.SerialNumber")).isEqualTo("IT0001");
        informs.waitFor(id("IT0001"), EventCode.CONNECTION_REQUEST, t1);
        assertThat(nbi.get("devices/" + id("IT0001") + "/parameters?prefix=Device.DeviceInfo.ModelName")
                .body().at("/Device.DeviceInfo.ModelName/value").asText()).isEqualTo("Model-LOCAL-1");
        // The other agent was not asked.
        assertThat(informs.find(id("IT0002"), EventCode.CONNECTION_REQUEST, t1)).isNull();

        // SetParameterValues: the agent applies it and records the ParameterKey.
        Nbi.Answer spv = nbi.post("devices/" + id("IT0002") + "/tasks?connection_request&timeout=15000",
                "{\"name\":\"setParameterValues\",\"parameterKey\":\"key-42\",\"parameterValues\":"
                        + "[[\"Device.DeviceInfo.ProvisioningCode\",\"PC-ACS-2\",\"xsd:string\"],"
                        + "[\"Device.ManagementServer.PeriodicInformInterval\",\"1800\",\"xsd:unsignedInt\"]]}");
        assertThat(spv.status()).isEqualTo(200);
        assertThat(spv.body().get("status").asText()).isEqualTo("done");
        assertThat(spv.body().at("/result/status").asInt()).isZero();
        assertThat(b.parameterValue("Device.DeviceInfo.ProvisioningCode")).isEqualTo("PC-ACS-2");
        assertThat(b.parameterValue("Device.ManagementServer.PeriodicInformInterval")).isEqualTo("1800");
        assertThat(b.parameterValue("Device.ManagementServer.ParameterKey")).isEqualTo("key-42");
        assertThat(acs.devices().parameters(id("IT0002"), "Device.DeviceInfo.ProvisioningCode").getFirst().value())
                .isEqualTo("PC-ACS-2");

        // A write the data model forbids is refused by the NBI before it reaches the device.
        Nbi.Answer notWritable = nbi.post("devices/" + id("IT0002") + "/tasks?connection_request&timeout=15000",
                "{\"name\":\"setParameterValues\",\"parameterValues\":[[\"Device.DeviceInfo.SerialNumber\",\"X\"]]}");
        assertThat(notWritable.status()).isEqualTo(400);
        assertThat(notWritable.body().get("error").asText()).contains("Device.DeviceInfo.SerialNumber is not writable");

        // A write only the CPE can judge (a vendor parameter it lacks) fails with its fault and changes nothing.
        Nbi.Answer refused = nbi.post("devices/" + id("IT0002") + "/tasks?connection_request&timeout=15000",
                "{\"name\":\"setParameterValues\",\"parameterValues\":"
                        + "[[\"Device.DeviceInfo.ProvisioningCode\",\"PC-NEVER\",\"xsd:string\"],"
                        + "[\"Device.DeviceInfo.X_JCWMP_Unknown\",\"X\",\"xsd:string\"]]}");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body().get("status").asText()).isEqualTo("failed");
        assertThat(refused.body().at("/fault/code").asInt()).isEqualTo(9003);
        assertThat(refused.body().at("/fault/detail/setParameterValuesFaults/0/parameterName").asText())
                .isEqualTo("Device.DeviceInfo.X_JCWMP_Unknown");
        assertThat(refused.body().at("/fault/detail/setParameterValuesFaults/0/faultCode").asInt()).isEqualTo(9005);
        assertThat(b.parameterValue("Device.DeviceInfo.ProvisioningCode")).isEqualTo("PC-ACS-2");

        // The task can be read back.
        long taskId = spv.body().get("id").asLong();
        assertThat(nbi.get("tasks/" + taskId).body().get("status").asText()).isEqualTo("done");
    }

    @Test
    void periodicInformArrivesOnTheInterval() {
        long t0 = System.nanoTime();
        agent("IT0003", "cpe-secret", Duration.ofSeconds(1));
        informs.waitFor(id("IT0003"), EventCode.BOOTSTRAP, t0);
        InformRecorder.Received periodic = informs.waitFor(id("IT0003"), EventCode.PERIODIC, t0);
        assertThat(periodic.events()).contains(EventCode.PERIODIC);
    }

    @Test
    void wrongConnectionRequestPasswordStartsNoSession() throws Exception {
        long t0 = System.nanoTime();
        agent("IT0004", "cpe-secret", Duration.ofHours(1));
        informs.waitFor(id("IT0004"), EventCode.BOOTSTRAP, t0);
        acs.devices().setConnectionRequestCredentials(id("IT0004"), "acs", "not-the-password");

        long t1 = System.nanoTime();
        Nbi.Answer cr = nbi.post("devices/" + id("IT0004") + "/connection-request", "");
        assertThat(cr.status()).isEqualTo(200);
        assertThat(cr.body().get("delivered").asBoolean()).isFalse();
        assertThat(cr.body().get("detail").asText()).contains("401");
        // Bounded wait: no session may follow a refused request.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> informs.find(id("IT0004"), EventCode.CONNECTION_REQUEST, t1) == null);

        // With the right password the same device answers.
        acs.devices().setConnectionRequestCredentials(id("IT0004"), "acs", "cr-secret");
        Nbi.Answer ok = nbi.post("devices/" + id("IT0004") + "/connection-request", "");
        assertThat(ok.body().get("delivered").asBoolean()).isTrue();
        informs.waitFor(id("IT0004"), EventCode.CONNECTION_REQUEST, t1);
    }

    @Test
    void wrongAcsPasswordIsRefusedAndNoDeviceIsCreated() {
        CpeAgent intruder = agent("IT0005", "guessed", Duration.ofHours(1));
        List<Boolean> sessions = new java.util.concurrent.CopyOnWriteArrayList<>();
        intruder.addListener(new org.jcwmp.cpe.CpeListener() {
            @Override
            public void sessionEnded(boolean ok, Throwable cause) {
                sessions.add(ok);
            }
        });
        intruder.requestSession();
        await().atMost(Duration.ofSeconds(20)).until(() -> !sessions.isEmpty());
        assertThat(sessions).doesNotContain(true);
        assertThat(acs.devices().find(id("IT0005"))).isEmpty();
        assertThat(informs.all()).isEmpty();
    }

    @Test
    void perDeviceCredentialsSetThroughTheNbiAreAccepted() throws Exception {
        CpeAgent refused = agent("IT0007", "box-7", "own-secret", Duration.ofHours(1));
        List<Boolean> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
        refused.addListener(new org.jcwmp.cpe.CpeListener() {
            @Override
            public void sessionEnded(boolean ok, Throwable cause) {
                outcomes.add(ok);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> !outcomes.isEmpty());
        assertThat(outcomes.getFirst()).isFalse();
        assertThat(acs.devices().find(id("IT0007"))).isEmpty();

        assertThat(nbi.put("cpe-credentials/box-7", "{}").status()).isEqualTo(400);
        assertThat(nbi.put("cpe-credentials/box-7", "{\"password\":\"own-secret\"}").status()).isEqualTo(204);
        long t1 = System.nanoTime();
        refused.requestSession();
        informs.waitFor(id("IT0007"), EventCode.BOOTSTRAP, t1);
        assertThat(acs.devices().find(id("IT0007"))).isPresent();
    }

    @Test
    void restartedAgentInformsBootNotBootstrap() {
        long t0 = System.nanoTime();
        CpeAgent first = agent("IT0006", "cpe-secret", Duration.ofHours(1));
        informs.waitFor(id("IT0006"), EventCode.BOOTSTRAP, t0);
        first.stop();

        long t1 = System.nanoTime();
        agent("IT0006", "cpe-secret", Duration.ofHours(1));
        InformRecorder.Received boot = informs.waitFor(id("IT0006"), EventCode.BOOT, t1);
        assertThat(boot.events()).doesNotContain(EventCode.BOOTSTRAP);
        assertThat(acs.devices().events(id("IT0006"), 10).getFirst().eventCode()).isEqualTo(EventCode.BOOT);
    }

    private static String value(JsonNode task, String name) {
        for (JsonNode p : task.at("/result/parameterList")) {
            if (p.get("name").asText().equals(name)) {
                return p.get("value").asText();
            }
        }
        return null;
    }
}
