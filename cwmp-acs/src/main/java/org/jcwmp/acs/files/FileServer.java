package org.jcwmp.acs.files;

import io.javalin.Javalin;
import io.javalin.http.Context;
import org.jcwmp.acs.session.CpeAuthenticator;
import org.jcwmp.acs.store.Database;
import org.jcwmp.acs.store.DeviceStore;
import org.jcwmp.acs.store.StoredFile;
import org.jcwmp.acs.store.StoredUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.Function;

/**
 * The ACS's file server for CPEs, on a listener of its own (default port 7567):
 * <ul>
 * <li>{@code GET}/{@code HEAD /files/{name}}: the files operators stored through the NBI, with Content-Length,
 * ETag (the SHA-256) and If-None-Match (304), a single byte Range (206, 416 when it cannot be satisfied);</li>
 * <li>{@code PUT}/{@code POST /uploads/{deviceId}/{name}[?fileType=...]}: the target of Upload RPCs (configuration
 * backups, logs), the raw body being the file, kept with the device, FileType and time.</li>
 * </ul>
 * CPEs authenticate as on the CWMP endpoint (Digest on plain HTTP, Basic on TLS, the same {@code passwordOf});
 * downloads may be made anonymous, and a signed URL ({@link #downloadUrl}, what the ACS puts in Download requests)
 * needs no credentials until it expires. Build it with {@link #builder()}.
 */
public final class FileServer implements AutoCloseable {
    public static final int DEFAULT_PORT = 7567;
    private static final Logger log = LoggerFactory.getLogger(FileServer.class);

    private final Builder config;
    private final FileRepository repository;
    private final DeviceStore devices;
    private final CpeAuthenticator authenticator;
    private final DownloadOffers offers;
    private final SignedUrls signedUrls;
    private final java.util.List<java.util.function.Consumer<StoredUpload>> uploadListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private Javalin server;

    private FileServer(Builder b) {
        this.config = b;
        this.repository = new FileRepository(b.dataDirectory, b.database, b.maxFileBytes, b.maxUploadBytes);
        this.devices = new DeviceStore(b.database);
        this.authenticator = new CpeAuthenticator(b.authentication, b.realm, b.passwordOf);
        this.offers = new DownloadOffers(this, devices);
        this.signedUrls = new SignedUrls(repository.store().secret("file-url"), java.time.Clock.systemUTC());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the listener; returns when it listens. */
    public synchronized FileServer start() {
        server = Javalin.create(cfg -> {
            cfg.useVirtualThreads = true;
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.disableCompression(); // firmware does not compress; Range and Content-Length stay exact
            config.connectors.apply(cfg, config.host, config.port, config.tls);
        });
        server.get("/files/{name}", ctx -> download(ctx, false));
        server.head("/files/{name}", ctx -> download(ctx, true));
        server.put("/uploads/{deviceId}/{name}", this::upload);
        server.post("/uploads/{deviceId}/{name}", this::upload);
        server.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(400).result(e.getMessage()));
        server.start(config.host, config.port);
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The port it listens on (the configured one before it started). */
    public int port() {
        Javalin s = server;
        return s != null ? s.port() : config.port;
    }

    /** The URL a CPE downloads this file from (the advertised base URL when one was set). */
    public String url(String name) {
        return baseUrl() + "files/" + segment(FileNames.check(name));
    }

    /**
     * The URL to put in a Download request: {@link #url} with an expiry and an HMAC signature, which the server
     * accepts instead of credentials until it expires (a Download's CPE may have no credentials for the file
     * server, and a delayed or scheduled download starts much later). Valid for the configured time (default 7 days).
     */
    public String downloadUrl(String name) {
        return url(name) + "?" + signedUrls.sign("files/" + name, config.signedUrlValidity);
    }

    /**
     * The URL to put in an Upload request: {@link #uploadUrl} with an expiry and an HMAC signature over device and
     * name, accepted instead of credentials until it expires.
     */
    public String signedUploadUrl(String deviceId, String name, String fileType) {
        String url = uploadUrl(deviceId, name, fileType);
        return url + (url.contains("?") ? "&" : "?") + signedUrls.sign("uploads/" + deviceId + "/" + name,
                config.signedUrlValidity);
    }

    /** The URL to give a CPE in an Upload RPC for this device; fileType (may be null) is kept with the upload. */
    public String uploadUrl(String deviceId, String name, String fileType) {
        String url = baseUrl() + "uploads/" + segment(deviceId) + "/" + segment(FileNames.check(name));
        return fileType == null ? url : url + "?fileType=" + URLEncoder.encode(fileType, StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    /** The base URL CPEs reach this server at, ending in a slash. */
    public String baseUrl() {
        if (config.advertisedUrl != null) {
            return config.advertisedUrl;
        }
        String host = config.host.equals("0.0.0.0") || config.host.equals("::") ? "127.0.0.1" : config.host;
        return (config.tls == null ? "http://" : "https://") + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + port() + "/";
    }

    /** Called after a CPE's upload is stored (the NBI turns it into a live "upload" event). */
    public void onUpload(java.util.function.Consumer<StoredUpload> listener) {
        uploadListeners.add(listener);
    }

    /** Files, uploads and their content, for the NBI. */
    public FileRepository repository() {
        return repository;
    }

    /** Matches a CPE's RequestDownload with a stored file (see {@link DownloadOffers}). */
    public DownloadOffers offers() {
        return offers;
    }

    private void download(Context ctx, boolean head) throws IOException {
        String name = FileNames.check(ctx.pathParam("name"));
        boolean signed = ctx.queryParam("signature") != null
                && signedUrls.valid("files/" + name, ctx.queryParam("expires"), ctx.queryParam("signature"));
        if (!signed && !config.anonymousDownloads && !authenticator.authenticate(ctx.req(), ctx.res())) {
            return;
        }
        StoredFile f = repository.file(name).orElse(null);
        if (f == null) {
            ctx.status(404).result("no file " + name);
            return;
        }
        serve(ctx, repository.content(f.sha256()), f.size(), f.sha256(), head);
    }

    /**
     * Serves stored content with ETag, If-None-Match, one byte range and Content-Length, streaming from disk.
     * Shared with the NBI's download of uploads.
     */
    static void serve(Context ctx, Path file, long size, String sha256, boolean head) throws IOException {
        String etag = "\"" + sha256 + "\"";
        ctx.header("ETag", etag);
        ctx.header("Accept-Ranges", "bytes");
        if (notModified(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        long start = 0;
        long length = size;
        String range = ctx.header("Range");
        String ifRange = ctx.header("If-Range");
        if (range != null && (ifRange == null || ifRange.equals(etag))) {
            ByteRange r = ByteRange.parse(range, size);
            if (r == ByteRange.UNSATISFIABLE) {
                ctx.header("Content-Range", "bytes */" + size);
                ctx.status(416);
                return;
            }
            if (r != null) {
                start = r.start();
                length = r.length();
                ctx.status(206);
                ctx.header("Content-Range", "bytes " + r.start() + "-" + (r.start() + r.length() - 1) + "/" + size);
            }
        }
        ctx.contentType("application/octet-stream");
        ctx.res().setContentLengthLong(length);
        if (head) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            OutputStream out = ctx.res().getOutputStream();
            var target = Channels.newChannel(out);
            long done = 0;
            while (done < length) {
                long n = ch.transferTo(start + done, length - done, target);
                if (n <= 0) {
                    break; // the file is shorter than its metadata says: the client sees a short body
                }
                done += n;
            }
            out.flush();
        } catch (NoSuchFileException e) {
            log.warn("content {} is in the store but not on disk", sha256);
            ctx.res().reset();
            ctx.status(404).result("the file's content is missing");
        }
    }

    private static boolean notModified(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private void upload(Context ctx) throws IOException {
        String deviceId = ctx.pathParam("deviceId");
        String name = FileNames.check(ctx.pathParam("name"));
        boolean signed = ctx.queryParam("signature") != null && signedUrls.valid("uploads/" + deviceId + "/" + name,
                ctx.queryParam("expires"), ctx.queryParam("signature"));
        if (!signed && !authenticator.authenticate(ctx.req(), ctx.res())) {
            return;
        }
        String fileType = FileNames.checkFileType(first(ctx.queryParam("fileType"), ctx.header("fileType")));
        if (devices.find(deviceId).isEmpty()) {
            ctx.status(404).result("no device " + deviceId);
            return;
        }
        long declared = ctx.req().getContentLengthLong();
        try {
            StoredUpload u = repository.putUpload(deviceId, name, fileType, ctx.req().getInputStream(), declared);
            log.info("device {} uploaded {} ({} bytes, {})", deviceId, name, u.size(), fileType);
            ctx.status(201).result("stored as upload " + u.id());
            for (var l : uploadListeners) {
                try {
                    l.accept(u);
                } catch (RuntimeException e) {
                    log.warn("an upload listener failed: {}", e.toString());
                }
            }
        } catch (FileTooLargeException e) {
            ctx.header("Connection", "close"); // the rest of the body is not read
            ctx.status(413).result(e.getMessage());
        }
    }

    private static String first(String a, String b) {
        return a != null && !a.isEmpty() ? a : b;
    }

    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Settings; each has a default that works on one machine. */
    public static final class Builder {
        private Path dataDirectory = Path.of("data");
        private Database database;
        private String host = "0.0.0.0";
        private int port = DEFAULT_PORT;
        private Function<String, String> passwordOf = u -> null;
        private String realm = "jcwmp";
        private boolean authentication = true;
        private boolean anonymousDownloads;
        private long maxFileBytes = 4L << 30;
        private long maxUploadBytes = 64L << 20;
        private String advertisedUrl;
        private java.time.Duration signedUrlValidity = java.time.Duration.ofDays(7);
        private org.jcwmp.acs.ServerTls tls;
        private org.jcwmp.acs.Connectors connectors = org.jcwmp.acs.Connectors.DEFAULTS;

        private Builder() {
        }

        /** Idle timeout and connection limit of the listener (default {@link org.jcwmp.acs.Connectors#DEFAULTS}). */
        public Builder connectors(org.jcwmp.acs.Connectors connectors) {
            this.connectors = Objects.requireNonNull(connectors);
            return this;
        }

        /** HTTPS instead of HTTP (null: plain HTTP); CPEs then authenticate with Basic. */
        public Builder tls(org.jcwmp.acs.ServerTls tls) {
            this.tls = tls;
            return this;
        }

        /** The ACS's data directory; content goes under {@code files/} in it. */
        public Builder dataDirectory(Path dir) {
            this.dataDirectory = Objects.requireNonNull(dir);
            return this;
        }

        /** The ACS's store (metadata of files and uploads); stays open when the server stops. */
        public Builder database(Database db) {
            this.database = Objects.requireNonNull(db);
            return this;
        }

        /** Where CPEs connect; port 0 picks a free one. */
        public Builder bind(String host, int port) {
            this.host = Objects.requireNonNull(host);
            this.port = port;
            return this;
        }

        /** CPE credentials as on the CWMP endpoint: the password of a username, null when unknown. */
        public Builder passwordOf(Function<String, String> passwordOf) {
            this.passwordOf = Objects.requireNonNull(passwordOf);
            return this;
        }

        /** The Digest realm (default "jcwmp", as the CWMP endpoint's). */
        public Builder realm(String realm) {
            this.realm = Objects.requireNonNull(realm);
            return this;
        }

        /** Turns CPE authentication off for downloads and uploads (on by default): closed test networks only. */
        public Builder authentication(boolean on) {
            this.authentication = on;
            return this;
        }

        /** Serves downloads without authentication (uploads still need it); off by default. */
        public Builder anonymousDownloads(boolean on) {
            this.anonymousDownloads = on;
            return this;
        }

        /** The largest file operators may store (default 4 GiB). */
        public Builder maxFileBytes(long bytes) {
            this.maxFileBytes = bytes;
            return this;
        }

        /** The largest upload a CPE may send (default 64 MiB). */
        public Builder maxUploadBytes(long bytes) {
            this.maxUploadBytes = bytes;
            return this;
        }

        /** The base URL CPEs reach the server at (behind NAT, a proxy or TLS offload), e.g. "https://acs.example/". */
        public Builder advertisedUrl(String url) {
            this.advertisedUrl = url == null ? null : url.endsWith("/") ? url : url + "/";
            return this;
        }

        /** How long the signed URLs of {@link FileServer#downloadUrl} work (default 7 days). */
        public Builder signedUrlValidity(java.time.Duration validity) {
            if (validity.isNegative() || validity.isZero()) {
                throw new IllegalArgumentException("signed URLs must be valid for some time");
            }
            this.signedUrlValidity = validity;
            return this;
        }

        public FileServer build() {
            if (database == null) {
                throw new IllegalStateException("the file server needs the ACS's database");
            }
            return new FileServer(this);
        }
    }
}
