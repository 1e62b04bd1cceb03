package org.jcwmp.cpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jcwmp.cpe.AgentTestSupport.agent;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jcwmp.core.rpc.AutonomousTransferComplete;
import org.jcwmp.core.rpc.Download;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.FactoryReset;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.TransferComplete;
import org.jcwmp.core.rpc.Upload;
import org.jcwmp.core.soap.Envelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's transfer completions through real sessions: a TransferComplete goes in the session whose Inform
 * announced it, its events stay until the ACS answered, an autonomous download is reported with
 * AutonomousTransferComplete, and the log upload carries what the agent did.
 */
class CpeTransfersTest {
    private static final String INTERVAL = "Device.ManagementServer.PeriodicInformInterval";

    @TempDir
    Path state;
    private FakeAcs acs;
    private final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
    private HttpServer files;
    private CpeAgent agent;

    @BeforeEach
    void files() throws Exception {
        acs = new FakeAcs().user("cpe", "s3cret");
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/", ex -> {
            try (ex) {
                if (ex.getRequestMethod().equals("PUT")) {
                    uploads.put(ex.getRequestURI().getPath(), ex.getRequestBody().readAllBytes());
                    ex.sendResponseHeaders(204, -1);
                    return;
                }
                String name = ex.getRequestURI().getPath().substring(1);
                byte[] body = ("{\"parameters\": {\"" + INTERVAL + "\": \"" + name.replaceAll("\\D", "") + "\"}}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        files.start();
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
        acs.close();
        files.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + files.getAddress().getPort() + path;
    }

    private <T> List<T> sent(Class<T> type) {
        return acs.received.stream().map(FakeAcs.Received::envelope).filter(e -> e != null)
                .map(Envelope::body).filter(type::isInstance).map(type::cast).toList();
    }

    /** The Inform just before the first request of this type: the Inform of its session. */
    private Inform informBefore(Class<?> type) {
        Inform last = null;
        for (FakeAcs.Received r : acs.received) {
            if (r.envelope() != null && r.envelope().body() instanceof Inform i) {
                last = i;
            } else if (r.envelope() != null && type.isInstance(r.envelope().body())) {
                return last;
            }
        }
        throw new AssertionError("no " + type.getSimpleName());
    }

    @Test
    void aConfigurationDownloadIsAppliedAndItsTransferCompleteGoesWithItsEventsUntilAnswered() {
        acs.then(new Download("cfg-7", "3 Vendor Configuration File", url("/cfg-777.json"), "", "", 0, "", 0, "", ""));
        agent = agent(acs.url(), state).build();
        agent.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> !sent(TransferComplete.class).isEmpty());
        TransferComplete tc = sent(TransferComplete.class).get(0);
        assertThat(tc.commandKey()).isEqualTo("cfg-7");
        assertThat(tc.faultStruct().faultCode()).isZero();
        assertThat(agent.parameterValue(INTERVAL)).isEqualTo("777");
        assertThat(informBefore(TransferComplete.class).event()).contains(
                new EventStruct(EventCode.TRANSFER_COMPLETE, ""), new EventStruct(EventCode.M_DOWNLOAD, "cfg-7"));

        int informs = acs.informs.size();
        agent.requestSession();
        await().atMost(Duration.ofSeconds(15)).until(() -> acs.informs.size() > informs);
        assertThat(acs.informs.getLast().event()).extracting(EventStruct::eventCode)
                .doesNotContain(EventCode.TRANSFER_COMPLETE, EventCode.M_DOWNLOAD);
        assertThat(sent(TransferComplete.class)).hasSize(1);
    }

    @Test
    void anAutonomousDownloadIsReportedWithAutonomousTransferCompleteAndTheLogUploadTellsOfIt() {
        agent = agent(acs.url(), state).build();
        agent.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> !acs.informs.isEmpty());
        agent.autonomousDownload(url("/auto-4242.json"), "3 Vendor Configuration File");
        await().atMost(Duration.ofSeconds(15)).until(() -> !sent(AutonomousTransferComplete.class).isEmpty());
        AutonomousTransferComplete atc = sent(AutonomousTransferComplete.class).get(0);
        assertThat(atc.transferUrl()).isEqualTo(url("/auto-4242.json"));
        assertThat(atc.isDownload()).isTrue();
        assertThat(atc.faultStruct().faultCode()).isZero();
        assertThat(agent.parameterValue(INTERVAL)).isEqualTo("4242");
        assertThat(informBefore(AutonomousTransferComplete.class).event())
                .contains(new EventStruct(EventCode.AUTONOMOUS_TRANSFER_COMPLETE, ""))
                .extracting(EventStruct::eventCode).doesNotContain(EventCode.TRANSFER_COMPLETE);

        acs.then(new Upload("log-1", "2 Vendor Log File", url("/logs/cpe.log"), "", "", 0));
        agent.requestSession();
        await().atMost(Duration.ofSeconds(15)).until(() -> !sent(TransferComplete.class).isEmpty());
        assertThat(sent(TransferComplete.class).get(0).faultStruct().faultCode()).isZero();
        assertThat(new String(uploads.get("/logs/cpe.log"), StandardCharsets.UTF_8))
                .contains("autonomous download 3 Vendor Configuration File").contains("session started")
                .contains("Upload log-1 2 Vendor Log File");
    }

    @Test
    void theQueueSurvivesARestartAndAFactoryResetDropsIt() {
        acs.then(new Upload("up-later", "1 Vendor Configuration File", url("/cfg.json"), "", "", 3600));
        agent = agent(acs.url(), state).build();
        agent.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> !agent.queuedTransfers().isEmpty());
        agent.stop();

        agent = agent(acs.url(), state).build();
        assertThat(agent.queuedTransfers()).singleElement().satisfies(q -> {
            assertThat(q.commandKey()).isEqualTo("up-later");
            assertThat(q.isDownload()).isFalse();
            assertThat(q.state()).isEqualTo(1);
        });
        RecordingListener events = new RecordingListener();
        agent.addListener(events);
        acs.then(new FactoryReset());
        agent.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> acs.informs.stream()
                .filter(i -> i.event().contains(new EventStruct(EventCode.BOOTSTRAP, ""))).count() >= 2);
        assertThat(agent.queuedTransfers()).isEmpty();
        assertThat(uploads).isEmpty();
    }
}
