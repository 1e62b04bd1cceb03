package org.jcwmp.app;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.acs.auth.AuthService;
import org.jcwmp.core.soap.SoapCodec;
import org.jcwmp.sim.bench.BenchReport;
import org.jcwmp.sim.bench.MemoryBenchmark;
import org.jcwmp.sim.bench.SessionBenchmark;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Benchmarks: sessions per second and latency, heap per simulated CPE, one store with many devices, the SOAP codec. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks against an embedded ACS (default) or any ACS URL.",
        subcommands = {BenchCommand.Sessions.class, BenchCommand.Memory.class, BenchCommand.ConnectionRequests.class,
                BenchCrCommand.class, BenchCommand.Store.class, BenchCommand.Codec.class})
final class BenchCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** An ACS in this JVM on loopback, embedded H2 in a temp dir, CPE Digest with cpe/cpe. */
    static final class EmbeddedAcs implements AutoCloseable {
        final Path dir;
        final AcsServer acs;

        EmbeddedAcs() throws IOException {
            this(true);
        }

        /** @param cpeAuthentication false: CPEs are not asked to authenticate (as GenieACS's own benchmark runs) */
        EmbeddedAcs(boolean cpeAuthentication) throws IOException {
            // the ACS logs each session at INFO: that would measure the console
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.jcwmp")).setLevel(Level.WARN);
            dir = Files.createTempDirectory("jcwmp-bench-");
            acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).dataDirectory(dir)
                    .cpeCredentials("cpe", "cpe").cpeAuthentication(cpeAuthentication)
                    .initialAdmin("admin", AuthService.randomSecret(9)).build().start();
        }

        long storeBytes() {
            return StoreBenchmark.folderBytes(dir);
        }

        @Override
        public void close() {
            acs.stop();
            StoreBenchmark.delete(dir);
        }
    }

    @Command(name = "sessions", mixinStandardHelpOptions = true,
            description = "Sessions per second and session latency (p50/p95/p99/max) for an Inform-only or a GetParameterValues + SetParameterValues mix.")
    static final class Sessions implements Callable<Integer> {
        @Option(names = "--acs-url", description = "Benchmark this ACS; without it an embedded ACS runs in this JVM.")
        URI acsUrl;
        @Option(names = "--devices", defaultValue = "1000", description = "Simulated CPEs (default: ${DEFAULT-VALUE}).")
        int devices;
        @Option(names = "--seconds", defaultValue = "20", description = "Measured window in seconds (default: ${DEFAULT-VALUE}).")
        int seconds;
        @Option(names = "--warmup", defaultValue = "5", description = "Warm-up in seconds after the bootstrap (default: ${DEFAULT-VALUE}).")
        int warmup;
        @Option(names = "--mix", defaultValue = "inform", description = "inform (Inform, empty POST, 204) or gpv-spv (plus one GetParameterValues and one SetParameterValues per session) (default: ${DEFAULT-VALUE}).")
        String mix;
        @Option(names = "--concurrency", defaultValue = "16", description = "Sessions at the same time (default: ${DEFAULT-VALUE}).")
        int concurrency;
        @Option(names = "--out", defaultValue = "bench-results", description = "Folder for the Markdown report and PNG chart (default: ${DEFAULT-VALUE}).")
        Path out;
        @Option(names = "--username", defaultValue = "cpe", description = "CPE username towards the ACS (default: ${DEFAULT-VALUE}).")
        String username;
        @Option(names = "--password", defaultValue = "cpe", description = "CPE password (default: ${DEFAULT-VALUE}).")
        String password;
        @Option(names = "--no-auth", description = "The embedded ACS does not ask CPEs to authenticate and the CPEs send "
                + "no credentials (how GenieACS measures its sessions); default: Digest on every session.")
        boolean noAuth;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!mix.equals("inform") && !mix.equals("gpv-spv")) {
                System.err.println("--mix is inform or gpv-spv");
                return 2;
            }
            if (mix.equals("gpv-spv") && acsUrl != null) {
                System.err.println("--mix gpv-spv queues its tasks through the embedded ACS's Java API: run it without --acs-url");
                return 2;
            }
            String command = invokedAs(spec);
            EmbeddedAcs embedded = acsUrl == null ? new EmbeddedAcs(!noAuth) : null;
            try {
                URI url = embedded != null ? URI.create(embedded.acs.cwmpUrl()) : acsUrl;
                String target = embedded != null
                        ? "embedded jcwmp ACS in the same JVM (H2 file store in a temp dir, "
                                + (noAuth ? "no CPE authentication" : "Digest on") + "), " + url
                        : url.toString();
                SessionBenchmark.BeforeSession before = null;
                if (mix.equals("gpv-spv")) {
                    before = gpvSpv(embedded.acs);
                }
                SessionBenchmark.Options o = new SessionBenchmark.Options(url, noAuth ? null : username, password, devices, concurrency,
                        Duration.ofSeconds(warmup), Duration.ofSeconds(seconds), mix, target);
                SessionBenchmark.Result r = new SessionBenchmark(o, before,
                        embedded == null ? null : embedded::storeBytes, System.out).run();
                Path md = BenchReport.write(r, out, command);
                System.out.printf(Locale.ROOT, "%n%s mix: %.0f sessions/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, "
                                + "%d errors; CPU %.0f us/session (this JVM); heap %.1f KB/device (whole JVM), store %s/device%n"
                                + "report: %s%n",
                        mix, r.sessionsPerSecond(), r.p50() / 1e3, r.p95() / 1e3, r.p99() / 1e3, r.max() / 1e3, r.errors(),
                        r.cpuPerSession(),
                        r.heapPerDevice() / 1024,
                        r.storeBytes() < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f KB", r.storePerDevice() / 1024), md);
                return r.errors() == 0 ? 0 : 1;
            } finally {
                if (embedded != null) {
                    embedded.close();
                }
            }
        }

        private static SessionBenchmark.BeforeSession gpvSpv(AcsServer acs) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode gpv = json.createObjectNode().put("name", "getParameterValues");
            gpv.putArray("parameterNames").add("Device.DeviceInfo.SoftwareVersion").add("Device.ManagementServer.PeriodicInformInterval");
            return (cpe, seq) -> {
                ObjectNode spv = json.createObjectNode().put("name", "setParameterValues").put("parameterKey", "bench-" + seq);
                ArrayNode values = spv.putArray("parameterValues");
                values.addArray().add("Device.ManagementServer.PeriodicInformInterval").add(Long.toString(600 + seq % 600)).add("xsd:unsignedInt");
                acs.tasks().queue(cpe.deviceId(), spv);
                acs.tasks().queue(cpe.deviceId(), (JsonNode) gpv);
            };
        }
    }

    @Command(name = "codec", mixinStandardHelpOptions = true,
            description = "JMH: decode and encode of an Inform as the simulator sends it and of an InformResponse, "
                    + "decoding with each StAX implementation (the JDK's, Woodstox, Aalto) side by side: time, CPU and bytes "
                    + "allocated per operation; about 1.5 minutes.")
    static final class Codec implements Callable<Integer> {
        @Option(names = "--parsers", defaultValue = "jdk,woodstox,aalto", split = ",",
                description = "StAX implementations to decode with (default: ${DEFAULT-VALUE}).")
        String[] parsers;
        @Option(names = "--benchmarks", defaultValue = ".*",
                description = "Regular expression on the benchmark names: decodeInform, decodeInformResponse, encodeInform, encodeInformResponse (default: all).")
        String benchmarks;
        @Option(names = "--forks", defaultValue = "1", description = "JVMs per benchmark and parser; 0 runs in this JVM (default: ${DEFAULT-VALUE}).")
        int forks;
        @Option(names = "--warmup", defaultValue = "3", description = "Warm-up iterations (default: ${DEFAULT-VALUE}).")
        int warmup;
        @Option(names = "--iterations", defaultValue = "5", description = "Measured iterations (default: ${DEFAULT-VALUE}).")
        int iterations;
        @Option(names = "--seconds", defaultValue = "1", description = "Seconds per iteration (default: ${DEFAULT-VALUE}).")
        int seconds;
        @Option(names = "--json", description = "Also write JMH's results as JSON to this file.")
        Path json;

        @Override
        public Integer call() throws Exception {
            for (String p : parsers) {
                try {
                    CodecBenchmark.parser(p); // an unknown name fails here, not in every fork
                } catch (IllegalArgumentException e) {
                    System.err.println(e.getMessage());
                    return 2;
                }
            }
            org.openjdk.jmh.runner.options.ChainedOptionsBuilder o = new org.openjdk.jmh.runner.options.OptionsBuilder()
                    .include(java.util.regex.Pattern.quote(CodecBenchmark.class.getName() + ".") + "(" + benchmarks + ")$")
                    .param("parser", parsers)
                    .forks(forks)
                    .warmupIterations(warmup)
                    .warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(seconds))
                    .measurementIterations(iterations)
                    .measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(seconds));
            if (json != null) {
                o.result(json.toString()).resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON);
            }
            o.addProfiler(CpuTimeProfiler.class).addProfiler(org.openjdk.jmh.profile.GCProfiler.class);
            java.util.Collection<org.openjdk.jmh.results.RunResult> results = new org.openjdk.jmh.runner.Runner(o.build()).run();
            // on a machine shared with other work, the time per operation grows with the other load and the CPU per
            // operation much less: both, per benchmark and parser, over all measured iterations of all forks
            System.out.printf(Locale.ROOT, "%n%-21s %-9s %17s %17s %13s%n", "benchmark", "parser",
                    "time us/op", "CPU us/op", "alloc B/op");
            for (org.openjdk.jmh.results.RunResult r : results) {
                String name = r.getParams().getBenchmark();
                String parser = r.getParams().getParam("parser");
                org.openjdk.jmh.results.Result<?> cpu = r.getSecondaryResults().get("cpu.time.norm");
                org.openjdk.jmh.results.Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
                System.out.printf(Locale.ROOT, "%-21s %-9s %17s %17s %13s%n", name.substring(name.lastIndexOf('.') + 1),
                        parser == null ? "-" : parser, withError(r.getPrimaryResult()), withError(cpu),
                        alloc == null ? "" : String.format(Locale.ROOT, "%.0f", alloc.getScore()));
            }
            System.out.println("the codec reads with " + SoapCodec.parserName() + "; encoding does not use StAX");
            return 0;
        }

        private static String withError(org.openjdk.jmh.results.Result<?> r) {
            return r == null ? "" : Double.isNaN(r.getScoreError())
                    ? String.format(Locale.ROOT, "%.2f", r.getScore())
                    : String.format(Locale.ROOT, "%.2f ± %.2f", r.getScore(), r.getScoreError());
        }
    }

    @Command(name = "memory", mixinStandardHelpOptions = true,
            description = "Heap per simulated CPE: N devices bootstrap, get a periodic schedule, two set values and a ParameterKey; heap after GC before and after, divided by N.")
    static final class Memory implements Callable<Integer> {
        @Option(names = "--acs-url", description = "ACS to bootstrap against; without it an embedded ACS runs in this JVM (and its heap growth is counted too).")
        URI acsUrl;
        @Option(names = "--devices", defaultValue = "10000", description = "Simulated CPEs (default: ${DEFAULT-VALUE}).")
        int devices;
        @Option(names = "--concurrency", defaultValue = "32", description = "Sessions at the same time during the bootstrap (default: ${DEFAULT-VALUE}).")
        int concurrency;
        @Option(names = "--username", defaultValue = "cpe", description = "CPE username (default: ${DEFAULT-VALUE}).")
        String username;
        @Option(names = "--password", defaultValue = "cpe", description = "CPE password (default: ${DEFAULT-VALUE}).")
        String password;

        @Override
        public Integer call() throws Exception {
            EmbeddedAcs embedded = acsUrl == null ? new EmbeddedAcs() : null;
            try {
                URI url = embedded != null ? URI.create(embedded.acs.cwmpUrl()) : acsUrl;
                MemoryBenchmark.Result r = MemoryBenchmark.run(url, username, password, devices, concurrency, System.out);
                System.out.printf(Locale.ROOT, "%d simulated CPEs: heap after GC %.1f MB -> %.1f MB, %.1f KB per device%s%n",
                        r.devices(), r.baseBytes() / 1048576.0, r.fleetBytes() / 1048576.0, r.bytesPerDevice() / 1024,
                        embedded != null ? " (includes the embedded ACS's growth)" : " (simulator only)");
                return 0;
            } finally {
                if (embedded != null) {
                    embedded.close();
                }
            }
        }
    }
    @Command(name = "connection-requests", mixinStandardHelpOptions = true,
            description = "HTTP connection-request latency through the embedded ACS and the simulator's shared listener: "
                    + "time to the CPE's 200, to its Inform with 6 CONNECTION REQUEST, and to a queued GetParameterValues done.")
    static final class ConnectionRequests implements Callable<Integer> {
        @Option(names = "--devices", defaultValue = "200", description = "Simulated CPEs (default: ${DEFAULT-VALUE}).")
        int devices;
        @Option(names = "--requests", defaultValue = "500", description = "Connection requests, one after another (default: ${DEFAULT-VALUE}).")
        int requests;
        @Option(names = "--warmup", defaultValue = "100", description = "Requests before the measured ones (default: ${DEFAULT-VALUE}).")
        int warmupRequests;
        @Option(names = "--out", defaultValue = "bench-results", description = "Folder for the Markdown report (default: ${DEFAULT-VALUE}).")
        Path out;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            String command = invokedAs(spec);
            ObjectMapper json = new ObjectMapper();
            JsonNode gpv = json.readTree("{\"name\":\"getParameterValues\",\"parameterNames\":[\"Device.DeviceInfo.UpTime\"]}");
            try (EmbeddedAcs embedded = new EmbeddedAcs();
                 org.jcwmp.sim.Fleet fleet = org.jcwmp.sim.Fleet.builder().acsUrl(URI.create(embedded.acs.cwmpUrl()))
                         .devices(devices).connectionRequestListener("127.0.0.1", 0).bootStorm(true)
                         .maxConcurrentSessions(16).build()) {
                fleet.start();
                while (fleet.bootstrapped() < devices) {
                    Thread.sleep(100);
                }
                System.out.printf("%d devices bootstrapped; %d warm-up and %d measured connection requests, one at a time%n",
                        devices, warmupRequests, requests);
                long[] answer = new long[requests];
                long[] inform = new long[requests];
                long[] done = new long[requests];
                int failures = 0;
                for (int k = -warmupRequests; k < requests; k++) {
                    org.jcwmp.sim.SimulatedCpe cpe = fleet.device(Math.floorMod(k, devices));
                    var device = embedded.acs.devices().find(cpe.deviceId()).orElseThrow();
                    var task = embedded.acs.tasks().queue(cpe.deviceId(), gpv);
                    long t0 = System.nanoTime();
                    var outcome = embedded.acs.connectionRequester().request(device);
                    var finished = embedded.acs.tasks().whenFinished(task.id()).get(30, java.util.concurrent.TimeUnit.SECONDS);
                    long t1 = System.nanoTime();
                    if (k < 0) {
                        continue;
                    }
                    if (!outcome.delivered() || outcome.informAfter() == null
                            || finished.status() != org.jcwmp.acs.task.TaskStatus.DONE) {
                        failures++;
                    }
                    answer[k] = outcome.elapsed().toNanos() / 1000;
                    inform[k] = outcome.informAfter() == null ? 0 : outcome.informAfter().toNanos() / 1000;
                    done[k] = (t1 - t0) / 1000;
                }
                java.util.Arrays.sort(answer);
                java.util.Arrays.sort(inform);
                java.util.Arrays.sort(done);
                StringBuilder md = new StringBuilder("# Connection-request benchmark (HTTP, Digest)\n\n");
                md.append("- command: `").append(command).append("`\n- when: ").append(java.time.Instant.now())
                        .append("\n- target: embedded jcwmp ACS and the simulator's shared CR listener in one JVM, loopback\n")
                        .append(String.format(Locale.ROOT, "- machine: %d cores, load average %.2f at the end%n",
                                Runtime.getRuntime().availableProcessors(),
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                        .append(String.format(Locale.ROOT, "- %d devices, %d measured requests one at a time, %d failures%n%n",
                                devices, requests, failures))
                        .append("| from the ACS's GET | p50 | p95 | p99 | max |\n|---|---|---|---|---|\n");
                row(md, "to the CPE's 200 (Digest: 401 then 200)", answer);
                row(md, "to the Inform with 6 CONNECTION REQUEST", inform);
                row(md, "to the queued GetParameterValues done", done);
                Files.createDirectories(out);
                Path file = out.resolve("connection-requests-" + devices + "-" + java.time.format.DateTimeFormatter
                        .ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now()) + ".md");
                Files.writeString(file, md);
                System.out.print(md);
                System.out.println("report: " + file);
                return failures == 0 ? 0 : 1;
            }
        }

        private static void row(StringBuilder md, String what, long[] sorted) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n", what,
                    org.jcwmp.sim.LatencyRecorder.percentile(sorted, 50) / 1e3,
                    org.jcwmp.sim.LatencyRecorder.percentile(sorted, 95) / 1e3,
                    org.jcwmp.sim.LatencyRecorder.percentile(sorted, 99) / 1e3,
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e3));
        }
    }

    @Command(name = "store", mixinStandardHelpOptions = true,
            description = "Fills an ACS store with N devices (a bootstrap Inform each, through the ACS's DeviceStore), "
                    + "then reports time to fill, disk and heap per device, and the latency of Informs, lookups and NBI "
                    + "searches on the full store.")
    static final class Store implements Callable<Integer> {
        @Option(names = "--devices", defaultValue = "1000000", description = "Devices (default: ${DEFAULT-VALUE}).")
        int devices;
        @Option(names = "--jdbc-url", description = "An empty PostgreSQL (or H2) database by JDBC URL; without it an embedded H2 store in --data-dir.")
        String jdbcUrl;
        @Option(names = "--jdbc-user", defaultValue = "postgres", description = "Database user with --jdbc-url (default: ${DEFAULT-VALUE}).")
        String jdbcUser;
        @Option(names = "--jdbc-password", defaultValue = "", description = "Database password with --jdbc-url.")
        String jdbcPassword;
        @Option(names = "--data-dir", description = "Folder for the embedded store (must not hold one yet); default: a temp folder, deleted at the end.")
        Path dataDir;
        @Option(names = "--keep", description = "Keep the temp folder of the embedded store.")
        boolean keep;
        @Option(names = "--threads", defaultValue = "4", description = "Threads recording Informs during the fill (default: ${DEFAULT-VALUE}).")
        int threads;
        @Option(names = "--samples", defaultValue = "21", description = "Timed runs of each store operation at the end (default: ${DEFAULT-VALUE}; NBI searches a third of that).")
        int samples;
        @Option(names = "--out", defaultValue = "bench-results", description = "Folder for the Markdown report (default: ${DEFAULT-VALUE}).")
        Path out;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.jcwmp")).setLevel(Level.WARN);
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("com.zaxxer")).setLevel(Level.WARN);
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.flywaydb")).setLevel(Level.WARN);
            String command = invokedAs(spec);
            boolean temp = dataDir == null;
            Path folder = temp ? Files.createTempDirectory("jcwmp-store-bench-") : dataDir;
            try {
                Path report = new StoreBenchmark(new StoreBenchmark.Options(devices, threads, jdbcUrl, jdbcUser,
                        jdbcPassword, folder, samples, command), System.out).run(out);
                System.out.println("report: " + report);
                return 0;
            } finally {
                if (temp && !keep) {
                    StoreBenchmark.delete(folder);
                }
            }
        }
    }

    /** The command line as the user typed it, for the report. */
    static String invokedAs(picocli.CommandLine.Model.CommandSpec spec) {
        return "./jcwmp " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }
}
