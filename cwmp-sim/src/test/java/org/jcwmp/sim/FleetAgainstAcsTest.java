package org.jcwmp.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jcwmp.acs.AcsListener;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.acs.connreq.ConnectionRequestOutcome;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.task.Task;
import org.jcwmp.acs.task.TaskStatus;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Inform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Simulated CPEs against a real embedded ACS: bootstrap, tasks, connection requests through the shared listener. */
@Timeout(60)
class FleetAgainstAcsTest {
    @TempDir
    Path dir;
    private AcsServer acs;
    private Fleet fleet;
    private final List<String> informs = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).stun("127.0.0.1", -1).dataDirectory(dir)
                .cpeCredentials("cpe", "cpe-secret").connectionRequestCredentials("acs", "cr-secret")
                .passwordHashIterations(1000).build().start();
        acs.addListener(new AcsListener() {
            @Override
            public void informed(Device device, Inform inform) {
                for (EventStruct e : inform.event()) {
                    informs.add(device.id() + " " + e.eventCode());
                }
            }
        });
    }

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
        acs.stop();
    }

    @Test
    void devicesBootstrapAndAnswerTasksQueuedWithAConnectionRequest() throws Exception {
        fleet = Fleet.builder().acsUrl(URI.create(acs.cwmpUrl())).devices(3).acsCredentials("cpe", "cpe-secret")
                .connectionRequestCredentials("acs", "cr-secret").bootStorm(true).maxConcurrentSessions(3)
                .build().start();
        await().atMost(Duration.ofSeconds(20)).until(() -> fleet.bootstrapped() == 3);
        SimulatedCpe cpe = fleet.device(1);
        assertThat(cpe.deviceId()).isEqualTo("00D09E-SimGateway-SIM000002");
        assertThat(informs).contains(cpe.deviceId() + " " + EventCode.BOOTSTRAP, cpe.deviceId() + " " + EventCode.BOOT);
        Device device = acs.devices().find(cpe.deviceId()).orElseThrow();

        Task spv = acs.tasks().queue(cpe.deviceId(), json.readTree("""
                {"name":"setParameterValues","parameterKey":"k1",
                 "parameterValues":[["Device.ManagementServer.PeriodicInformInterval","600","xsd:unsignedInt"]]}"""));
        Task gpv = acs.tasks().queue(cpe.deviceId(), json.readTree("""
                {"name":"getParameterValues","parameterNames":["Device.ManagementServer.PeriodicInformInterval",
                 "Device.DeviceInfo.SerialNumber","Device.ManagementServer.ParameterKey"]}"""));
        ConnectionRequestOutcome outcome = acs.connectionRequester().request(device);
        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        assertThat(outcome.mechanism()).isEqualToIgnoringCase("http");

        Task done = acs.tasks().whenFinished(gpv.id()).get();
        assertThat(acs.tasks().find(spv.id()).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
        assertThat(done.status()).isEqualTo(TaskStatus.DONE);
        assertThat(done.result()).contains("600").contains("SIM000002").contains("k1");
        assertThat(informs).contains(cpe.deviceId() + " " + EventCode.CONNECTION_REQUEST);
        assertThat(cpe.value("Device.ManagementServer.PeriodicInformInterval")).contains("600");
        assertThat(fleet.device(0).value("Device.ManagementServer.PeriodicInformInterval")).contains("86400");
        assertThat(fleet.stats().crAccepted.sum()).isEqualTo(1);
    }

    @Test
    void aFaultForAnUnknownNameDoesNotBreakTheSession() throws Exception {
        fleet = Fleet.builder().acsUrl(URI.create(acs.cwmpUrl())).devices(1).acsCredentials("cpe", "cpe-secret")
                .connectionRequestListener("127.0.0.1", -1).build().start();
        await().atMost(Duration.ofSeconds(20)).until(() -> fleet.bootstrapped() == 1);
        SimulatedCpe cpe = fleet.device(0);
        Task bad = acs.tasks().queue(cpe.deviceId(), json.readTree("""
                {"name":"getParameterValues","validate":false,"parameterNames":["Device.X_NOPE.Thing"]}"""));
        Task names = acs.tasks().queue(cpe.deviceId(), json.readTree("""
                {"name":"getParameterNames","parameterPath":"Device.ManagementServer.","nextLevel":true}"""));
        assertThat(fleet.runSession(cpe)).isTrue();
        assertThat(acs.tasks().find(bad.id()).orElseThrow().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(acs.tasks().find(bad.id()).orElseThrow().faultCode()).isEqualTo(9005);
        Task n = acs.tasks().find(names.id()).orElseThrow();
        assertThat(n.status()).isEqualTo(TaskStatus.DONE);
        assertThat(n.result()).contains("Device.ManagementServer.PeriodicInformInterval");
    }

    @Test
    void bootStormPeriodicInformsAndARebootTask() throws Exception {
        fleet = Fleet.builder().acsUrl(URI.create(acs.cwmpUrl())).devices(20).acsCredentials("cpe", "cpe-secret")
                .connectionRequestListener("127.0.0.1", -1).bootStorm(true).maxConcurrentSessions(8)
                .informInterval(Duration.ofSeconds(1)).jitter(0.2).rebootTime(Duration.ofMillis(100)).build().start();
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.bootstrapped() == 20);
        for (int i = 0; i < 20; i++) {
            assertThat(informs).contains(fleet.device(i).deviceId() + " " + EventCode.BOOT);
        }
        SimulatedCpe cpe = fleet.device(7);
        await().atMost(Duration.ofSeconds(10)).until(() -> informs.contains(cpe.deviceId() + " " + EventCode.PERIODIC));
        Task reboot = acs.tasks().queue(cpe.deviceId(), json.readTree("""
                {"name":"reboot","commandKey":"rb1"}"""));
        assertThat(acs.tasks().whenFinished(reboot.id()).get().status()).isEqualTo(TaskStatus.DONE);
        await().atMost(Duration.ofSeconds(10)).until(() -> informs.contains(cpe.deviceId() + " " + EventCode.M_REBOOT));
        assertThat(fleet.stats().failed.sum()).isZero();
    }
}
