package org.jcwmp.cpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jcwmp.cpe.AgentTestSupport.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jcwmp.core.rpc.AddObject;
import org.jcwmp.core.rpc.AddObjectResponse;
import org.jcwmp.core.rpc.CancelTransfer;
import org.jcwmp.core.rpc.ChangeDUState;
import org.jcwmp.core.rpc.DeleteObject;
import org.jcwmp.core.rpc.DeleteObjectResponse;
import org.jcwmp.core.rpc.Download;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.FactoryReset;
import org.jcwmp.core.rpc.FactoryResetResponse;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.GetAllQueuedTransfers;
import org.jcwmp.core.rpc.GetAllQueuedTransfersResponse;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.Reboot;
import org.jcwmp.core.rpc.RebootResponse;
import org.jcwmp.core.rpc.ScheduleInform;
import org.jcwmp.core.rpc.SetParameterValues;
import org.jcwmp.core.rpc.Upload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reboot, FactoryReset, ScheduleInform, AddObject/DeleteObject and the transfer methods, in real sessions. */
class CpeRestartTest {
    private static final String CODE = "Device.DeviceInfo.ProvisioningCode";
    private static final String KEY = "Device.ManagementServer.ParameterKey";
    @TempDir
    Path state;
    private final FakeAcs acs = new FakeAcs().user("cpe", "s3cret");
    private final RecordingListener events = new RecordingListener();
    private final List<Boolean> restarts = new CopyOnWriteArrayList<>();
    private CpeAgent agent;

    CpeRestartTest() throws Exception {
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
        acs.close();
    }

    private void start() {
        agent = agent(acs.url(), state).build();
        agent.addListener(events);
        agent.addListener(new CpeListener() {
            @Override
            public void restarted(boolean factoryReset) {
                restarts.add(factoryReset);
            }
        });
        agent.start();
    }

    private List<EventStruct> eventsOf(int inform) {
        return acs.informs.get(inform).event();
    }

    private int faultCode(int index) {
        return ((Fault) acs.responsesTo(Fault.class).get(index).envelope().body()).faultCode();
    }

    @Test
    void rebootInformsWithMRebootAndBootAndKeepsTheData() {
        acs.then(new SetParameterValues(List.of(new ParameterValueStruct(CODE, "PC-1", "xsd:string")), "key-1"))
                .then(new AddObject("Device.IP.Interface.", "key-2"))
                .then(new Reboot("reboot-42"));
        start();
        events.awaitOkSessions(2);
        assertThat(acs.responsesTo(RebootResponse.class)).hasSize(1);
        assertThat(restarts).containsExactly(false);
        assertThat(eventsOf(1)).containsExactly(new EventStruct("M Reboot", "reboot-42"), new EventStruct("1 BOOT", ""));
        assertThat(agent.parameterValue(CODE)).isEqualTo("PC-1");
        assertThat(agent.parameterValue(KEY)).isEqualTo("key-2");
        assertThat(agent.model().contains("Device.IP.Interface.3.")).isTrue();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> acs.informs.size() == 2);
    }

    @Test
    void factoryResetWipesWhatTheAcsDidAndBootstrapsAgain() {
        acs.then(new SetParameterValues(List.of(new ParameterValueStruct(CODE, "PC-1", "xsd:string"),
                        new ParameterValueStruct("Device.ManagementServer.Password", "changed-by-acs", "xsd:string")), "key-1"))
                .then(new AddObject("Device.IP.Interface.", "key-2"))
                .then(new FactoryReset());
        start();
        events.awaitOkSessions(1);
        acs.user("cpe", "changed-by-acs"); // the ACS now knows the password it set...
        acs.user("cpe", "s3cret");          // ...but a reset device comes back with the factory one
        events.awaitOkSessions(2);
        assertThat(acs.responsesTo(FactoryResetResponse.class)).hasSize(1);
        assertThat(restarts).containsExactly(true);
        assertThat(eventsOf(1)).containsExactly(new EventStruct("0 BOOTSTRAP", ""), new EventStruct("1 BOOT", ""));
        assertThat(agent.parameterValue(CODE)).isEmpty();
        assertThat(agent.parameterValue(KEY)).isEmpty();
        assertThat(agent.parameterValue("Device.ManagementServer.Password")).isEqualTo("s3cret");
        assertThat(agent.model().contains("Device.IP.Interface.3.")).isFalse();
        assertThat(agent.parameterValue("Device.ManagementServer.ConnectionRequestURL")).isEqualTo(agent.connectionRequestUrl().toString());
    }

    @Test
    void scheduleInformComesBackAfterTheDelayWithItsCommandKey() {
        acs.then(new ScheduleInform(0, "too-soon")).then(new ScheduleInform(1, "in-a-second"));
        long t0 = System.nanoTime();
        start();
        events.awaitOkSessions(2);
        assertThat(faultCode(0)).isEqualTo(9003);
        assertThat(eventsOf(1)).containsExactly(new EventStruct("3 SCHEDULED", ""),
                new EventStruct("M ScheduleInform", "in-a-second"));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void addAndDeleteObjectNumberInstancesAndTheNumbersSurviveARestart() {
        acs.then(new AddObject("Device.IP.Interface.", "add"))
                .then(new AddObject("Device.IP.Interface.", "add"))
                .then(new DeleteObject("Device.IP.Interface.4.", "del"))
                .then(new AddObject("Device.Hosts.Host.", "no"))
                .then(new DeleteObject("Device.IP.Interface.4.", "again"));
        start();
        events.awaitOkSessions(1);
        assertThat(acs.responsesTo(AddObjectResponse.class)).extracting(r -> ((AddObjectResponse) r.envelope().body()).instanceNumber())
                .containsExactly(3L, 4L);
        assertThat(acs.responsesTo(DeleteObjectResponse.class)).hasSize(1);
        assertThat(faultCode(0)).isEqualTo(9005);
        assertThat(faultCode(1)).isEqualTo(9005);
        assertThat(agent.parameterValue(KEY)).isEqualTo("del");
        agent.stop();

        acs.then(new AddObject("Device.IP.Interface.", "after-restart"));
        RecordingListener second = new RecordingListener();
        agent = agent(acs.url(), state).build();
        agent.addListener(second);
        assertThat(agent.model().contains("Device.IP.Interface.3.")).isTrue();
        assertThat(agent.model().contains("Device.IP.Interface.4.")).isFalse();
        agent.start();
        second.awaitOkSessions(1);
        assertThat(acs.responsesTo(AddObjectResponse.class).getLast().envelope().body())
                .isEqualTo(new AddObjectResponse(5, 0));
    }

    @Test
    void unsupportedTransfersAndSoftwareModuleMethodsAnswerWithFaults() {
        // The supported transfers are in transfer.*Test and cwmp-it; unknown file types and keys are refused.
        acs.then(new Download("dl", "9 Unknown File Type", "http://files/web.tgz", "", "", 100, "", 0, "", ""))
                .then(new Upload("ul", "3 Vendor Configuration File", "http://files/", "", "", 0))
                .then(new CancelTransfer("dl"))
                .then(new ChangeDUState(List.of(), "du"))
                .then(new GetAllQueuedTransfers());
        start();
        events.awaitOkSessions(1);
        assertThat(faultCode(0)).isEqualTo(9013);
        assertThat(faultCode(1)).isEqualTo(9013);
        assertThat(faultCode(2)).isEqualTo(9021);
        assertThat(faultCode(3)).isEqualTo(9003); // ChangeDUState without operations
        assertThat(acs.responsesTo(GetAllQueuedTransfersResponse.class)).singleElement()
                .satisfies(r -> assertThat(((GetAllQueuedTransfersResponse) r.envelope().body()).transferList()).isEmpty());
    }
}
