package org.jcwmp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.jcwmp.acs.AcsListener;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.core.rpc.CwmpRequest;
import org.jcwmp.core.rpc.DUStateChangeComplete;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.OpResultStruct;
import org.jcwmp.cpe.CpeAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Software modules end to end: an NBI changeDUState task with a connection request makes the agent install a
 * deployment unit from a file server; the ACS receives DUStateChangeComplete after an Inform with
 * 11 DU STATE CHANGE COMPLETE and M ChangeDUState, and GetParameterValues through the NBI shows the unit installed.
 */
class SoftwareModulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUI = "00D09E";
    private static final String ID = OUI + "-HomeGateway-SW0001";
    private static final String DU1 = "Device.SoftwareModules.DeploymentUnit.1.";
    private static final String MANIFEST = """
            {"name": "speedtest", "vendor": "example.com", "version": "1.0", "description": "Line tests",
             "executionUnits": [{"name": "daemon", "autoStart": true}]}""";

    @TempDir
    Path dir;
    private AcsServer acs;
    private CpeAgent agent;
    private HttpServer files;
    private Nbi nbi;
    private final InformRecorder informs = new InformRecorder();
    private final List<DUStateChangeComplete> completes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        files.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        files.createContext("/speedtest-1.0.json", exchange -> {
            try (exchange) {
                byte[] bytes = MANIFEST.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        files.start();
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).dataDirectory(dir.resolve("acs"))
                .cpeCredentials("cpe", "pw").connectionRequestCredentials("acs", "crpw").build().start();
        acs.addListener(informs);
        acs.addListener(new AcsListener() {
            @Override
            public void cpeRequest(String deviceId, CwmpRequest request) {
                if (request instanceof DUStateChangeComplete dc) {
                    completes.add(dc);
                }
            }
        });
        nbi = Nbi.asAdmin(acs);
        long t0 = System.nanoTime();
        agent = CpeAgent.builder().acsUrl(URI.create(acs.cwmpUrl())).acsCredentials("cpe", "pw")
                .stateDirectory(dir.resolve("cpe")).deviceId(new DeviceIdStruct("jcwmp", OUI, "HomeGateway", "SW0001"))
                .connectionRequestCredentials("acs", "crpw").connectionRequestAddress("127.0.0.1", 0)
                .httpTimeout(Duration.ofSeconds(5)).build();
        agent.start();
        informs.waitFor(ID, EventCode.BOOTSTRAP, t0);
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
        acs.stop();
        files.stop(0);
    }

    @Test
    void aChangeDUStateTaskInstallsADeploymentUnitThatGetParameterValuesThenShows() throws Exception {
        String url = "http://127.0.0.1:" + files.getAddress().getPort() + "/speedtest-1.0.json";
        long t0 = System.nanoTime();
        Nbi.Answer queued = nbi.post("devices/" + ID + "/tasks?connection_request&timeout=15000",
                "{\"name\": \"changeDUState\", \"commandKey\": \"du-1\", \"operations\": [{\"type\": \"install\", "
                        + "\"url\": " + JSON.writeValueAsString(url)
                        + ", \"executionEnvRef\": \"Device.SoftwareModules.ExecEnv.1\"}]}");
        assertThat(queued.status()).as(queued.text()).isIn(200, 202);

        InformRecorder.Received announced = informs.waitFor(ID, EventCode.DU_STATE_CHANGE_COMPLETE, t0);
        assertThat(announced.eventStructs()).contains(new EventStruct(EventCode.M_CHANGE_DU_STATE, "du-1"));
        await().atMost(Duration.ofSeconds(15)).until(() -> !completes.isEmpty());
        DUStateChangeComplete dc = completes.get(0);
        assertThat(dc.commandKey()).isEqualTo("du-1");
        assertThat(dc.results()).singleElement().satisfies((OpResultStruct r) -> {
            assertThat(r.fault().faultCode()).isZero();
            assertThat(r.currentState()).isEqualTo("Installed");
            assertThat(r.deploymentUnitRef()).isEqualTo("Device.SoftwareModules.DeploymentUnit.1");
            assertThat(r.version()).isEqualTo("1.0");
            assertThat(r.uuid()).matches("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(r.executionUnitRefList()).isEqualTo("Device.SoftwareModules.ExecutionUnit.1");
        });

        Nbi.Answer gpv = nbi.post("devices/" + ID + "/tasks?connection_request&timeout=15000",
                "{\"name\": \"getParameterValues\", \"parameterNames\": [\"" + DU1 + "Status\", \"" + DU1 + "Name\"]}");
        assertThat(gpv.status()).as(gpv.text()).isEqualTo(200);
        assertThat(gpv.text()).contains(DU1 + "Status", "Installed", "speedtest");
        assertThat(acs.devices().parameters(ID, DU1 + "Status").stream()
                .filter(p -> p.name().equals(DU1 + "Status")).map(p -> p.value()).findFirst())
                .contains("Installed");
    }
}
