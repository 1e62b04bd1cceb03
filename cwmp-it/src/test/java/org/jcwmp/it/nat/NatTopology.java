package org.jcwmp.it.nat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A small internet made of network namespaces, all created by the test and removed by {@link #close()}:
 * <pre>
 *   inet  (ACS, XMPP server, STUN)  203.0.113.1/24 --- 203.0.113.2/24  gw  192.168.77.1/24 --- 192.168.77.2/24  lan (CPE)
 * </pre>
 * The gateway masquerades the LAN behind its public address; {@link #forwardTcp} adds a DNAT port mapping.
 * The addresses are documentation ranges and live only inside these namespaces.
 */
public final class NatTopology implements AutoCloseable {
    public static final String ACS_ADDRESS = "203.0.113.1";
    public static final String GATEWAY_PUBLIC_ADDRESS = "203.0.113.2";
    public static final String GATEWAY_LAN_ADDRESS = "192.168.77.1";
    public static final String CPE_ADDRESS = "192.168.77.2";

    public final String inet;
    public final String gw;
    public final String lan;
    private final String tag;
    private final List<Process> processes = new ArrayList<>();

    private NatTopology(String tag) {
        this.tag = tag;
        this.inet = "jc" + tag + "inet";
        this.gw = "jc" + tag + "gw";
        this.lan = "jc" + tag + "lan";
    }

    /** Why the topology cannot be built here, or null when it can (root, ip and iptables present). */
    public static String unavailableReason() {
        try {
            if (!"0".equals(run(List.of("id", "-u")).strip())) {
                return "network namespaces need root";
            }
            run(List.of("ip", "-V"));
            run(List.of("iptables", "--version"));
            return null;
        } catch (IOException e) {
            return "ip or iptables missing (apt-get install -y iproute2 iptables): " + e.getMessage();
        }
    }

    public static NatTopology create() throws IOException {
        byte[] random = new byte[2];
        ThreadLocalRandom.current().nextBytes(random);
        NatTopology t = new NatTopology(HexFormat.of().formatHex(random));
        try {
            t.build();
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    private void build() throws IOException {
        for (String ns : List.of(inet, gw, lan)) {
            run(List.of("ip", "netns", "add", ns));
            in(ns, "ip", "link", "set", "lo", "up");
        }
        String i0 = "jc" + tag + "i0", g0 = "jc" + tag + "g0", g1 = "jc" + tag + "g1", l0 = "jc" + tag + "l0";
        run(List.of("ip", "link", "add", i0, "netns", inet, "type", "veth", "peer", "name", g0, "netns", gw));
        run(List.of("ip", "link", "add", g1, "netns", gw, "type", "veth", "peer", "name", l0, "netns", lan));
        in(inet, "ip", "addr", "add", ACS_ADDRESS + "/24", "dev", i0);
        in(inet, "ip", "link", "set", i0, "up");
        in(gw, "ip", "addr", "add", GATEWAY_PUBLIC_ADDRESS + "/24", "dev", g0);
        in(gw, "ip", "addr", "add", GATEWAY_LAN_ADDRESS + "/24", "dev", g1);
        in(gw, "ip", "link", "set", g0, "up");
        in(gw, "ip", "link", "set", g1, "up");
        in(gw, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        in(gw, "iptables", "-t", "nat", "-A", "POSTROUTING", "-o", g0, "-j", "MASQUERADE");
        in(lan, "ip", "addr", "add", CPE_ADDRESS + "/24", "dev", l0);
        in(lan, "ip", "link", "set", l0, "up");
        in(lan, "ip", "route", "add", "default", "via", GATEWAY_LAN_ADDRESS);
    }

    /** Maps a TCP port of the gateway's public address to a port of the CPE (port forwarding). */
    public void forwardTcp(int publicPort, int cpePort) throws IOException {
        in(gw, "iptables", "-t", "nat", "-A", "PREROUTING", "-d", GATEWAY_PUBLIC_ADDRESS, "-p", "tcp",
                "--dport", String.valueOf(publicPort), "-j", "DNAT", "--to-destination", CPE_ADDRESS + ":" + cpePort);
    }

    /** Runs a command in a namespace and returns its output; a non-zero exit is an IOException. */
    public String in(String ns, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return run(full);
    }

    /** Starts a long-running process in a namespace; it is killed by {@link #close()}. Output goes to the log file. */
    public Process start(String ns, java.nio.file.Path log, List<String> command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        processes.add(p);
        return p;
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Deleting a namespace removes its veth ends, addresses and iptables rules with it.
        for (String ns : List.of(lan, gw, inet)) {
            try {
                run(List.of("ip", "netns", "del", ns));
            } catch (IOException ignored) {
                // it was never created
            }
        }
    }

    static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted: " + String.join(" ", command));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + out.strip());
        }
        return out;
    }
}
