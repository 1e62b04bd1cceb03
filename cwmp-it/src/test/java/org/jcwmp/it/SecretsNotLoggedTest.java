package org.jcwmp.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.cpe.CpeAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Passwords never reach the logs (issue 9): with jcwmp's own loggers at TRACE, a bootstrap with Digest, connection
 * requests, a SetParameterValues of the connection-request password, per-device credentials, a CPE with a wrong
 * password and a failed NBI login leave no password in any log line, argument or stack trace, nor in the audit log.
 */
class SecretsNotLoggedTest {
    private static final String OUI = "00D09E";
    private static final String CPE_PASSWORD = "cpe-Secret-7731";
    private static final String CR_PASSWORD = "cr-Secret-5519";
    private static final String NEW_CR_PASSWORD = "new-Secret-4242";
    private static final String DEVICE_PASSWORD = "per-Device-Secret-6161";
    private static final String WRONG_PASSWORD = "wrong-Secret-9090";
    private static final String WRONG_LOGIN = "nbi-Wrong-1234";
    private static final List<String> SECRETS = List.of(CPE_PASSWORD, CR_PASSWORD, NEW_CR_PASSWORD, DEVICE_PASSWORD,
            WRONG_PASSWORD, WRONG_LOGIN);

    @TempDir
    Path dir;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger jcwmp = (Logger) LoggerFactory.getLogger("org.jcwmp");
    private Level before;
    private AcsServer acs;
    private final List<CpeAgent> agents = new ArrayList<>();
    private final InformRecorder informs = new InformRecorder();

    @BeforeEach
    void capture() {
        logged.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        logged.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logged);
        before = jcwmp.getLevel();
        jcwmp.setLevel(Level.TRACE);
    }

    @AfterEach
    void release() {
        agents.forEach(CpeAgent::stop);
        if (acs != null) {
            acs.stop();
        }
        jcwmp.setLevel(before);
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
    }

    private CpeAgent agent(String serial, String password) {
        CpeAgent agent = CpeAgent.builder().acsUrl(URI.create(acs.cwmpUrl())).acsCredentials("cpe", password)
                .stateDirectory(dir.resolve(serial)).deviceId(new DeviceIdStruct("jcwmp", OUI, "HomeGateway", serial))
                .connectionRequestCredentials("acs", CR_PASSWORD).connectionRequestAddress("127.0.0.1", 0)
                .periodicInformInterval(Duration.ofHours(1)).httpTimeout(Duration.ofSeconds(5)).build();
        agents.add(agent);
        agent.start();
        return agent;
    }

    @Test
    void noPasswordIsEverLogged() throws Exception {
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).dataDirectory(dir.resolve("acs"))
                .cpeCredentials("cpe", CPE_PASSWORD).connectionRequestCredentials("acs", CR_PASSWORD).build().start();
        acs.addListener(informs);
        Nbi nbi = Nbi.asAdmin(acs);
        long t0 = System.nanoTime();
        agent("SEC0001", CPE_PASSWORD);
        informs.waitFor(OUI + "-HomeGateway-SEC0001", EventCode.BOOTSTRAP, t0);

        Nbi.Answer spv = nbi.post("devices/" + OUI + "-HomeGateway-SEC0001/tasks?connection_request&timeout=15000",
                "{\"name\":\"setParameterValues\",\"parameterValues\":[[\"Device.ManagementServer.ConnectionRequestPassword\",\""
                        + NEW_CR_PASSWORD + "\",\"xsd:string\"]]}");
        assertThat(spv.status()).as(spv.text()).isEqualTo(200);
        Nbi.Answer gpv = nbi.post("devices/" + OUI + "-HomeGateway-SEC0001/tasks?connection_request&timeout=15000",
                "{\"name\":\"getParameterValues\",\"parameterNames\":[\"Device.ManagementServer.\"]}");
        assertThat(gpv.status()).as("a connection request with the new password").isEqualTo(200);
        assertThat(nbi.put("cpe-credentials/per-device", "{\"password\":\"" + DEVICE_PASSWORD + "\"}").status())
                .isEqualTo(204);
        long t1 = System.nanoTime();
        agent("SEC0002", WRONG_PASSWORD);
        new Nbi(acs.nbiUrl(), null).post("auth/login", "{\"username\":\"admin\",\"password\":\"" + WRONG_LOGIN + "\"}");
        Thread.sleep(1500); // the wrong-password agent's first attempts
        assertThat(acs.devices().find(OUI + "-HomeGateway-SEC0002")).isEmpty();
        String audit = nbi.get("audit").text();

        assertThat(logged.list).as("something was logged").isNotEmpty();
        for (ILoggingEvent e : logged.list) {
            String line = e.getFormattedMessage() + " " + throwableText(e.getThrowableProxy());
            for (String secret : SECRETS) {
                assertThat(line).as("logged by %s", e.getLoggerName()).doesNotContain(secret);
            }
        }
        for (String secret : SECRETS) {
            assertThat(audit).as("the audit log").doesNotContain(secret);
        }
    }

    private static String throwableText(IThrowableProxy t) {
        StringBuilder sb = new StringBuilder();
        for (IThrowableProxy p = t; p != null; p = p.getCause()) {
            sb.append(p.getClassName()).append(": ").append(p.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
