package org.jcwmp.app;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.acs.auth.AuthService;
import org.jcwmp.acs.auth.Role;
import org.jcwmp.acs.store.Database;
import org.jcwmp.acs.store.DeviceStore;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.CwmpDateTime;
import org.jcwmp.sim.DataModelTemplate;
import org.jcwmp.sim.bench.MemoryBenchmark;

/**
 * One node's store with many devices: fills an ACS store (embedded H2, or PostgreSQL by URL) with N devices through
 * {@link DeviceStore#recordInform} (each a bootstrap Inform as the simulator sends it: device row, the forced Inform
 * parameters of the TR-181 home-gateway profile, the events 0 BOOTSTRAP and 1 BOOT), then reports the time to fill,
 * the disk per device, the heap of an ACS running on the filled store against one on an empty store, and the latency of
 * the operations an ACS runs on it: an Inform of a known device, a device lookup, NBI device searches and list pages.
 */
final class StoreBenchmark {
    /** What to run. jdbcUrl null: embedded H2 in folder, opened as the ACS opens it. */
    record Options(int devices, int threads, String jdbcUrl, String jdbcUser, String jdbcPassword, Path folder,
                   int samples, String command) {
    }

    /** One operation's latencies in microseconds, sorted. */
    record Latency(String what, long[] micros, String matches) {
        double median() {
            return micros[micros.length / 2] / 1e3;
        }

        double max() {
            return micros[micros.length - 1] / 1e3;
        }
    }

    private static final String OUI = "00D09E";
    private static final String PRODUCT_CLASS = "SimGateway";
    private static final String MANUFACTURER = "jcwmp";

    private final Options o;
    private final PrintStream out;
    private final DataModelTemplate template = DataModelTemplate.of("home-gateway");
    private final StringBuilder report = new StringBuilder();
    /** The "total" of the last NBI answer: how many devices the search matched. */
    private Long lastTotal;

    StoreBenchmark(Options o, PrintStream out) {
        this.o = o;
        this.out = out;
    }

    static String serial(int n) {
        String s = Integer.toString(n);
        return s.length() >= 7 ? "SIM" + s : "SIM" + "0000000".substring(s.length()) + s;
    }

    static String deviceId(int n) {
        return OUI + "-" + PRODUCT_CLASS + "-" + serial(n);
    }

    /** The Inform simulated CPE number n sends: its identity, the events given and every forced Inform parameter. */
    Inform inform(int n, List<EventStruct> events) {
        String root = template.root();
        List<ParameterValueStruct> params = new ArrayList<>();
        for (String name : template.forcedInform()) {
            int i = template.index(name);
            String value = template.defaultValue(i);
            if (name.equals(root + "ManagementServer.ConnectionRequestURL")) {
                value = "http://10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255) + ":7547/cr/" + serial(n);
            } else if (name.equals(root + "DeviceInfo.SerialNumber")) {
                value = serial(n);
            } else if (name.equals(root + "DeviceInfo.SoftwareVersion")) {
                // one device in a thousand runs a beta: what an operator searches for
                value = n % 1000 == 7 ? "2.0-beta" : value;
            }
            params.add(new ParameterValueStruct(name, value, template.type(i)));
        }
        return new Inform(new DeviceIdStruct(MANUFACTURER, OUI, PRODUCT_CLASS, serial(n)), events, 1,
                CwmpDateTime.now(), 0, params);
    }

    Path run(Path outDir) throws Exception {
        boolean h2 = o.jdbcUrl() == null;
        String where = !h2 ? o.jdbcUrl() : "embedded H2 in " + o.folder() + " (opened as the ACS opens it)";
        out.printf(Locale.ROOT, "store: %s; %d devices, %d forced Inform parameters each, %d threads%n", where,
                o.devices(), template.forcedInform().size(), o.threads());

        long heapBase = MemoryBenchmark.usedAfterGc();
        long heapEmpty = emptyAcsHeap();

        // fill
        double fillSeconds;
        try (Database db = open()) {
            DeviceStore store = new DeviceStore(db);
            long before = store.count();
            if (before > 0) {
                throw new IllegalStateException("the store already holds " + before + " devices: give an empty one");
            }
            fillSeconds = fill(store);
        }
        out.printf(Locale.ROOT, "filled in %.1f s (%.0f devices/s)%n", fillSeconds, o.devices() / fillSeconds);

        Map<String, Long> diskAsIs = disk();
        out.println("disk as is: " + diskAsIs);

        // an ACS on the filled store
        long heapFull;
        long heapAfterOps;
        List<Latency> ops;
        AcsServer acs = acsBuilder().build().start();
        try {
            heapFull = MemoryBenchmark.usedAfterGc();
            ops = operations(acs);
            heapAfterOps = MemoryBenchmark.usedAfterGc();
        } finally {
            acs.stop();
        }
        Map<String, Long> diskCompact = compact();
        out.println("disk compacted: " + diskCompact);

        writeReport(where, fillSeconds, heapBase, heapEmpty, heapFull, heapAfterOps, diskAsIs, diskCompact, ops);
        Files.createDirectories(outDir);
        Path file = outDir.resolve("store-" + o.devices() + "-" + (h2 ? "h2" : "postgresql") + "-"
                + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC)
                .format(Instant.now()) + ".md");
        Files.writeString(file, report);
        out.print(report);
        return file;
    }

    private Database open() {
        return o.jdbcUrl() == null ? Database.openEmbedded(o.folder())
                : Database.open(o.jdbcUrl(), o.jdbcUser(), o.jdbcPassword());
    }

    private AcsServer.Builder acsBuilder() {
        AcsServer.Builder b = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).stun("127.0.0.1", -1)
                .cpeCredentials("cpe", "cpe").initialAdmin("admin", AuthService.randomSecret(9));
        return o.jdbcUrl() == null ? b.dataDirectory(o.folder()) : b.dataDirectory(o.folder()).jdbc(o.jdbcUrl(),
                o.jdbcUser(), o.jdbcPassword());
    }

    /** Heap of an ACS on an empty store of the same kind (H2 in a temp folder; PostgreSQL: before the fill). */
    private long emptyAcsHeap() throws Exception {
        Path tmp = Files.createTempDirectory("jcwmp-store-empty-");
        AcsServer.Builder b = o.jdbcUrl() == null
                ? AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).stun("127.0.0.1", -1).dataDirectory(tmp)
                        .cpeCredentials("cpe", "cpe").initialAdmin("admin", AuthService.randomSecret(9))
                : acsBuilder();
        AcsServer acs = b.build().start();
        try {
            return MemoryBenchmark.usedAfterGc();
        } finally {
            acs.stop();
            delete(tmp);
        }
    }

    private double fill(DeviceStore store) throws Exception {
        List<EventStruct> boot = List.of(new EventStruct(EventCode.BOOTSTRAP, ""), new EventStruct(EventCode.BOOT, ""));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(o.threads())) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < o.threads(); t++) {
                workers.add(pool.submit(() -> {
                    for (int n = next.getAndIncrement(); n < o.devices(); n = next.getAndIncrement()) {
                        store.recordInform(inform(n, boot), Instant.now());
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            long lastPrint = t0;
            int lastDone = 0;
            while (!workers.stream().allMatch(Future::isDone)) {
                Thread.sleep(200);
                long now = System.nanoTime();
                if (now - lastPrint > 30e9) {
                    int d = done.get();
                    out.printf(Locale.ROOT, "  %,d devices after %.0f s (%.0f/s over the last 30 s)%s%n", d,
                            (now - t0) / 1e9, (d - lastDone) / ((now - lastPrint) / 1e9), o.jdbcUrl() != null ? ""
                                    : String.format(Locale.ROOT, ", H2 file %.0f MB", folderBytes(o.folder()) / 1048576.0));
                    lastPrint = now;
                    lastDone = d;
                }
            }
            for (Future<?> w : workers) {
                w.get(); // rethrows a worker's failure
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The latencies, at full size, of what an ACS and its operators do to the store. */
    private List<Latency> operations(AcsServer acs) throws Exception {
        DeviceStore store = acs.devices();
        java.util.Random random = new java.util.Random(42);
        int n = o.samples();
        List<Latency> result = new ArrayList<>();
        List<EventStruct> periodic = List.of(new EventStruct(EventCode.PERIODIC, ""));
        result.add(time("Inform of a known device (`DeviceStore.recordInform`, 1 PERIODIC, all forced parameters)", n,
                () -> store.recordInform(inform(random.nextInt(o.devices()), periodic), Instant.now())));
        result.add(time("device lookup by id (`DeviceStore.find`)", n,
                () -> store.find(deviceId(random.nextInt(o.devices()))).orElseThrow()));
        result.add(time("a device's parameters (`DeviceStore.parameters`, the device page)", n,
                () -> store.parameters(deviceId(random.nextInt(o.devices())), "")));

        String token = acs.auth().createToken("admin", "store-bench", Role.ADMIN).secret();
        HttpClient http = HttpClient.newHttpClient();
        String nbi = acs.nbiUrl();
        Map<String, java.util.function.IntFunction<String>> queries = new LinkedHashMap<>();
        queries.put("NBI `GET /devices?limit=50` (first page of the device list, with the total)", i -> "devices?limit=50");
        queries.put("NBI `GET /devices?limit=50&offset=" + o.devices() / 2 + "` (a page in the middle)",
                i -> "devices?limit=50&offset=" + o.devices() / 2);
        queries.put("NBI search by serial number (`{\"_deviceId._SerialNumber\": ...}`)",
                i -> "devices?limit=50&query=" + enc("{\"_deviceId._SerialNumber\":\"" + serial(random.nextInt(o.devices())) + "\"}"));
        queries.put("NBI search by serial prefix (`$like \"SIM00012%\"`)",
                i -> "devices?limit=50&query=" + enc("{\"_deviceId._SerialNumber\":{\"$like\":\"SIM00012%\"}}"));
        queries.put("NBI search by parameter value (`{\"Device.DeviceInfo.SoftwareVersion\": \"2.0-beta\"}`, one device in 1,000)",
                i -> "devices?limit=50&query=" + enc("{\"" + template.root() + "DeviceInfo.SoftwareVersion\":\"2.0-beta\"}"));
        queries.put("NBI search by tag (`{\"_tags\": \"lab\"}`, no device tagged)",
                i -> "devices?limit=50&query=" + enc("{\"_tags\":\"lab\"}"));
        queries.put("NBI search by last Inform (`{\"_lastInform\": {\"$gt\": \"-5m\"}}`), sorted newest first",
                i -> "devices?limit=50&sort=" + enc("{\"_lastInform\":-1}") + "&query=" + enc("{\"_lastInform\":{\"$gt\":\"-5m\"}}"));
        for (Map.Entry<String, java.util.function.IntFunction<String>> q : queries.entrySet()) {
            int samples = Math.max(3, n / 3); // the slow ones take seconds at 1M
            // an Inform (untimed) before each search, as in a running ACS: H2 answers a repeated query from its result
            // cache while no table it reads has changed, which would time the cache rather than the search
            result.add(time(q.getKey(), samples, () -> store.recordInform(inform(random.nextInt(o.devices()), periodic),
                    Instant.now()), () -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(nbi + q.getValue().apply(0)))
                        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(r.statusCode() + " " + r.body());
                }
                java.util.regex.Matcher total = java.util.regex.Pattern.compile("\"total\"\\s*:\\s*(\\d+)").matcher(r.body());
                lastTotal = total.find() ? Long.parseLong(total.group(1)) : null;
            }));
        }
        return result;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    private Latency time(String what, int samples, Work work) throws Exception {
        return time(what, samples, () -> { }, work);
    }

    private Latency time(String what, int samples, Work before, Work work) throws Exception {
        work.run(); // once before: the first call loads classes, fills caches
        long[] us = new long[samples];
        for (int i = 0; i < samples; i++) {
            before.run();
            long t0 = System.nanoTime();
            work.run();
            us[i] = (System.nanoTime() - t0) / 1000;
        }
        Arrays.sort(us);
        Latency l = new Latency(what, us, lastTotal == null ? "" : String.format(Locale.ROOT, "%,d", lastTotal));
        lastTotal = null;
        out.printf(Locale.ROOT, "  %s: median %.2f ms, max %.2f ms (%d samples)%s%n", what, l.median(), l.max(), samples,
                l.matches().isEmpty() ? "" : ", " + l.matches() + " devices matched");
        return l;
    }

    /** Bytes on disk: the H2 file, or PostgreSQL's relations of the device tables (table, indexes, TOAST). */
    private Map<String, Long> disk() throws SQLException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        if (o.jdbcUrl() == null) {
            sizes.put("H2 file", folderBytes(o.folder()));
            return sizes;
        }
        try (Connection c = DriverManager.getConnection(o.jdbcUrl(), o.jdbcUser(), o.jdbcPassword());
             Statement st = c.createStatement()) {
            for (String table : List.of("device", "device_parameter", "device_event")) {
                try (ResultSet rs = st.executeQuery("select pg_total_relation_size('" + table + "')")) {
                    rs.next();
                    sizes.put(table, rs.getLong(1));
                }
            }
            try (ResultSet rs = st.executeQuery("select pg_database_size(current_database())")) {
                rs.next();
                sizes.put("whole database", rs.getLong(1));
            }
        }
        return sizes;
    }

    /** H2: SHUTDOWN COMPACT; PostgreSQL: VACUUM (not FULL) and a CHECKPOINT. Then the sizes again. */
    private Map<String, Long> compact() throws SQLException {
        if (o.jdbcUrl() == null) {
            long t0 = System.nanoTime();
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + o.folder().toAbsolutePath().resolve("jcwmp"),
                    "sa", ""); Statement st = c.createStatement()) {
                st.execute("SHUTDOWN COMPACT");
            }
            out.printf(Locale.ROOT, "SHUTDOWN COMPACT took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        } else {
            try (Connection c = DriverManager.getConnection(o.jdbcUrl(), o.jdbcUser(), o.jdbcPassword());
                 Statement st = c.createStatement()) {
                c.setAutoCommit(true);
                st.execute("vacuum analyze device, device_parameter, device_event");
                st.execute("checkpoint");
            }
        }
        return disk();
    }

    private void writeReport(String where, double fill, long heapBase, long heapEmpty, long heapFull,
                             long heapAfterOps, Map<String, Long> diskAsIs, Map<String, Long> diskCompact,
                             List<Latency> ops) {
        int n = o.devices();
        report.append("# Store benchmark: ").append(String.format(Locale.ROOT, "%,d", n)).append(" devices\n\n")
                .append("- command: `").append(o.command()).append("`\n")
                .append("- when: ").append(Instant.now()).append('\n')
                .append("- store: ").append(where).append('\n')
                .append(String.format(Locale.ROOT, "- machine: %d cores, load average %.2f at the end; JVM max heap %.0f MB%n",
                        Runtime.getRuntime().availableProcessors(),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        Runtime.getRuntime().maxMemory() / 1048576.0))
                .append(String.format(Locale.ROOT, "- each device: one bootstrap Inform through `DeviceStore.recordInform` "
                        + "(events 0 BOOTSTRAP and 1 BOOT, the %d forced Inform parameters of the TR-181 home-gateway "
                        + "profile as the simulator sends them), %d threads%n%n", template.forcedInform().size(), o.threads()));
        report.append("| what | figure |\n|---|---|\n");
        report.append(String.format(Locale.ROOT, "| time to fill | %.1f s (%.0f devices/s) |%n", fill, n / fill));
        diskAsIs.forEach((k, v) -> report.append(String.format(Locale.ROOT, "| disk as written: %s | %.1f MB (%.0f bytes/device) |%n",
                k, v / 1048576.0, (double) v / n)));
        String how = o.jdbcUrl() == null ? "after SHUTDOWN COMPACT" : "after VACUUM and CHECKPOINT";
        diskCompact.forEach((k, v) -> report.append(String.format(Locale.ROOT, "| disk %s: %s | %.1f MB (%.0f bytes/device) |%n",
                how, k, v / 1048576.0, (double) v / n)));
        report.append(String.format(Locale.ROOT, "| heap after GC: bench JVM alone | %.1f MB |%n", heapBase / 1048576.0));
        report.append(String.format(Locale.ROOT, "| heap after GC: ACS on an empty store | %.1f MB |%n", heapEmpty / 1048576.0));
        report.append(String.format(Locale.ROOT, "| heap after GC: ACS on the full store, started | %.1f MB (%+.1f bytes/device) |%n",
                heapFull / 1048576.0, (double) (heapFull - heapEmpty) / n));
        report.append(String.format(Locale.ROOT, "| heap after GC: ACS on the full store, after the operations below | %.1f MB (%+.1f bytes/device) |%n%n",
                heapAfterOps / 1048576.0, (double) (heapAfterOps - heapEmpty) / n));
        report.append("Operations on the full store (ACS running, one at a time, after one unmeasured call; each NBI "
                + "request after an untimed Inform of a random device):\n\n")
                .append("| operation | devices matched | samples | median | max |\n|---|---|---|---|---|\n");
        for (Latency l : ops) {
            report.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f ms | %.2f ms |%n", l.what(), l.matches(),
                    l.micros().length, l.median(), l.max()));
        }
    }

    static long folderBytes(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind
        }
    }
}
