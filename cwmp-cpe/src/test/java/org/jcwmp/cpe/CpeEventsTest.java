package org.jcwmp.cpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jcwmp.cpe.AgentTestSupport.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.InformResponse;
import org.jcwmp.cpe.model.Device2Model;
import org.jcwmp.cpe.session.SessionException;
import org.jcwmp.cpe.state.AgentState;
import org.jcwmp.cpe.state.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which events an Inform carries, and that none is lost when sessions fail or the agent restarts. */
class CpeEventsTest {
    @TempDir
    Path state;
    private final FakeAcs acs = new FakeAcs().user("cpe", "s3cret");
    private final RecordingListener events = new RecordingListener();
    private CpeAgent agent;

    CpeEventsTest() throws Exception {
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
        acs.close();
    }

    private static List<String> codes(Inform inform) {
        return inform.event().stream().map(EventStruct::eventCode).toList();
    }

    private AgentState savedState() {
        return new StateStore(state).load().orElseThrow();
    }

    @Test
    void eventsStayQueuedAfterAFailedSessionAndGoWithTheRetry() {
        AtomicInteger informs = new AtomicInteger();
        acs.informAnswer = inform -> informs.incrementAndGet() == 1
                ? new Fault(FaultCode.RETRY_REQUEST) : new InformResponse(1);
        agent = agent(acs.url(), state).build();
        agent.addListener(events);
        agent.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> events.sessionsEnded.contains(false));
        assertThat(events.failures.get(0)).isInstanceOf(SessionException.class)
                .satisfies(e -> assertThat(((SessionException) e).faultCode()).isEqualTo(8005));
        assertThat(savedState().pendingEvents()).extracting(EventStruct::eventCode).containsExactly("0 BOOTSTRAP", "1 BOOT");
        assertThat(savedState().bootstrapDone()).isFalse();

        agent.requestSession(); // cuts the 5-10 s retry wait short
        events.awaitOkSessions(1);
        assertThat(acs.informs).hasSize(2);
        assertThat(codes(acs.informs.get(0))).containsExactly("0 BOOTSTRAP", "1 BOOT");
        assertThat(acs.informs.get(0).retryCount()).isZero();
        assertThat(codes(acs.informs.get(1))).containsExactly("0 BOOTSTRAP", "1 BOOT");
        assertThat(acs.informs.get(1).retryCount()).isEqualTo(1);
        assertThat(savedState().pendingEvents()).isEmpty();
        assertThat(savedState().bootstrapDone()).isTrue();
    }

    @Test
    void pendingEventsSurviveARestart() throws Exception {
        URI deadAcs;
        try (FakeAcs gone = new FakeAcs()) {
            deadAcs = gone.url();
        }
        agent = agent(deadAcs, state).build();
        agent.addListener(events);
        agent.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.sessionsEnded.contains(false));
        agent.stop();
        assertThat(savedState().pendingEvents()).extracting(EventStruct::eventCode).containsExactly("0 BOOTSTRAP", "1 BOOT");

        RecordingListener second = new RecordingListener();
        agent = agent(acs.url(), state).build();
        assertThat(agent.parameterValue(Device2Model.URL)).isEqualTo(deadAcs.toString()); // the state file wins
        agent.setLocalValue(Device2Model.URL, acs.url().toString()); // e.g. from the device's own UI
        agent.addListener(second);
        agent.start();
        second.awaitOkSessions(1);
        assertThat(acs.informs).hasSize(1);
        assertThat(codes(acs.informs.get(0))).containsExactly("0 BOOTSTRAP", "1 BOOT");
        assertThat(savedState().pendingEvents()).isEmpty();
    }

    @Test
    void bootstrapOnlyOnceThenBootOnEveryStart() {
        agent = agent(acs.url(), state).build();
        agent.addListener(events);
        agent.start();
        events.awaitOkSessions(1);
        agent.stop();
        agent.stop(); // idempotent

        for (int i = 0; i < 2; i++) {
            RecordingListener next = new RecordingListener();
            try (CpeAgent again = agent(acs.url(), state).build()) {
                again.addListener(next);
                again.start();
                next.awaitOkSessions(1);
            }
        }
        assertThat(acs.informs).extracting(CpeEventsTest::codes)
                .containsExactly(List.of("0 BOOTSTRAP", "1 BOOT"), List.of("1 BOOT"), List.of("1 BOOT"));
    }

    @Test
    void periodicInformsWhenEnabled() {
        agent = agent(acs.url(), state).periodicInformInterval(Duration.ofSeconds(1)).build();
        agent.addListener(events);
        agent.start();
        events.awaitOkSessions(3);
        assertThat(codes(acs.informs.get(0))).containsExactly("0 BOOTSTRAP", "1 BOOT");
        assertThat(codes(acs.informs.get(1))).containsExactly("2 PERIODIC");
        assertThat(codes(acs.informs.get(2))).containsExactly("2 PERIODIC");
    }

    @Test
    void aNewAcsUrlMeansBootstrapAgain() {
        agent = agent(acs.url(), state).build();
        agent.addListener(events);
        agent.start();
        events.awaitOkSessions(1);
        agent.setLocalValue(Device2Model.URL, acs.url() + "?new");
        events.awaitOkSessions(2);
        assertThat(codes(acs.informs.get(1))).containsExactly("0 BOOTSTRAP");
    }
}
