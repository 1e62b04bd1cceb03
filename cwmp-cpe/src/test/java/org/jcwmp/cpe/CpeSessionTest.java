package org.jcwmp.cpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.jcwmp.cpe.AgentTestSupport.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.GetParameterValues;
import org.jcwmp.core.rpc.GetParameterValuesResponse;
import org.jcwmp.core.rpc.GetRPCMethods;
import org.jcwmp.core.rpc.GetRPCMethodsResponse;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.ChangeDUState;
import org.jcwmp.core.rpc.SetParameterValues;
import org.jcwmp.core.rpc.SetParameterValuesFault;
import org.jcwmp.core.rpc.SetParameterValuesResponse;
import org.jcwmp.cpe.model.Device2Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole sessions against a small ACS on com.sun.net.httpserver. */
class CpeSessionTest {
    @TempDir
    Path state;
    private final FakeAcs acs = new FakeAcs().user("cpe", "s3cret");
    private final RecordingListener events = new RecordingListener();
    private CpeAgent agent;

    CpeSessionTest() throws Exception {
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
        acs.close();
    }

    private CpeAgent start(CpeAgent.Builder builder) {
        agent = builder.build();
        agent.addListener(events);
        agent.start();
        return agent;
    }

    @Test
    void nextSessionAnswersTheLastDigestChallengeAtOnceWithTheNonceCountRaised() {
        start(agent(acs.url(), state).periodicInformInterval(Duration.ofSeconds(300)));
        events.awaitOkSessions(1);
        assertThat(acs.challenges).hasValue(1);
        String first = acs.authorizations.getFirst();

        agent.requestSession();
        events.awaitOkSessions(2);

        assertThat(acs.challenges).as("no 401 before the second Inform").hasValue(1);
        String secondInform = acs.authorizations.get(acs.received.indexOf(acs.responsesTo(Inform.class).get(1)));
        assertThat(param(secondInform, "nonce")).isEqualTo(param(first, "nonce"));
        assertThat(Integer.parseInt(param(secondInform, "nc"), 16)).isGreaterThan(Integer.parseInt(param(first, "nc"), 16));
    }

    @Test
    void aKeptConnectionTheAcsClosedMeanwhileIsReplacedWithoutAFailedSession() throws Exception {
        start(agent(acs.url(), state).periodicInformInterval(Duration.ofSeconds(300)));
        events.awaitOkSessions(1);
        acs.closeConnections();

        agent.requestSession();
        events.awaitOkSessions(2);

        assertThat(events.failures).isEmpty();
        assertThat(events.sessionsEnded).containsExactly(true, true);
        assertThat(acs.informs).hasSize(2);
    }

    @Test
    void aRefusedRememberedNonceIsAnsweredWithTheNewChallenge() {
        start(agent(acs.url(), state).periodicInformInterval(Duration.ofSeconds(300)));
        events.awaitOkSessions(1);
        acs.forgetNonces(); // the ACS restarted: the nonce the agent remembers is no longer valid

        agent.requestSession();
        events.awaitOkSessions(2);

        assertThat(acs.challenges).hasValue(2);
        assertThat(acs.informs).hasSize(2);
    }

    private static String param(String authorization, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[ ,]" + name + "=\"?([^\",]+)").matcher(authorization);
        assertThat(m.find()).as(name + " in " + authorization).isTrue();
        return m.group(1);
    }

    @Test
    void informThenOneGetParameterValuesThen204() {
        acs.then(new GetParameterValues(List.of("Device.DeviceInfo.", Device2Model.PERIODIC_INFORM_INTERVAL)));
        start(agent(acs.url(), state).periodicInformInterval(Duration.ofSeconds(300)));
        events.awaitOkSessions(1);

        assertThat(acs.received).hasSize(3);
        FakeAcs.Received first = acs.received.get(0);
        assertThat(first.contentType()).isEqualTo("text/xml; charset=\"utf-8\"");
        assertThat(first.soapAction()).contains("Inform");
        assertThat(first.cookie()).isNull();
        Inform inform = (Inform) first.envelope().body();
        assertThat(inform.deviceId()).isEqualTo(AgentTestSupport.DEVICE_ID);
        assertThat(inform.event()).containsExactly(new EventStruct("0 BOOTSTRAP", ""), new EventStruct("1 BOOT", ""));
        assertThat(inform.maxEnvelopes()).isEqualTo(1);
        assertThat(inform.retryCount()).isZero();
        assertThat(OffsetDateTime.parse(inform.currentTime())).isNotNull();
        assertThat(inform.parameterList()).containsExactly(
                new ParameterValueStruct("Device.RootDataModelVersion", "2.17", "xsd:string"),
                new ParameterValueStruct("Device.DeviceInfo.HardwareVersion", "HW-A", "xsd:string"),
                new ParameterValueStruct("Device.DeviceInfo.SoftwareVersion", "2.0.1", "xsd:string"),
                new ParameterValueStruct("Device.DeviceInfo.ProvisioningCode", "", "xsd:string"),
                new ParameterValueStruct("Device.ManagementServer.ParameterKey", "", "xsd:string"),
                new ParameterValueStruct("Device.ManagementServer.ConnectionRequestURL", agent.connectionRequestUrl().toString(), "xsd:string"),
                new ParameterValueStruct("Device.ManagementServer.AliasBasedAddressing", "false", "xsd:boolean"));

        FakeAcs.Received empty = acs.received.get(1);
        assertThat(empty.envelope()).isNull();
        assertThat(empty.soapAction()).isNull();
        assertThat(empty.cookie()).isEqualTo("session=s1");

        FakeAcs.Received answer = acs.received.get(2);
        assertThat(answer.cookie()).isEqualTo("session=s1");
        assertThat(answer.soapAction()).isNull();
        assertThat(answer.envelope().id()).isEqualTo("acs-2");
        List<ParameterValueStruct> values = ((GetParameterValuesResponse) answer.envelope().body()).parameterList();
        assertThat(values).hasSize(16).contains(
                new ParameterValueStruct("Device.DeviceInfo.SerialNumber", "SN0001", "xsd:string"),
                new ParameterValueStruct("Device.DeviceInfo.ManufacturerOUI", "00D09E", "xsd:string"),
                new ParameterValueStruct(Device2Model.PERIODIC_INFORM_INTERVAL, "300", "xsd:unsignedInt"));
        assertThat(events.sessionsStarted).containsExactly(List.of("0 BOOTSTRAP", "1 BOOT"));
    }

    @Test
    void aRequestDuringASessionLeadsToOneMoreSessionAfterIt() {
        acs.gate = new CountDownLatch(1);
        start(agent(acs.url(), state));
        await().atMost(Duration.ofSeconds(10)).until(() -> acs.informs.size() == 1);
        agent.requestSession();
        agent.requestSession();
        assertThat(acs.informs).hasSize(1); // still the first session
        acs.gate.countDown();
        events.awaitOkSessions(2);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> acs.informs.size() == 2);
        assertThat(acs.informs.get(1).event()).isEmpty();
    }

    @Test
    void unsupportedMethodsAndFailedSetsAnswerWithFaults() {
        acs.then(new ChangeDUState(List.of(), "ck"))
                .then(new SetParameterValues(List.of(
                        new ParameterValueStruct(Device2Model.PROVISIONING_CODE, "X", "xsd:string"),
                        new ParameterValueStruct(Device2Model.SERIAL_NUMBER, "X", "xsd:string")), "k"))
                .then(new GetRPCMethods());
        start(agent(acs.url(), state));
        events.awaitOkSessions(1);

        List<FakeAcs.Received> faults = acs.responsesTo(Fault.class);
        assertThat(faults).hasSize(2);
        assertThat(((Fault) faults.get(0).envelope().body()).faultCode()).isEqualTo(9003); // no operations
        Fault spv = (Fault) faults.get(1).envelope().body();
        assertThat(spv.faultCode()).isEqualTo(9003);
        assertThat(spv.setParameterValuesFaults()).extracting(SetParameterValuesFault::parameterName, SetParameterValuesFault::faultCode)
                .containsExactly(tuple(Device2Model.SERIAL_NUMBER, 9008));
        assertThat(agent.parameterValue(Device2Model.PROVISIONING_CODE)).isEmpty();
        GetRPCMethodsResponse methods = (GetRPCMethodsResponse) acs.responsesTo(GetRPCMethodsResponse.class).get(0).envelope().body();
        assertThat(methods.methodList()).containsExactlyInAnyOrder("GetRPCMethods", "GetParameterNames", "GetParameterValues",
                "SetParameterValues", "GetParameterAttributes", "SetParameterAttributes", "AddObject", "DeleteObject",
                "Reboot", "FactoryReset", "ScheduleInform", "Download", "ScheduleDownload", "Upload", "CancelTransfer",
                "GetAllQueuedTransfers", "ChangeDUState");
    }

    @Test
    void whatTheAcsSetSurvivesARestartAndBuilderValuesDoNotOverrideIt() {
        acs.then(new SetParameterValues(List.of(
                new ParameterValueStruct(Device2Model.PASSWORD, "n3w", "xsd:string"),
                new ParameterValueStruct(Device2Model.PERIODIC_INFORM_INTERVAL, "77", "xsd:unsignedInt")), "key-1"));
        start(agent(acs.url(), state));
        events.awaitOkSessions(1);
        assertThat(acs.responsesTo(SetParameterValuesResponse.class)).hasSize(1);
        agent.stop();

        acs.user("cpe", "n3w"); // the ACS now knows only the new password
        RecordingListener second = new RecordingListener();
        agent = agent(acs.url(), state).periodicInformInterval(Duration.ofSeconds(500)).softwareVersion("2.0.2").build();
        agent.addListener(second);
        assertThat(agent.parameterValue(Device2Model.PASSWORD)).isEqualTo("n3w");
        assertThat(agent.parameterValue(Device2Model.PERIODIC_INFORM_INTERVAL)).isEqualTo("77");
        agent.start();
        second.awaitOkSessions(1);

        Inform inform = acs.informs.get(1);
        assertThat(inform.event()).extracting(EventStruct::eventCode).containsExactly("1 BOOT");
        assertThat(inform.parameterList()).contains(
                new ParameterValueStruct("Device.ManagementServer.ParameterKey", "key-1", "xsd:string"),
                new ParameterValueStruct("Device.DeviceInfo.SoftwareVersion", "2.0.2", "xsd:string"));
    }
}
