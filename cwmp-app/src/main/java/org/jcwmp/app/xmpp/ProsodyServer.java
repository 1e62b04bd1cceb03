package org.jcwmp.app.xmpp;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509TrustManager;
import org.jcwmp.core.xmpp.XmppTrust;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Prosody (Debian's package) for tests: its own config, data, certificate, log and pid file in a temp
 * directory, client port on 127.0.0.1 chosen free, TLS required with a self-signed certificate for the domain,
 * server-to-server off. Started and stopped by its own process id, with bounded waits.
 *
 * <pre>{@code
 * assumeTrue(ProsodyServer.available(), ProsodyServer.SKIP_MESSAGE);
 * try (ProsodyServer xmpp = ProsodyServer.start(dir, "jcwmp.test")) {
 *     xmpp.register("acs", "secret");
 *     ... xmpp.port(), xmpp.trust() ...
 *     xmpp.restart();
 * }
 * }</pre>
 */
public final class ProsodyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProsodyServer.class);
    public static final String SKIP_MESSAGE =
            "prosody, prosodyctl or openssl not installed (apt-get install -y prosody openssl): XMPP tests skipped";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

    private final Path dir;
    private final String domain;
    private final int port;
    private final Path config;
    private final Path certificate;
    private final List<String> commandPrefix;
    private final String bindAddress;
    private Process process;
    private Thread shutdownHook;

    private ProsodyServer(Path dir, String domain, int port, List<String> commandPrefix, String bindAddress) {
        this.dir = dir;
        this.domain = domain;
        this.port = port;
        this.commandPrefix = List.copyOf(commandPrefix);
        this.bindAddress = bindAddress;
        this.config = dir.resolve("prosody.cfg.lua");
        this.certificate = dir.resolve("certs").resolve(domain + ".crt");
    }

    /** Whether prosody, prosodyctl and openssl are on the PATH. */
    public static boolean available() {
        return executable("prosody").isPresent() && executable("prosodyctl").isPresent()
                && executable("openssl").isPresent();
    }

    /** Writes a certificate and a config into {@code dir} and starts Prosody on a free loopback port. */
    public static ProsodyServer start(Path dir, String domain) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("certs"));
        return start(dir, domain, List.of(), "127.0.0.1", freePort());
    }

    /**
     * Starts Prosody through a command prefix, e.g. {@code ["ip", "netns", "exec", ns]} to run it in a network
     * namespace, listening on {@code bindAddress:port} there; readiness is probed through the same prefix.
     */
    public static ProsodyServer start(Path dir, String domain, List<String> commandPrefix, String bindAddress, int port)
            throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("certs"));
        ProsodyServer server = new ProsodyServer(dir, domain, port, commandPrefix, bindAddress);
        server.makeCertificate();
        server.writeConfig();
        server.startProcess();
        return server;
    }

    public String host() {
        return bindAddress;
    }

    public int port() {
        return port;
    }

    public String domain() {
        return domain;
    }

    /** The server's self-signed certificate (PEM): the only CA the clients trust. */
    public Path certificate() {
        return certificate;
    }

    public X509TrustManager trust() {
        try {
            return XmppTrust.fromPem(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates an account with prosodyctl (works whether the server runs or not). */
    public void register(String user, String password) throws IOException, InterruptedException {
        run(List.of(executable("prosodyctl").orElseThrow().toString(), "--config", config.toString(), "register",
                user, domain, password));
    }

    /** The running server's process id. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("not running");
        }
        return process.pid();
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** Stops the server (its clients see the stream end) and starts it again on the same port. */
    public synchronized void restart() throws IOException, InterruptedException {
        stop();
        startProcess();
    }

    /** SIGTERM to our process, then SIGKILL if it has not ended within 10 s. Idempotent. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        p.destroy();
        if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("prosody {} did not stop within {}; killing it", p.pid(), STOP_TIMEOUT);
            p.destroyForcibly();
            p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        removeShutdownHook();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** The last lines of Prosody's log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(dir.resolve("prosody.log"), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private void startProcess() throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(commandPrefix);
        command.addAll(List.of(executable("prosody").orElseThrow().toString(), "--config", config.toString(), "-F"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("prosody.out").toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        synchronized (this) {
            process = p;
        }
        addShutdownHook(p);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!p.isAlive()) {
                stop();
                throw new IOException("prosody exited with " + p.exitValue() + " during start:\n" + logTail(20));
            }
            if (accepts()) {
                log.info("prosody {} up on {}:{} for {}", p.pid(), host(), port, domain);
                return;
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IOException("prosody did not listen on " + port + " within " + START_TIMEOUT + ":\n"
                        + logTail(20));
            }
            Thread.sleep(50);
        }
    }

    private boolean accepts() {
        if (!commandPrefix.isEmpty()) {
            List<String> probe = new java.util.ArrayList<>(commandPrefix);
            probe.addAll(List.of("bash", "-c", "exec 3<>/dev/tcp/" + bindAddress + "/" + port));
            try {
                Process p = new ProcessBuilder(probe).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return false;
                }
                return p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A stray server after a crashed test run would hold the port and the temp dir; the hook ends ours. */
    private synchronized void addShutdownHook(Process p) {
        removeShutdownHook();
        ProcessHandle handle = p.toHandle();
        shutdownHook = new Thread(() -> handle.destroyForcibly(), "prosody-" + p.pid() + "-reaper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private synchronized void removeShutdownHook() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs anyway
            }
            shutdownHook = null;
        }
    }

    private void makeCertificate() throws IOException, InterruptedException {
        Path key = dir.resolve("certs").resolve(domain + ".key");
        run(List.of(executable("openssl").orElseThrow().toString(), "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=" + domain, "-addext", "subjectAltName=DNS:" + domain,
                "-keyout", key.toString(), "-out", certificate.toString()));
    }

    private void writeConfig() throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        String d = dir.toAbsolutePath().toString();
        String cfg = """
                -- written by ProsodyServer for one test run
                pidfile = "%1$s/prosody.pid"
                data_path = "%1$s/data"
                certificates = "%1$s/certs"
                log = { info = "%1$s/prosody.log" }
                %2$s
                interfaces = { "%5$s" }
                c2s_ports = { %3$d }
                c2s_direct_tls_ports = { }
                legacy_ssl_ports = { }
                s2s_ports = { }
                modules_enabled = { "roster", "saslauth", "tls", "disco", "ping", "posix" }
                modules_disabled = { "s2s" }
                authentication = "internal_hashed"
                storage = "internal"
                allow_registration = false
                c2s_require_encryption = true
                ssl = { certificate = "%1$s/certs/%4$s.crt", key = "%1$s/certs/%4$s.key" }
                VirtualHost "%4$s"
                """.formatted(d, root
                // CI runs as root: Prosody refuses that unless told, and prosodyctl would switch to a "prosody"
                // user that cannot write our temp dir.
                ? "run_as_root = true\nprosody_user = \"root\"\nprosody_group = \"root\"" : "", port, domain, bindAddress);
        Files.writeString(config, cfg);
    }

    /** Runs a short command with a bounded wait; its output goes to a file, so a hung command cannot block us. */
    private void run(List<String> command) throws IOException, InterruptedException {
        Path out = dir.resolve("command.out");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish within " + COMMAND_TIMEOUT);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command.subList(0, Math.min(4, command.size()))) + " ... exited "
                    + p.exitValue() + ": " + Files.readString(out));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Optional<Path> executable(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
