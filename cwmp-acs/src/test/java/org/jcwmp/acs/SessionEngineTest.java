package org.jcwmp.acs;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jcwmp.acs.task.Task;
import org.jcwmp.acs.task.TaskStatus;
import org.jcwmp.core.rpc.AddObject;
import org.jcwmp.core.rpc.AutonomousDUStateChangeComplete;
import org.jcwmp.core.rpc.AutonomousDUStateChangeCompleteResponse;
import org.jcwmp.core.rpc.AutonomousTransferComplete;
import org.jcwmp.core.rpc.AutonomousTransferCompleteResponse;
import org.jcwmp.core.rpc.DUStateChangeComplete;
import org.jcwmp.core.rpc.DUStateChangeCompleteResponse;
import org.jcwmp.core.rpc.GetParameterValues;
import org.jcwmp.core.rpc.RequestDownload;
import org.jcwmp.core.rpc.RequestDownloadResponse;
import org.jcwmp.core.rpc.AddObjectResponse;
import org.jcwmp.core.rpc.DeleteObject;
import org.jcwmp.core.rpc.DeleteObjectResponse;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.FaultStruct;
import org.jcwmp.core.rpc.GetParameterAttributes;
import org.jcwmp.core.rpc.GetParameterAttributesResponse;
import org.jcwmp.core.rpc.GetRPCMethods;
import org.jcwmp.core.rpc.GetRPCMethodsResponse;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.GetParameterValuesResponse;
import org.jcwmp.core.rpc.InformResponse;
import org.jcwmp.core.rpc.ParameterAttributeStruct;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.SetParameterAttributes;
import org.jcwmp.core.rpc.SetParameterAttributesResponse;
import org.jcwmp.core.rpc.TransferComplete;
import org.jcwmp.core.rpc.TransferCompleteResponse;
import org.jcwmp.core.soap.CwmpVersion;
import org.jcwmp.core.soap.Envelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ACS's side of a session, one message at a time, against a CPE the test scripts. */
abstract class SessionEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "00D09E-Box-S1";

    @TempDir
    Path dir;
    private TestDatabases.TestStore testStore;

    /** "h2" or "postgresql". */
    abstract String store();
    private AcsServer acs;
    private ScriptedCpe cpe;

    @BeforeEach
    void start() {
        testStore = TestDatabases.open(store(), dir);
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).database(testStore.db())
                .cpeCredentials("cpe", "pw").build().start();
        cpe = new ScriptedCpe(acs, "cpe", "pw");
    }

    @AfterEach
    void stop() throws Exception {
        cpe.close();
        acs.stop();
        testStore.close();
    }

    private static Inform inform(String event) {
        return new Inform(new DeviceIdStruct("jcwmp", "00D09E", "Box", "S1"), List.of(new EventStruct(event, "")), 1,
                "2026-11-21T10:00:00Z", 0, List.of(new ParameterValueStruct("Device.DeviceInfo.SoftwareVersion", "1.0", "xsd:string")));
    }

    private Task queue(String json) throws Exception {
        return acs.tasks().queue(ID, JSON.readTree(json));
    }

    @Test
    void informResponseEchoesIdAndNamespaceAndAnEmptyPostEndsTheSession() throws Exception {
        Envelope answer = cpe.post(Envelope.of(CwmpVersion.V1_0, "inform-77", inform("1 BOOT")));
        assertThat(answer.body()).isEqualTo(new InformResponse(1));
        assertThat(answer.id()).isEqualTo("inform-77");
        assertThat(answer.version()).isEqualTo(CwmpVersion.V1_0);
        assertThat(answer.holdRequests()).isNull();
        assertThat(answer.useCwmpVersion()).isNull();
        assertThat(cpe.postEmpty()).isNull();
    }

    @Test
    void versionNegotiationPicksTheHighestCommonVersionOrRefuses() throws Exception {
        Envelope withVersions = new Envelope(CwmpVersion.V1_2, "i1", null, null, "1.0,1.1,1.2,1.3,1.4", null, inform("1 BOOT"));
        assertThat(cpe.post(withVersions).useCwmpVersion()).isEqualTo("1.4");
        assertThat(cpe.postEmpty()).isNull();

        Envelope older = new Envelope(CwmpVersion.V1_2, "i2", null, null, "1.0, 1.2", null, inform("2 PERIODIC"));
        assertThat(cpe.post(older).useCwmpVersion()).isEqualTo("1.2");
        assertThat(cpe.postEmpty()).isNull();

        Envelope future = new Envelope(CwmpVersion.V1_2, "i3", null, null, "2.0", null, inform("2 PERIODIC"));
        Envelope refused = cpe.post(future);
        assertThat(refused.body()).isInstanceOfSatisfying(Fault.class, f -> assertThat(f.faultCode()).isEqualTo(8006));
    }

    @Test
    void theCpeHoldsItsRequestsWhileTheAcsHasWorkAndMaySendThemAfterwards() throws Exception {
        cpe.post(inform("1 BOOT"));
        assertThat(cpe.postEmpty()).isNull();
        Task gpa = queue("{\"name\":\"getParameterAttributes\",\"parameterNames\":[\"Device.DeviceInfo.SoftwareVersion\"]}");
        Task spa = queue("{\"name\":\"setParameterAttributes\",\"parameterAttributes\":"
                + "[{\"name\":\"Device.DeviceInfo.SoftwareVersion\",\"notification\":2}]}");

        Envelope informAnswer = cpe.post(inform("6 CONNECTION REQUEST"));
        assertThat(informAnswer.holdRequests()).isTrue();
        Envelope first = cpe.postEmpty();
        assertThat(first.body()).isEqualTo(new GetParameterAttributes(List.of("Device.DeviceInfo.SoftwareVersion")));
        assertThat(first.holdRequests()).as("another task follows").isTrue();
        Envelope second = cpe.post(Envelope.of(CwmpVersion.V1_2, first.id(), new GetParameterAttributesResponse(
                List.of(new ParameterAttributeStruct("Device.DeviceInfo.SoftwareVersion", 1, List.of("Subscriber"))))));
        assertThat(second.body()).isInstanceOf(SetParameterAttributes.class);
        assertThat(second.holdRequests()).as("the last task").isNull();
        assertThat(cpe.post(Envelope.of(CwmpVersion.V1_2, second.id(), new SetParameterAttributesResponse()))).isNull();

        // After the ACS's 204 the CPE still sends what it held back, in the same session.
        Envelope tc = cpe.post(new TransferComplete("k1", new FaultStruct(0, ""), "2026-11-21T10:00:00Z", "2026-11-21T10:00:05Z"));
        assertThat(tc.body()).isEqualTo(new TransferCompleteResponse());
        assertThat(cpe.post(new GetRPCMethods()).body()).isInstanceOfSatisfying(GetRPCMethodsResponse.class,
                r -> assertThat(r.methodList()).contains("Inform", "TransferComplete", "GetRPCMethods"));
        assertThat(cpe.postEmpty()).isNull();

        assertThat(acs.tasks().find(gpa.id()).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
        assertThat(acs.tasks().find(spa.id()).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
        var stored = acs.devices().parameters(ID, "Device.DeviceInfo.SoftwareVersion").getFirst();
        assertThat(stored.notification()).as("SetParameterAttributes is recorded after GetParameterAttributes").isEqualTo(2);
        assertThat(stored.accessList()).containsExactly("Subscriber");
        assertThat(stored.value()).isEqualTo("1.0");
    }

    @Test
    void aSessionTheAcsHasAnsweredWith204NoLongerCountsAgainstTheSessionLimit() throws Exception {
        cpe.close();
        acs.stop();
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).database(testStore.db())
                .cpeCredentials("cpe", "pw").maxSessions(1, 7).build().start();
        cpe = new ScriptedCpe(acs, "cpe", "pw");
        cpe.post(inform("1 BOOT"));
        assertThat(cpe.postEmpty()).isNull();
        queue("{\"name\":\"getParameterValues\",\"parameterNames\":[\"Device.DeviceInfo.SoftwareVersion\"]}");
        assertThat(cpe.post(inform("6 CONNECTION REQUEST")).holdRequests()).isTrue();
        Envelope gpv = cpe.postEmpty(); // held, so not yet a sign that the CPE has nothing to send
        // The ACS's 204 after the response: it keeps the cookie for the CPE's own requests, but has nothing to do.
        assertThat(cpe.post(Envelope.of(CwmpVersion.V1_2, gpv.id(), new GetParameterValuesResponse(List.of(
                new ParameterValueStruct("Device.DeviceInfo.SoftwareVersion", "1.0", "xsd:string")))))).isNull();

        try (ScriptedCpe other = new ScriptedCpe(acs, "cpe", "pw")) {
            Inform second = new Inform(new DeviceIdStruct("jcwmp", "00D09E", "Box", "S2"), List.of(new EventStruct("1 BOOT", "")),
                    1, "2026-11-21T10:00:00Z", 0, List.of());
            assertThat(other.post(second).body()).as("one session allowed, and none is at work").isEqualTo(new InformResponse(1));
            try (ScriptedCpe third = new ScriptedCpe(acs, "cpe", "pw")) {
                Inform thirdInform = new Inform(new DeviceIdStruct("jcwmp", "00D09E", "Box", "S3"),
                        List.of(new EventStruct("1 BOOT", "")), 1, "2026-11-21T10:00:00Z", 0, List.of());
                assertThatThrownBy(() -> third.post(thirdInform)).as("the limit still holds").hasMessageContaining("HTTP 503");
            }
            assertThat(other.postEmpty()).isNull();
        }
    }

    @Test
    void everyRequestACpeMayMakeIsAnswered() throws Exception {
        cpe.post(inform("1 BOOT"));
        FaultStruct ok = new FaultStruct(0, "");
        assertThat(cpe.post(new AutonomousTransferComplete("", "http://x/f", true, "1 Firmware Upgrade Image", 10, "",
                ok, "2026-11-21T10:00:00Z", "2026-11-21T10:00:01Z")).body()).isEqualTo(new AutonomousTransferCompleteResponse());
        assertThat(cpe.post(new RequestDownload("3 Vendor Configuration File", List.of())).body())
                .isEqualTo(new RequestDownloadResponse());
        assertThat(cpe.post(new DUStateChangeComplete(List.of(), "du-1")).body()).isEqualTo(new DUStateChangeCompleteResponse());
        assertThat(cpe.post(new AutonomousDUStateChangeComplete(List.of())).body())
                .isEqualTo(new AutonomousDUStateChangeCompleteResponse());
        // A method only the ACS may call is refused with 8000, and the session goes on.
        assertThat(cpe.post(new GetParameterValues(List.of("Device."))).body())
                .isInstanceOfSatisfying(Fault.class, f -> assertThat(f.faultCode()).isEqualTo(8000));
        assertThat(cpe.postEmpty()).isNull();
    }

    @Test
    void objectsAddedAndDeletedAreMirroredInTheStore() throws Exception {
        cpe.post(inform("1 BOOT"));
        assertThat(cpe.postEmpty()).isNull();
        queue("{\"name\":\"addObject\",\"objectName\":\"Device.NAT.PortMapping.\",\"parameterKey\":\"k\"}");
        cpe.post(inform("6 CONNECTION REQUEST"));
        Envelope add = cpe.postEmpty();
        assertThat(add.body()).isEqualTo(new AddObject("Device.NAT.PortMapping.", "k"));
        assertThat(cpe.post(Envelope.of(CwmpVersion.V1_2, add.id(), new AddObjectResponse(7, 0)))).isNull();
        assertThat(acs.devices().parameters(ID, "Device.NAT.PortMapping.")).extracting(p -> p.name())
                .containsExactly("Device.NAT.PortMapping.7.");

        acs.devices().storeValues(ID, List.of(new ParameterValueStruct("Device.NAT.PortMapping.7.Description", "tv", "xsd:string")),
                java.time.Instant.now());
        queue("{\"name\":\"deleteObject\",\"objectName\":\"Device.NAT.PortMapping.7.\"}");
        cpe.post(inform("6 CONNECTION REQUEST"));
        Envelope delete = cpe.postEmpty();
        assertThat(delete.body()).isEqualTo(new DeleteObject("Device.NAT.PortMapping.7.", ""));
        assertThat(cpe.post(Envelope.of(CwmpVersion.V1_2, delete.id(), new DeleteObjectResponse(0)))).isNull();
        assertThat(acs.devices().parameters(ID, "Device.NAT.")).isEmpty();
    }

    @Test
    void aResponseUnderAnotherIdFinishesNothing() throws Exception {
        cpe.post(inform("1 BOOT"));
        cpe.postEmpty();
        Task t = queue("{\"name\":\"getParameterAttributes\",\"parameterNames\":[\"Device.\"]}");
        cpe.post(inform("6 CONNECTION REQUEST"));
        Envelope request = cpe.postEmpty();
        cpe.post(Envelope.of(CwmpVersion.V1_2, "not-" + request.id(), new GetParameterAttributesResponse(List.of())));
        assertThat(acs.tasks().find(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
    }
}

class H2SessionEngineTest extends SessionEngineTest {
    @Override
    String store() {
        return "h2";
    }
}

class PostgresSessionEngineTest extends SessionEngineTest {
    @Override
    String store() {
        return "postgresql";
    }
}
