package org.jcwmp.it.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jcwmp.app.xmpp.ProsodyServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four connection request mechanisms through a real NAT (network namespaces, iptables MASQUERADE): the ACS
 * ({@link NatAcsMain}) on the internet side at 203.0.113.1, the agent ({@link NatAgentMain}) on a private LAN behind
 * the gateway 203.0.113.2. A request to the agent's private URL fails, and so does one to the public URL it reports
 * before the gateway maps the port; through the DNAT port mapping it succeeds; UDP
 * via the STUN binding succeeds; XMPP through Prosody (in the internet namespace) succeeds; each ends in an Inform
 * with 6 CONNECTION REQUEST.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NatConnectionRequestTest {
    private static final String DOMAIN = "jcwmp.test";
    private static final int CWMP_PORT = 7547;
    private static final int CPE_CR_PORT = 7547;
    private static final int PUBLIC_CR_PORT = 17547;
    private static final String SERIAL = "NAT0001";

    @TempDir
    Path dir;

    @Test
    void eachMechanismReachesTheAgentBehindTheNat() throws Exception {
        String why = NatTopology.unavailableReason();
        Assumptions.assumeTrue(why == null, () -> "NAT test skipped: " + why);
        boolean withXmpp = ProsodyServer.available();
        Path acsLog = dir.resolve("acs.log");
        Path agentLog = dir.resolve("agent.log");
        ProsodyServer xmpp = null;
        try (NatTopology t = NatTopology.create()) {
            List<String> acsArgs = new ArrayList<>(List.of("host=" + NatTopology.ACS_ADDRESS, "cwmpPort=" + CWMP_PORT,
                    "stunPort=3478", "dataDir=" + dir.resolve("acs-data"), "deviceId=00D09E-HomeGateway-" + SERIAL,
                    "gatewayAddress=" + NatTopology.GATEWAY_PUBLIC_ADDRESS, "cpeAddress=" + NatTopology.CPE_ADDRESS,
                    "cpeCrPort=" + CPE_CR_PORT, "mappedFlag=" + dir.resolve("mapped")));
            List<String> agentArgs = new ArrayList<>(List.of("acsUrl=http://" + NatTopology.ACS_ADDRESS + ":" + CWMP_PORT + "/",
                    "stateDir=" + dir.resolve("cpe-state"), "serial=" + SERIAL, "crHost=" + NatTopology.CPE_ADDRESS,
                    "crPort=" + CPE_CR_PORT, "publicUrl=http://" + NatTopology.GATEWAY_PUBLIC_ADDRESS + ":" + PUBLIC_CR_PORT + "/",
                    "stunHost=" + NatTopology.ACS_ADDRESS, "stunPort=3478"));
            if (withXmpp) {
                xmpp = ProsodyServer.start(dir.resolve("prosody"), DOMAIN, List.of("ip", "netns", "exec", t.inet),
                        NatTopology.ACS_ADDRESS, 5222);
                xmpp.register("acs", "acs-secret");
                xmpp.register("cpe1", "cpe1-secret");
                List<String> x = List.of("xmppHost=" + NatTopology.ACS_ADDRESS, "xmppPort=5222", "xmppDomain=" + DOMAIN,
                        "xmppCa=" + xmpp.certificate());
                acsArgs.addAll(x);
                agentArgs.addAll(x);
                agentArgs.addAll(List.of("xmppUser=cpe1", "xmppPassword=cpe1-secret", "allowedJids=acs@" + DOMAIN));
            }
            t.start(t.inet, acsLog, java(NatAcsMain.class, acsArgs));
            await().atMost(Duration.ofSeconds(30)).until(() -> read(acsLog).contains("ACS READY"));
            t.start(t.lan, agentLog, java(NatAgentMain.class, agentArgs));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> read(acsLog).contains("WAITING FOR PORT MAPPING") || read(acsLog).contains("TIMEOUT")
                            || read(acsLog).contains("Exception in thread \"main\""));
            t.forwardTcp(PUBLIC_CR_PORT, CPE_CR_PORT);
            Files.createFile(dir.resolve("mapped"));
            await().atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofMillis(200))
                    .until(() -> read(acsLog).contains("DONE") || read(acsLog).contains("TIMEOUT")
                            || read(acsLog).contains("Exception in thread \"main\""));
            String log = read(acsLog);
            log.lines().filter(l -> l.startsWith("RESULT") || l.startsWith("INFORM") || l.startsWith("DEVICE")
                    || l.startsWith("XMPP")).forEach(System.out::println);
            assertThat(log).as(log + "\n--- agent ---\n" + read(agentLog)).contains("DONE");

            assertThat(result(log, "http-private")).contains("delivered=false").contains("informAfterMs=none");
            assertThat(result(log, "http-unmapped")).contains("delivered=false").contains("informAfterMs=none");
            assertThat(result(log, "http-forwarded")).contains("mechanism=http delivered=true")
                    .doesNotContain("informAfterMs=none");
            assertThat(result(log, "udp")).contains("mechanism=udp delivered=true").doesNotContain("informAfterMs=none");
            assertThat(log).contains("udp=" + NatTopology.GATEWAY_PUBLIC_ADDRESS + ":"); // the NAT's binding
            assertThat(log).contains("INFORM 6 CONNECTION REQUEST case=http-forwarded")
                    .contains("INFORM 6 CONNECTION REQUEST case=udp");
            if (withXmpp) {
                assertThat(result(log, "xmpp")).contains("mechanism=xmpp delivered=true")
                        .doesNotContain("informAfterMs=none");
                assertThat(log).contains("jid=cpe1@" + DOMAIN + "/cwmp").contains("INFORM 6 CONNECTION REQUEST case=xmpp");
            } else {
                System.out.println("XMPP part skipped: " + ProsodyServer.SKIP_MESSAGE);
            }
        } finally {
            if (xmpp != null) {
                xmpp.close();
            }
        }
    }

    private static String result(String log, String name) {
        return log.lines().filter(l -> l.startsWith("RESULT case=" + name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no RESULT for " + name + " in:\n" + log));
    }

    private static List<String> java(Class<?> main, List<String> args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        return command;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
