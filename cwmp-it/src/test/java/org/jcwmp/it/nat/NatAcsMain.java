package org.jcwmp.it.nat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.acs.connreq.ConnectionRequestOutcome;
import org.jcwmp.acs.store.Device;
import org.jcwmp.core.xmpp.XmppTrust;

/**
 * The ACS side of {@link NatConnectionRequestTest}, run in the "internet" namespace. It waits for the agent's
 * BOOTSTRAP, then asks for a connection by each mechanism alone and prints one machine-readable line per attempt:
 * {@code RESULT case=http-private mechanism=http delivered=false informAfterMs=none detail=...}, then {@code DONE}.
 * Between the attempt on the reported public URL without a port mapping and the one with it, it prints
 * {@code WAITING FOR PORT MAPPING} and waits for the file {@code mappedFlag}, which the test creates once it has added
 * the gateway's DNAT rule.
 */
public final class NatAcsMain {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private NatAcsMain() {
    }

    public static void main(String[] args) throws Exception {
        NatArgs a = new NatArgs(args);
        AcsServer.Builder b = AcsServer.builder()
                .cwmp(a.get("host"), Integer.parseInt(a.get("cwmpPort"))).nbi("127.0.0.1", 0)
                .dataDirectory(Path.of(a.get("dataDir")))
                .cpeCredentials("cpe", "cpe-secret").connectionRequestCredentials("acs", "cr-secret")
                .connectionRequestInformWait(Duration.ofSeconds(10))
                .stun(a.get("host"), Integer.parseInt(a.get("stunPort")));
        boolean xmpp = a.has("xmppHost");
        if (xmpp) {
            b.xmpp(a.get("xmppHost"), Integer.parseInt(a.get("xmppPort")), a.get("xmppDomain"), "acs", "acs-secret",
                    "acs1", XmppTrust.fromPem(Path.of(a.get("xmppCa"))));
        }
        try (AcsServer acs = b.build().start()) {
            System.out.println("ACS READY cwmp=" + acs.cwmpUrl() + " stun=" + acs.stunPort());
            System.out.flush();
            String id = a.get("deviceId");
            Device d = await(acs, id, dev -> dev.connectionRequestUrl() != null, "BOOTSTRAP");
            d = await(acs, id, dev -> dev.udpConnectionRequestAddress() != null
                    && dev.udpConnectionRequestAddress().startsWith(a.get("gatewayAddress") + ":"),
                    "UDPConnectionRequestAddress");
            if (xmpp) {
                d = await(acs, id, dev -> dev.jabberId() != null && !dev.jabberId().isEmpty(), "ConnReqJabberID");
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (!acs.xmppConnected() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                System.out.println("XMPP acs=" + acs.xmppJabberId().orElse("(not connected)"));
            }
            System.out.println("DEVICE url=" + d.connectionRequestUrl() + " udp=" + d.udpConnectionRequestAddress()
                    + " jid=" + d.jabberId());

            URI reported = URI.create(d.connectionRequestUrl());
            String privateUrl = "http://" + a.get("cpeAddress") + ":" + a.get("cpeCrPort") + reported.getRawPath();
            attempt(acs, "http-private", only(d, privateUrl, null, null));
            attempt(acs, "http-unmapped", only(d, d.connectionRequestUrl(), null, null));
            // The test adds the gateway's DNAT port mapping now and tells us with a file.
            Path mapped = Path.of(a.get("mappedFlag"));
            System.out.println("WAITING FOR PORT MAPPING");
            System.out.flush();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!java.nio.file.Files.exists(mapped) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            attempt(acs, "http-forwarded", only(d, d.connectionRequestUrl(), null, null));
            attempt(acs, "udp", only(d, null, d.udpConnectionRequestAddress(), null));
            if (xmpp) {
                attempt(acs, "xmpp", only(d, null, null, d.jabberId()));
            }
            System.out.println("DONE");
            System.out.flush();
            Thread.sleep(500);
        }
    }

    /** The device as the ACS knows it, with only one way to reach it. */
    private static Device only(Device d, String url, String udp, String jid) {
        return new Device(d.id(), d.deviceId(), d.firstContact(), d.lastContact(), d.lastBoot(), url,
                d.connectionRequestUsername(), d.connectionRequestPassword(), udp, jid, null, null);
    }

    private static void attempt(AcsServer acs, String name, Device target) throws InterruptedException {
        Thread.sleep(1200); // the CPE's rate limit is per second, and the previous session may still be closing
        ConnectionRequestOutcome o = acs.connectionRequester().request(target);
        System.out.println("RESULT case=" + name + " mechanism=" + o.mechanism() + " delivered=" + o.delivered()
                + " informAfterMs=" + (o.informAfter() == null ? "none" : Long.toString(o.informAfter().toMillis()))
                + " detail=" + o.detail().replace('\n', ' '));
        if (o.informAfter() != null) {
            System.out.println("INFORM 6 CONNECTION REQUEST case=" + name + " after=" + o.informAfter().toMillis() + " ms");
        }
        System.out.flush();
    }

    private static Device await(AcsServer acs, String id, Predicate<Device> ready, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Device> d = acs.devices().find(id);
            if (d.isPresent() && ready.test(d.get())) {
                System.out.println("SEEN " + what);
                System.out.flush();
                return d.get();
            }
            Thread.sleep(100);
        }
        System.out.println("TIMEOUT waiting for " + what);
        System.out.flush();
        throw new IllegalStateException("no " + what + " within " + WAIT);
    }
}
