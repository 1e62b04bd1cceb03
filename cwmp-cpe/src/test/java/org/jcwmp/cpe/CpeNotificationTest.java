package org.jcwmp.cpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jcwmp.cpe.AgentTestSupport.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.InformResponse;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.SetParameterAttributes;
import org.jcwmp.core.rpc.SetParameterAttributesResponse;
import org.jcwmp.core.rpc.SetParameterAttributesStruct;
import org.jcwmp.core.rpc.SetParameterValues;
import org.jcwmp.cpe.state.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passive and active notification as TR-069 A.3.2.4 describes them, against a small ACS. */
class CpeNotificationTest {
    private static final String SSID = "Device.WiFi.SSID.1.SSID";
    @TempDir
    Path state;
    private final FakeAcs acs = new FakeAcs().user("cpe", "s3cret");
    private final RecordingListener events = new RecordingListener();
    private CpeAgent agent;

    CpeNotificationTest() throws Exception {
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
        acs.close();
    }

    private static SetParameterAttributes notification(String name, int notification) {
        return new SetParameterAttributes(List.of(new SetParameterAttributesStruct(name, true, notification, false, List.of())));
    }

    private static List<String> codes(Inform inform) {
        return inform.event().stream().map(EventStruct::eventCode).toList();
    }

    private static String value(Inform inform, String name) {
        return inform.parameterList().stream().filter(p -> p.name().equals(name)).map(ParameterValueStruct::value)
                .findFirst().orElse(null);
    }

    private void startWith(int notification) {
        acs.then(notification(SSID, notification));
        agent = agent(acs.url(), state).build();
        agent.addListener(events);
        agent.start();
        events.awaitOkSessions(1);
        assertThat(acs.responsesTo(SetParameterAttributesResponse.class)).hasSize(1);
    }

    @Test
    void anActiveChangeStartsASessionWithValueChangeWithinASecond() {
        startWith(2);
        agent.setLocalValue(SSID, "renamed-on-the-box");
        await().atMost(Duration.ofSeconds(1)).until(() -> acs.informs.size() == 2);
        Inform inform = acs.informs.get(1);
        assertThat(codes(inform)).containsExactly("4 VALUE CHANGE");
        assertThat(value(inform, SSID)).isEqualTo("renamed-on-the-box");
        // The forced-inform parameters are in every Inform.
        assertThat(value(inform, "Device.DeviceInfo.SoftwareVersion")).isEqualTo("2.0.1");
        assertThat(value(inform, "Device.ManagementServer.ConnectionRequestURL")).isEqualTo(agent.connectionRequestUrl().toString());
        events.awaitOkSessions(2);
        // Reported once: the next Inform does not carry it again.
        agent.requestSession();
        events.awaitOkSessions(3);
        assertThat(codes(acs.informs.get(2))).isEmpty();
        assertThat(value(acs.informs.get(2), SSID)).isNull();
    }

    @Test
    void aPassiveChangeWaitsForTheNextInform() {
        startWith(1);
        agent.setLocalValue(SSID, "quietly-renamed");
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> acs.informs.size() == 1);
        agent.requestSession();
        events.awaitOkSessions(2);
        Inform inform = acs.informs.get(1);
        assertThat(codes(inform)).containsExactly("4 VALUE CHANGE");
        assertThat(value(inform, SSID)).isEqualTo("quietly-renamed");
    }

    @Test
    void changesTheAcsMadeItselfAreNotNotified() {
        acs.then(notification(SSID, 2))
                .then(new SetParameterValues(List.of(new ParameterValueStruct(SSID, "set-by-acs", "xsd:string")), "k"));
        agent = agent(acs.url(), state).build();
        agent.addListener(events);
        agent.start();
        events.awaitOkSessions(1);
        assertThat(agent.parameterValue(SSID)).isEqualTo("set-by-acs");
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> acs.informs.size() == 1);
        // A change with notification off is not reported either.
        agent.setLocalValue("Device.WiFi.SSID.2.SSID", "other");
        agent.requestSession();
        events.awaitOkSessions(2);
        assertThat(codes(acs.informs.get(1))).isEmpty();
        assertThat(value(acs.informs.get(1), "Device.WiFi.SSID.2.SSID")).isNull();
    }

    @Test
    void anUnreportedChangeSurvivesAFailedSessionAndARestart() {
        startWith(2);
        acs.informAnswer = inform -> new Fault(FaultCode.RETRY_REQUEST);
        agent.setLocalValue(SSID, "not-yet-reported");
        await().atMost(Duration.ofSeconds(5)).until(() -> events.sessionsEnded.contains(false));
        agent.stop();
        assertThat(new StateStore(state).load().orElseThrow().pendingChanges()).containsExactly(SSID);

        acs.informAnswer = inform -> new InformResponse(1);
        RecordingListener second = new RecordingListener();
        agent = agent(acs.url(), state).build();
        assertThat(agent.model().notification(SSID)).as("attributes persist").isEqualTo(2);
        agent.addListener(second);
        agent.start();
        second.awaitOkSessions(1);
        Inform boot = acs.informs.getLast();
        assertThat(codes(boot)).contains("1 BOOT", "4 VALUE CHANGE");
        assertThat(value(boot, SSID)).isEqualTo("not-yet-reported");
        assertThat(new StateStore(state).load().orElseThrow().pendingChanges()).isEmpty();
    }
}
