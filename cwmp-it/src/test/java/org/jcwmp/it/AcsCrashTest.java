package org.jcwmp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.cpe.CpeAgent;
import org.jcwmp.cpe.model.ChangeOrigin;
import org.jcwmp.cpe.model.ModelListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ACS killed with SIGKILL while a CPE holds one of its requests (issue 9), then started again on the same store:
 * no queued task is lost; the request in flight is sent again when running it twice is harmless (a
 * SetParameterValues with the same ParameterKey) and not when it is not (an AddObject), so the CPE runs that once.
 */
class AcsCrashTest {
    private static final String ID = "00D09E-HomeGateway-CRASH01";
    private static final String INTERVAL = "Device.ManagementServer.PeriodicInformInterval";

    @TempDir
    Path dir;
    private Process acs;
    private CpeAgent agent;
    private final int cwmpPort = freePort();
    private final int nbiPort = freePort();
    private final CountDownLatch inSpv = new CountDownLatch(1);
    private final CountDownLatch inAddObject = new CountDownLatch(1);
    private final CountDownLatch releaseSpv = new CountDownLatch(1);
    private final CountDownLatch releaseAddObject = new CountDownLatch(1);

    @AfterEach
    void stop() {
        releaseSpv.countDown();
        releaseAddObject.countDown();
        if (agent != null) {
            agent.stop();
        }
        if (acs != null) {
            acs.destroyForcibly();
        }
    }

    @Test
    void aKilledAcsLosesNoTaskAndRunsNoneTwiceThatMustNot() throws Exception {
        Nbi nbi = startAcs();
        AtomicInteger held = new AtomicInteger();
        agent = CpeAgent.builder().acsUrl(URI.create("http://127.0.0.1:" + cwmpPort + "/"))
                .acsCredentials("cpe", "cpe-secret").stateDirectory(dir.resolve("cpe"))
                .deviceId(new DeviceIdStruct("jcwmp", "00D09E", "HomeGateway", "CRASH01"))
                .connectionRequestCredentials("acs", "cr-secret").connectionRequestAddress("127.0.0.1", 0)
                .periodicInformInterval(Duration.ofHours(1)).httpTimeout(Duration.ofSeconds(5)).build();
        // The CPE sits on the first SetParameterValues, then on the first AddObject, until the ACS has been killed.
        agent.model().addListener(new ModelListener() {
            @Override
            public void valuesChanged(Set<String> paths, ChangeOrigin origin) {
                if (paths.contains(INTERVAL) && held.compareAndSet(0, 1)) {
                    hold(inSpv, releaseSpv);
                }
            }

            @Override
            public void instancesChanged(ChangeOrigin origin) {
                if (held.compareAndSet(1, 2)) {
                    hold(inAddObject, releaseAddObject);
                }
            }
        });
        agent.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> nbi.get("devices/" + ID).status() == 200);
        int before = ipInterfaces();

        long spv = queue(nbi, "{\"name\":\"setParameterValues\",\"parameterKey\":\"pk-crash\",\"parameterValues\":[[\""
                + INTERVAL + "\",\"1234\",\"xsd:unsignedInt\"]]}");
        long gpv = queue(nbi, "{\"name\":\"getParameterValues\",\"parameterNames\":[\"" + INTERVAL + "\"]}");
        nbi.post("devices/" + ID + "/connection-request", "{}");
        assertThat(inSpv.await(30, TimeUnit.SECONDS)).as("the CPE got the SetParameterValues").isTrue();
        acs.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL while the CPE holds the request
        Nbi second = startAcs();
        releaseSpv.countDown();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> status(second, gpv).equals("done"));
        assertThat(status(second, spv)).as("sent again: harmless").isEqualTo("done");
        assertThat(agent.parameterValue("Device.ManagementServer.ParameterKey")).isEqualTo("pk-crash");
        assertThat(agent.parameterValue(INTERVAL)).isEqualTo("1234");

        // An AddObject in flight when the ACS dies: running it twice would make two instances.
        long add = queue(second, "{\"name\":\"addObject\",\"objectName\":\"Device.IP.Interface.\"}");
        long next = queue(second, "{\"name\":\"getParameterValues\",\"parameterNames\":[\"Device.DeviceInfo.UpTime\"]}");
        second.post("devices/" + ID + "/connection-request", "{}");
        assertThat(inAddObject.await(30, TimeUnit.SECONDS)).as("the CPE got the AddObject").isTrue();
        acs.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Nbi third = startAcs();
        releaseAddObject.countDown();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> status(third, next).equals("done"));
        JsonNode interrupted = third.get("tasks/" + add).body();
        assertThat(interrupted.path("status").asText()).isEqualTo("failed");
        assertThat(interrupted.toString()).contains("not sent again");
        assertThat(ipInterfaces()).isEqualTo(before + 1);
    }

    private int ipInterfaces() {
        return Integer.parseInt(agent.parameterValue("Device.IP.InterfaceNumberOfEntries"));
    }

    private static long queue(Nbi nbi, String task) throws Exception {
        Nbi.Answer a = nbi.post("devices/" + ID + "/tasks", task);
        assertThat(a.status()).as(a.text()).isIn(200, 201, 202);
        return a.body().get("id").asLong();
    }

    private static String status(Nbi nbi, long task) throws Exception {
        return nbi.get("tasks/" + task).body().path("status").asText();
    }

    private static void hold(CountDownLatch entered, CountDownLatch release) {
        entered.countDown();
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Nbi startAcs() throws IOException {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), CrashAcsMain.class.getName(), Integer.toString(cwmpPort),
                Integer.toString(nbiPort), dir.resolve("acs").toString());
        acs = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(acs.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            if (line.startsWith("READY token=")) {
                String token = line.substring("READY token=".length());
                Thread.ofVirtual().start(() -> drain(out));
                return new Nbi("http://127.0.0.1:" + nbiPort + "/", token);
            }
        }
        throw new IOException("the ACS process did not start");
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // the ACS's log is not needed
            }
        } catch (IOException e) {
            // killed
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
