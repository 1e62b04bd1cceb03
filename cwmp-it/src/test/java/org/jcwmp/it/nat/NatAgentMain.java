package org.jcwmp.it.nat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.cpe.CpeAgent;

/**
 * The CPE side of {@link NatConnectionRequestTest}, run in the LAN namespace: an agent with HTTP (behind a port
 * forwarding), STUN and optionally XMPP. Prints {@code AGENT READY ...} and runs until killed.
 */
public final class NatAgentMain {
    private NatAgentMain() {
    }

    public static void main(String[] args) throws Exception {
        NatArgs a = new NatArgs(args);
        CpeAgent.Builder b = CpeAgent.builder()
                .acsUrl(URI.create(a.get("acsUrl")))
                .acsCredentials("cpe", "cpe-secret")
                .stateDirectory(Path.of(a.get("stateDir")))
                .deviceId(new DeviceIdStruct("jcwmp", "00D09E", "HomeGateway", a.get("serial")))
                .connectionRequestCredentials("acs", "cr-secret")
                .connectionRequestAddress(a.get("crHost"), Integer.parseInt(a.get("crPort")))
                .connectionRequestPublicUrl(a.get("publicUrl"))
                .stun(a.get("stunHost"), Integer.parseInt(a.get("stunPort")), "stun-" + a.get("serial"), "",
                        Duration.ofSeconds(2));
        if (a.has("xmppHost")) {
            b.xmpp(a.get("xmppHost"), Integer.parseInt(a.get("xmppPort")), a.get("xmppDomain"), a.get("xmppUser"),
                    a.get("xmppPassword"), "cwmp", a.get("allowedJids"), Path.of(a.get("xmppCa")), true);
        }
        CpeAgent agent = b.build();
        Runtime.getRuntime().addShutdownHook(new Thread(agent::stop));
        agent.start();
        System.out.println("AGENT READY url=" + agent.connectionRequestUrl() + " listener="
                + agent.connectionRequestListenerUrl() + " stunPort=" + agent.stunPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
