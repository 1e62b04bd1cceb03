package org.jcwmp.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.acs.store.StoredParameter;
import org.jcwmp.acs.task.Task;
import org.jcwmp.acs.task.TaskStatus;
import org.jcwmp.core.datamodel.Schema;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every RPC the ACS can ask of a CPE, end to end: a real ACS and a real agent in one JVM, the task queued with a
 * connection request, and the effect checked on both sides (the agent's tree and the ACS's stored device).
 * docs/conformance.md points here.
 */
class RpcConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUI = "00D09E";

    @TempDir
    Path dir;
    private AcsServer acs;
    private final InformRecorder informs = new InformRecorder();
    private final List<CpeAgent> agents = new ArrayList<>();
    private CpeAgent agent;
    private String id;

    @BeforeEach
    void start() {
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).dataDirectory(dir.resolve("acs"))
                .cpeCredentials("cpe", "pw").connectionRequestCredentials("acs", "crpw").build().start();
        acs.addListener(informs);
        agent = agent("home-gateway", "HomeGateway", "RPC0001");
        id = OUI + "-HomeGateway-RPC0001";
    }

    @AfterEach
    void stop() {
        agents.forEach(CpeAgent::stop);
        acs.stop();
    }

    private CpeAgent agent(String profile, String productClass, String serial) {
        long t0 = System.nanoTime();
        CpeAgent a = CpeAgent.builder().profile(profile).acsUrl(URI.create(acs.cwmpUrl())).acsCredentials("cpe", "pw")
                .stateDirectory(dir.resolve(serial)).deviceId(new DeviceIdStruct("jcwmp", OUI, productClass, serial))
                .connectionRequestCredentials("acs", "crpw").connectionRequestAddress("127.0.0.1", 0)
                .periodicInformInterval(Duration.ofHours(1)).build();
        agents.add(a);
        a.start();
        informs.waitFor(OUI + "-" + productClass + "-" + serial, EventCode.BOOTSTRAP, t0);
        return a;
    }

    /** Queues a task, sends a connection request, and returns the finished task. */
    private Task run(String deviceId, String task) throws Exception {
        Task queued = acs.tasks().queue(deviceId, JSON.readTree(task));
        var finished = acs.tasks().whenFinished(queued.id());
        var outcome = acs.connectionRequester().request(acs.devices().find(deviceId).orElseThrow());
        assertThat(outcome.delivered()).as(outcome.detail()).isTrue();
        return finished.get(20, TimeUnit.SECONDS);
    }

    private Task run(String task) throws Exception {
        return run(id, task);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    /** A name relative to the path is one level down: a parameter "X" or an object "X.". */
    private static boolean oneLevelBelow(String rest) {
        int dot = rest.indexOf('.');
        return !rest.isEmpty() && (dot < 0 || dot == rest.length() - 1);
    }

    private StoredParameter stored(String name) {
        return acs.devices().parameters(id, name).stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void getRPCMethodsListsWhatTheAgentAnswers() throws Exception {
        Task t = run("{\"name\":\"getRPCMethods\"}");
        assertThat(t.status()).isEqualTo(TaskStatus.DONE);
        List<String> methods = new ArrayList<>();
        json(t.result()).get("methodList").forEach(m -> methods.add(m.asText()));
        assertThat(methods).contains("GetRPCMethods", "GetParameterNames", "GetParameterValues", "SetParameterValues",
                "GetParameterAttributes", "SetParameterAttributes", "AddObject", "DeleteObject", "Reboot",
                "FactoryReset", "ScheduleInform");
    }

    @Test
    void getParameterNamesNextLevelStoresWritability() throws Exception {
        Task t = run("{\"name\":\"getParameterNames\",\"parameterPath\":\"Device.DeviceInfo.\",\"nextLevel\":true}");
        assertThat(t.status()).isEqualTo(TaskStatus.DONE);
        List<String> names = json(t.result()).get("parameterList").findValuesAsText("name");
        assertThat(names).contains("Device.DeviceInfo.SerialNumber", "Device.DeviceInfo.ProvisioningCode")
                .allMatch(n -> n.startsWith("Device.DeviceInfo.") && oneLevelBelow(n.substring("Device.DeviceInfo.".length())));
        assertThat(stored("Device.DeviceInfo.SerialNumber").writable()).isFalse();
        assertThat(stored("Device.DeviceInfo.ProvisioningCode").writable()).isTrue();
    }

    @Test
    void getParameterValuesOfAPartialPathStoresEveryLeaf() throws Exception {
        agent.setLocalValue("Device.DeviceInfo.ModelName", "M-42");
        Task t = run("{\"name\":\"getParameterValues\",\"parameterNames\":[\"Device.DeviceInfo.\"]}");
        assertThat(t.status()).isEqualTo(TaskStatus.DONE);
        assertThat(stored("Device.DeviceInfo.ModelName").value()).isEqualTo("M-42");
        assertThat(stored("Device.DeviceInfo.SerialNumber").value()).isEqualTo("RPC0001");
    }

    @Test
    void setParameterValuesAppliesEverythingAndTheParameterKey() throws Exception {
        Task t = run("{\"name\":\"setParameterValues\",\"parameterKey\":\"pk-1\",\"parameterValues\":["
                + "[\"Device.ManagementServer.PeriodicInformInterval\",\"900\"],[\"Device.DeviceInfo.ProvisioningCode\",\"P1\"]]}");
        assertThat(t.status()).isEqualTo(TaskStatus.DONE);
        assertThat(agent.parameterValue("Device.ManagementServer.PeriodicInformInterval")).isEqualTo("900");
        assertThat(agent.parameterValue("Device.ManagementServer.ParameterKey")).isEqualTo("pk-1");
        assertThat(stored("Device.ManagementServer.PeriodicInformInterval").value()).isEqualTo("900");
        assertThat(stored("Device.DeviceInfo.ProvisioningCode").value()).isEqualTo("P1");
    }

    @Test
    void setParameterValuesFaultListsEveryFailingParameterAndChangesNothing() throws Exception {
        String before = agent.parameterValue("Device.DeviceInfo.ProvisioningCode");
        Task t = run("{\"name\":\"setParameterValues\",\"validate\":false,\"parameterValues\":["
                + "[\"Device.DeviceInfo.ProvisioningCode\",\"NEVER\",\"xsd:string\"],"
                + "[\"Device.DeviceInfo.SerialNumber\",\"X\",\"xsd:string\"],"
                + "[\"Device.ManagementServer.PeriodicInformInterval\",\"soon\",\"xsd:unsignedInt\"],"
                + "[\"Device.DeviceInfo.NoSuchThing\",\"1\",\"xsd:string\"]]}");
        assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(t.faultCode()).isEqualTo(9003);
        JsonNode faults = json(t.result()).get("setParameterValuesFaults");
        assertThat(faults.findValuesAsText("parameterName")).containsExactlyInAnyOrder("Device.DeviceInfo.SerialNumber",
                "Device.ManagementServer.PeriodicInformInterval", "Device.DeviceInfo.NoSuchThing");
        for (JsonNode f : faults) {
            int expected = switch (f.get("parameterName").asText()) {
                case "Device.DeviceInfo.SerialNumber" -> 9008;
                case "Device.ManagementServer.PeriodicInformInterval" -> 9007;
                default -> 9005;
            };
            assertThat(f.get("faultCode").asInt()).as(f.toString()).isEqualTo(expected);
        }
        assertThat(agent.parameterValue("Device.DeviceInfo.ProvisioningCode")).isEqualTo(before);
        assertThat(stored("Device.DeviceInfo.ProvisioningCode").value()).isEqualTo(before);
    }

    @Test
    void getParameterValuesOfAnUnknownNameIsFault9005() throws Exception {
        Task t = run("{\"name\":\"getParameterValues\",\"validate\":false,\"parameterNames\":[\"Device.Nothing.\"]}");
        assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(t.faultCode()).isEqualTo(9005);
    }

    @Test
    void activeNotificationSetThroughTheAcsBringsALocalChangeWithinASecond() throws Exception {
        Task set = run("{\"name\":\"setParameterAttributes\",\"parameterAttributes\":"
                + "[{\"name\":\"Device.DeviceInfo.ModelName\",\"notification\":2}]}");
        assertThat(set.status()).isEqualTo(TaskStatus.DONE);
        Task get = run("{\"name\":\"getParameterAttributes\",\"parameterNames\":[\"Device.DeviceInfo.ModelName\"]}");
        assertThat(json(get.result()).at("/parameterList/0/notification").asInt()).isEqualTo(2);
        assertThat(stored("Device.DeviceInfo.ModelName").notification()).isEqualTo(2);

        long t0 = System.nanoTime();
        agent.setLocalValue("Device.DeviceInfo.ModelName", "changed-on-the-device");
        InformRecorder.Received change = informs.waitFor(id, EventCode.VALUE_CHANGE, t0);
        assertThat(Duration.ofNanos(change.nanos() - t0)).isLessThan(Duration.ofSeconds(1));
        assertThat(change.value("Device.DeviceInfo.ModelName")).isEqualTo("changed-on-the-device");
        assertThat(stored("Device.DeviceInfo.ModelName").value()).isEqualTo("changed-on-the-device");
    }

    @Test
    void notificationThatTheModelForcesCannotBeTurnedOff() throws Exception {
        Task t = run("{\"name\":\"setParameterAttributes\",\"parameterAttributes\":"
                + "[{\"name\":\"Device.DeviceInfo.ProvisioningCode\",\"notification\":0}]}");
        assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(t.faultCode()).isEqualTo(9009);
    }

    @Test
    void addObjectAndDeleteObjectChangeBothSides() throws Exception {
        Task add = run("{\"name\":\"addObject\",\"objectName\":\"Device.IP.Interface.\",\"parameterKey\":\"add-1\"}");
        assertThat(add.status()).isEqualTo(TaskStatus.DONE);
        long n = json(add.result()).get("instanceNumber").asLong();
        String instance = "Device.IP.Interface." + n + ".";
        assertThat(agent.model().contains(instance + "Enable")).isTrue();
        assertThat(agent.parameterValue("Device.ManagementServer.ParameterKey")).isEqualTo("add-1");
        assertThat(acs.devices().parameters(id, instance)).extracting(StoredParameter::name).contains(instance);

        Task delete = run("{\"name\":\"deleteObject\",\"objectName\":\"" + instance + "\"}");
        assertThat(delete.status()).isEqualTo(TaskStatus.DONE);
        assertThat(agent.model().contains(instance + "Enable")).isFalse();
        assertThat(acs.devices().parameters(id, instance)).isEmpty();
    }

    @Test
    void rebootInformsMRebootWithTheCommandKeyAndBoot() throws Exception {
        long t0 = System.nanoTime();
        assertThat(run("{\"name\":\"reboot\",\"commandKey\":\"rk-7\"}").status()).isEqualTo(TaskStatus.DONE);
        InformRecorder.Received boot = informs.waitFor(id, EventCode.BOOT, t0);
        assertThat(boot.eventStructs()).contains(new EventStruct(EventCode.M_REBOOT, "rk-7"));
        assertThat(acs.devices().events(id, 5)).extracting(e -> e.eventCode()).contains(EventCode.M_REBOOT);
    }

    @Test
    void factoryResetBootstrapsAgainWithoutLocalChanges() throws Exception {
        String factory = agent.parameterValue("Device.DeviceInfo.ProvisioningCode");
        agent.setLocalValue("Device.DeviceInfo.ProvisioningCode", "local-change");
        long t0 = System.nanoTime();
        assertThat(run("{\"name\":\"factoryReset\"}").status()).isEqualTo(TaskStatus.DONE);
        InformRecorder.Received bootstrap = informs.waitFor(id, EventCode.BOOTSTRAP, t0);
        assertThat(bootstrap.events()).contains(EventCode.BOOT);
        assertThat(agent.parameterValue("Device.DeviceInfo.ProvisioningCode")).isEqualTo(factory);
    }

    @Test
    void scheduleInformArrivesAfterItsDelayWithTheCommandKey() throws Exception {
        long t0 = System.nanoTime();
        assertThat(run("{\"name\":\"scheduleInform\",\"delaySeconds\":1,\"commandKey\":\"sk-1\"}").status())
                .isEqualTo(TaskStatus.DONE);
        InformRecorder.Received scheduled = informs.waitFor(id, EventCode.SCHEDULED, t0);
        assertThat(scheduled.eventStructs()).contains(new EventStruct(EventCode.M_SCHEDULE_INFORM, "sk-1"));
        assertThat(Duration.ofNanos(scheduled.nanos() - t0)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void transferMethodsAnswerTruthfully() throws Exception {
        // Firmware, web content and configuration Downloads are accepted (status 1, done later: FirmwareDownloadTest,
        // TransferRpcTest); other file types and non-HTTP URLs get 9013.
        Task download = run("{\"name\":\"download\",\"fileType\":\"4 Tone File\",\"url\":\"http://127.0.0.1:1/tone.wav\"}");
        assertThat(download.faultCode()).isEqualTo(9013);
        Task ftp = run("{\"name\":\"download\",\"fileType\":\"1 Firmware Upgrade Image\",\"url\":\"ftp://127.0.0.1:1/fw.bin\"}");
        assertThat(ftp.faultCode()).isEqualTo(9013);
        Task queued = run("{\"name\":\"getAllQueuedTransfers\"}");
        assertThat(queued.status()).isEqualTo(TaskStatus.DONE);
        assertThat(json(queued.result()).get("transferList")).isEmpty();
        assertThat(run("{\"name\":\"cancelTransfer\",\"commandKey\":\"none\"}").faultCode()).isEqualTo(9021);
    }

    @Test
    void bothProfilesAnswerAFullGetParameterNamesOfTheirRoot() throws Exception {
        agent("legacy-gateway", "LegacyGateway", "RPC0002");
        for (String[] device : new String[][] {{id, "Device."}, {OUI + "-LegacyGateway-RPC0002", "InternetGatewayDevice."}}) {
            Task t = run(device[0], "{\"name\":\"getParameterNames\",\"parameterPath\":\"" + device[1] + "\",\"nextLevel\":false}");
            assertThat(t.status()).isEqualTo(TaskStatus.DONE);
            List<String> names = json(t.result()).get("parameterList").findValuesAsText("name");
            assertThat(names).hasSizeGreaterThan(50).allMatch(n -> n.startsWith(device[1]));
            Schema schema = Schema.forPath(device[1]);
            assertThat(names).as("every name is in the standard model")
                    .allMatch(n -> n.endsWith(".") ? schema.object(n).isPresent() : schema.parameter(n).isPresent());
        }
    }
}
