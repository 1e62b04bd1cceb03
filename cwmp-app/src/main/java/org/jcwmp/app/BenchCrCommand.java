package org.jcwmp.app;

import ch.qos.logback.classic.Level;
import org.jcwmp.acs.AcsListener;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.acs.auth.AuthService;
import org.jcwmp.acs.connreq.ConnectionRequestOutcome;
import org.jcwmp.acs.store.Device;
import org.jcwmp.app.xmpp.ProsodyServer;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.cpe.CpeAgent;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Connection-request latency per mechanism (seed paper 000): an ACS, real agents reachable only by that mechanism and,
 * for XMPP, a Prosody started here; N requests each, one after another, each timed from the request to the agent's
 * Inform with 6 CONNECTION REQUEST. Agents take turns because each accepts at most three requests a second.
 */
@Command(name = "cr", mixinStandardHelpOptions = true,
        description = "Connection-request latency for HTTP, UDP (STUN) and XMPP: request issued -> Inform received, "
                + "p50/p95/p99, lost requests, beside the seed paper's figures.")
final class BenchCrCommand implements Callable<Integer> {
    private static final Map<String, String> PAPER = Map.of(
            "http", "digest authentication ~50 ms, channel change ~2.8 s",
            "udp", "authentication ~18 ms, channel change ~2.1 s",
            "xmpp", "message transfer 2-7 ms, channel change ~2 s");
    private static final Duration PER_AGENT_GAP = Duration.ofMillis(400);

    @Option(names = "--mechanism", defaultValue = "all", description = "http, udp, xmpp or all (default: ${DEFAULT-VALUE}).")
    String mechanism;
    @Option(names = "--count", defaultValue = "1000", description = "Requests per mechanism (default: ${DEFAULT-VALUE}).")
    int count;
    @Option(names = "--agents", defaultValue = "10", description = "Agents per mechanism, taking turns (default: ${DEFAULT-VALUE}).")
    int agentsPerMechanism;
    @Option(names = "--warmup", defaultValue = "50", description = "Unmeasured requests per mechanism first (default: ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--out", defaultValue = "bench-results", description = "Folder for the Markdown report (default: ${DEFAULT-VALUE}).")
    Path out;

    /** One mechanism's measured requests: time to Inform per request, null for a lost one. */
    record Result(String mechanism, List<Duration> informAfter, int lost, String note, List<String> lostBecause) {
        long percentileMicros(double p) {
            long[] sorted = informAfter.stream().mapToLong(d -> d.toNanos() / 1000).sorted().toArray();
            return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

    @Override
    public Integer call() throws Exception {
        List<String> mechanisms = mechanism.equals("all") ? List.of("http", "udp", "xmpp") : List.of(mechanism);
        if (!List.of("http", "udp", "xmpp").containsAll(mechanisms)) {
            System.err.println("--mechanism must be http, udp, xmpp or all, not " + mechanism);
            return 2;
        }
        if (count < 1 || agentsPerMechanism < 1 || warmup < 0) {
            System.err.println("--count and --agents must be at least 1, --warmup at least 0");
            return 2;
        }
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.jcwmp")).setLevel(Level.WARN);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.jivesoftware")).setLevel(Level.ERROR);
        Path dir = Files.createTempDirectory("jcwmp-bench-cr-");
        List<Result> results = new ArrayList<>();
        ProsodyServer prosody = null;
        AcsServer acs = null;
        List<CpeAgent> agents = new ArrayList<>();
        try {
            boolean xmpp = mechanisms.contains("xmpp") && ProsodyServer.available();
            AcsServer.Builder builder = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0)
                    .dataDirectory(dir.resolve("acs")).stun("127.0.0.1", 0).cpeCredentials("cpe", "cpe")
                    .connectionRequestCredentials("acs", "cr-secret").initialAdmin("admin", AuthService.randomSecret(9))
                    .connectionRequestInformWait(Duration.ofSeconds(5));
            if (xmpp) {
                prosody = ProsodyServer.start(dir.resolve("prosody"), "bench.test");
                prosody.register("acs", "acs-xmpp");
                builder.xmpp(prosody.host(), prosody.port(), prosody.domain(), "acs", "acs-xmpp", "bench", prosody.trust());
            }
            acs = builder.build().start();
            Sessions sessions = new Sessions();
            acs.addListener(sessions);
            for (String m : mechanisms) {
                if (m.equals("xmpp") && !xmpp) {
                    results.add(new Result("xmpp", List.of(), 0, "skipped: " + ProsodyServer.SKIP_MESSAGE, List.of()));
                    continue;
                }
                List<String> ids = startAgents(acs, prosody, m, dir, agents, sessions);
                System.out.printf("%s: %d agents ready, %d warm-up and %d measured requests ...%n", m, ids.size(), warmup, count);
                run(acs, sessions, ids, warmup, m);
                results.add(run(acs, sessions, ids, count, m));
            }
        } finally {
            agents.forEach(CpeAgent::stop);
            if (acs != null) {
                acs.stop();
            }
            if (prosody != null) {
                prosody.close();
            }
        }
        String report = report(results);
        System.out.println(report);
        Files.createDirectories(out);
        Path file = out.resolve("bench-cr-" + Instant.now().toString().replace(':', '-') + ".md");
        Files.writeString(file, report);
        System.out.println("Report: " + file);
        return results.stream().anyMatch(r -> r.lost() > 0) ? 1 : 0;
    }

    /** Agents reachable only by the mechanism; returns their device ids once each is known and out of session. */
    private List<String> startAgents(AcsServer acs, ProsodyServer prosody, String m, Path dir, List<CpeAgent> agents,
                                     Sessions sessions) throws Exception {
        List<String> ids = new ArrayList<>();
        String acsBareJid = m.equals("xmpp") ? acsBareJid(acs) : "";
        for (int i = 1; i <= agentsPerMechanism; i++) {
            String serial = m.toUpperCase(Locale.ROOT) + "%04d".formatted(i);
            String closedUrl = "http://127.0.0.1:" + closedPort() + "/";
            UnaryOperator<CpeAgent.Builder> reach = switch (m) {
                case "udp" -> b -> b.connectionRequestPublicUrl(closedUrl)
                        .stun("127.0.0.1", acs.stunPort(), "stun-" + serial, "stun-pw", Duration.ofSeconds(20));
                case "xmpp" -> {
                    prosody.register(serial.toLowerCase(Locale.ROOT), "xmpp-pw");
                    yield b -> b.xmpp(prosody.host(), prosody.port(), prosody.domain(), serial.toLowerCase(Locale.ROOT),
                            "xmpp-pw", "cwmp", acsBareJid, prosody.trust(), true);
                }
                default -> b -> b;
            };
            CpeAgent agent = reach.apply(CpeAgent.builder().acsUrl(URI.create(acs.cwmpUrl())).acsCredentials("cpe", "cpe")
                    .stateDirectory(dir.resolve("cpe").resolve(serial))
                    .deviceId(new DeviceIdStruct("jcwmp", "00D09E", "BenchGateway", serial))
                    .connectionRequestCredentials("acs", "cr-secret").connectionRequestAddress("127.0.0.1", 0)
                    .periodicInformInterval(Duration.ofHours(1))).build();
            agents.add(agent);
            agent.start();
            ids.add("00D09E-BenchGateway-" + serial);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String id : ids) {
            while (!reachable(acs, id, m) || acs.devices().find(id).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(id + " did not report its " + m + " address within 60 s");
                }
                Thread.sleep(50);
            }
            sessions.awaitOutOfSession(id, Duration.ofSeconds(10));
        }
        return ids;
    }

    /** The ACS's bare JID, once it is connected: agents accept connection requests from any of its resources. */
    private static String acsBareJid(AcsServer acs) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!acs.xmppConnected() && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        return acs.xmppJabberId().map(j -> j.replaceFirst("/.*$", "")).orElseThrow(
                () -> new IllegalStateException("the ACS did not connect to its XMPP server within 20 s"));
    }

    private static boolean reachable(AcsServer acs, String id, String m) {
        Device d = acs.devices().find(id).orElse(null);
        return d != null && switch (m) {
            case "udp" -> d.udpConnectionRequestAddress() != null;
            case "xmpp" -> d.jabberId() != null && acs.xmppConnected();
            default -> d.connectionRequestUrl() != null;
        };
    }

    /** When each agent may next be asked, across the warm-up and the measured run: it accepts three a second. */
    private final Map<String, Long> nextAllowed = new ConcurrentHashMap<>();

    private Result run(AcsServer acs, Sessions sessions, List<String> ids, int n, String m) throws InterruptedException {
        List<Duration> times = new ArrayList<>();
        List<String> lostBecause = new ArrayList<>();
        int lost = 0;
        for (int i = 0; i < n; i++) {
            String id = ids.get(i % ids.size());
            long wait = nextAllowed.getOrDefault(id, 0L) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Device d = acs.devices().find(id).orElseThrow();
            ConnectionRequestOutcome o = acs.connectionRequester().request(d);
            nextAllowed.put(id, System.nanoTime() + PER_AGENT_GAP.toNanos());
            if (!o.delivered() || o.informAfter() == null || !o.mechanism().equals(m)) {
                lost++;
                if (lostBecause.size() < 5) {
                    lostBecause.add(id + ": " + o.mechanism() + ", " + o.detail());
                }
            } else {
                times.add(o.informAfter());
            }
            sessions.awaitOutOfSession(id, Duration.ofSeconds(5));
        }
        return new Result(m, times, lost, m.equals("udp") ? "each request first finds the agent's HTTP URL closed, then "
                + "falls back to UDP (the time includes that refused TCP connect)" : "", lostBecause);
    }

    private static String report(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Connection requests: request issued -> Inform with 6 CONNECTION REQUEST received\n\n");
        sb.append("`./jcwmp bench cr` on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, loopback, ACS + agents + Prosody on one machine.\n\n");
        sb.append("| mechanism | measured | lost | p50 ms | p95 ms | p99 ms | max ms | seed paper (000) |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            sb.append("| ").append(r.mechanism()).append(" | ").append(r.informAfter().size()).append(" | ").append(r.lost());
            for (double p : new double[] {0.50, 0.95, 0.99, 1.0}) {
                long us = r.percentileMicros(p);
                sb.append(" | ").append(us < 0 ? "-" : String.format(Locale.ROOT, "%.2f", us / 1000.0));
            }
            sb.append(" | ").append(PAPER.get(r.mechanism())).append(" |\n");
        }
        results.stream().filter(r -> !r.note().isEmpty()).forEach(r -> sb.append("\n").append(r.mechanism()).append(": ")
                .append(r.note()).append(".\n"));
        results.stream().filter(r -> !r.lostBecause().isEmpty()).forEach(r -> {
            sb.append("\nLost ").append(r.mechanism()).append(" requests (first ").append(r.lostBecause().size()).append("):\n");
            r.lostBecause().forEach(why -> sb.append("- ").append(why).append("\n"));
        });
        return sb.append("\n").toString();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Which devices are in a session, from the ACS's own events. */
    private static final class Sessions implements AcsListener {
        private final Map<String, CompletableFuture<Void>> open = new ConcurrentHashMap<>();

        @Override
        public void informed(Device device, org.jcwmp.core.rpc.Inform inform) {
            open.computeIfAbsent(device.id(), k -> new CompletableFuture<>());
        }

        @Override
        public void sessionEnded(String deviceId) {
            CompletableFuture<Void> f = open.remove(deviceId);
            if (f != null) {
                f.complete(null);
            }
        }

        void awaitOutOfSession(String id, Duration timeout) {
            CompletableFuture<Void> f = open.get(id);
            if (f != null) {
                try {
                    f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception ignored) {
                    // measured as it is; a stuck session shows up as lost requests
                }
            }
        }
    }
}
