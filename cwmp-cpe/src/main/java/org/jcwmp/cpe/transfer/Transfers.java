package org.jcwmp.cpe.transfer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hc.core5.http.ContentType;
import org.jcwmp.core.rpc.AllQueuedTransferStruct;
import org.jcwmp.core.rpc.AutonomousTransferComplete;
import org.jcwmp.core.rpc.CwmpDateTime;
import org.jcwmp.core.rpc.CwmpRequest;
import org.jcwmp.core.rpc.Download;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.core.rpc.FaultStruct;
import org.jcwmp.core.rpc.ScheduleDownload;
import org.jcwmp.core.rpc.TimeWindowStruct;
import org.jcwmp.core.rpc.TransferComplete;
import org.jcwmp.core.rpc.Upload;
import org.jcwmp.cpe.model.CpeFaultException;
import org.jcwmp.cpe.session.OutboxSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's transfer queue: Downloads, ScheduleDownloads, Uploads and autonomous transfers accepted and not yet
 * done, the TransferCompletes and AutonomousTransferCompletes not yet answered by the ACS, and the SoftwareVersion
 * the last installed firmware image gave. All of it lives in {@value #FILE_NAME} in the state directory (written
 * atomically), so it survives restarts; a transfer that was running when the agent stopped is reported as failed
 * (9010 for a download, 9011 for an upload) once it starts again.
 *
 * <p>Downloads: "1 Firmware Upgrade Image" (handed to the {@link FirmwareInstaller}, then a reboot), "2 Web Content"
 * (stored as {@value #WEB_CONTENT_DIRECTORY}/&lt;name&gt; in the state directory, replacing the previous content) and
 * "3 Vendor Configuration File" (handed to the {@link ConfigurationFileHandler}). Uploads: "1 Vendor Configuration
 * File" and "2 Vendor Log File", from the {@link Device}. See docs/transfers.md.
 */
public final class Transfers {
    private static final Logger log = LoggerFactory.getLogger(Transfers.class);
    public static final String FILE_NAME = "cpe-transfers.json";
    public static final String WEB_CONTENT_DIRECTORY = "web-content";
    public static final String FIRMWARE = "1 Firmware Upgrade Image";
    public static final String WEB_CONTENT = "2 Web Content";
    public static final String VENDOR_CONFIGURATION = "3 Vendor Configuration File";
    public static final String UPLOAD_CONFIGURATION = "1 Vendor Configuration File";
    public static final String UPLOAD_LOG = "2 Vendor Log File";
    public static final String WINDOW_AT_ANY_TIME = "1 At Any Time";
    public static final String WINDOW_IMMEDIATELY = "2 Immediately";
    public static final String WINDOW_WHEN_IDLE = "3 When Idle";
    public static final String WINDOW_CONFIRMATION_NEEDED = "4 Confirmation Needed";
    private static final Set<String> DOWNLOAD_TYPES = Set.of(FIRMWARE, WEB_CONTENT, VENDOR_CONFIGURATION);
    private static final Set<String> UPLOAD_TYPES = Set.of(UPLOAD_CONFIGURATION, UPLOAD_LOG);
    private static final Set<String> WINDOW_MODES = Set.of(WINDOW_AT_ANY_TIME, WINDOW_IMMEDIATELY, WINDOW_WHEN_IDLE,
            WINDOW_CONFIRMATION_NEEDED);

    /** What the agent does when a transfer ends, and the files it uploads. Called on the transfer's thread. */
    public interface Device {
        /** A firmware image was installed (its version already persisted): reboot and inform these events. */
        void firmwareInstalled(List<EventStruct> events);

        /** Any other transfer ended, well or not: inform these events (7 TRANSFER COMPLETE, M ...) without a reboot. */
        void transferCompleted(List<EventStruct> events);

        /** The "1 Vendor Configuration File" to upload now. */
        byte[] vendorConfigurationFile();

        /** The "2 Vendor Log File" to upload now. */
        byte[] vendorLogFile();
    }

    /** Who asked for a transfer; the Inform event that announces its completion. */
    enum Kind {
        DOWNLOAD(EventCode.M_DOWNLOAD, true), SCHEDULE_DOWNLOAD(EventCode.M_SCHEDULE_DOWNLOAD, true),
        UPLOAD(EventCode.M_UPLOAD, false),
        AUTONOMOUS_DOWNLOAD(EventCode.AUTONOMOUS_TRANSFER_COMPLETE, true),
        AUTONOMOUS_UPLOAD(EventCode.AUTONOMOUS_TRANSFER_COMPLETE, false);

        final String event;
        final boolean download;

        Kind(String event, boolean download) {
            this.event = event;
            this.download = download;
        }

        boolean autonomous() {
            return this == AUTONOMOUS_DOWNLOAD || this == AUTONOMOUS_UPLOAD;
        }
    }

    /** A ScheduleDownload time window, as instants. */
    record Window(String start, String end, String mode, int maxRetries) {
    }

    /** A transfer accepted and not yet complete; {@code started} is set while it runs. */
    record Queued(Kind kind, String commandKey, String fileType, String url, String username, String password,
                  long fileSize, String targetFileName, String due, List<Window> windows, String started) {
        Queued {
            kind = kind == null ? Kind.DOWNLOAD : kind; // files written before uploads existed
            windows = windows == null ? List.of() : List.copyOf(windows);
        }

        Queued startedAt(String time) {
            return new Queued(kind, commandKey, fileType, url, username, password, fileSize, targetFileName, due,
                    windows, time);
        }
    }

    /** A TransferComplete or AutonomousTransferComplete not yet answered by the ACS. */
    record Completed(Kind kind, String commandKey, int faultCode, String faultString, String startTime,
                     String completeTime, String url, String fileType, long fileSize, String targetFileName) {
        Completed {
            kind = kind == null ? Kind.DOWNLOAD : kind;
        }
    }

    record StoreFile(List<Queued> queued, List<Completed> completed, String installedSoftwareVersion) {
    }

    /** A finished attempt: the fault (null for success), the bytes moved and, for firmware, the new version. */
    private record Outcome(Fault fault, long bytes, String version) {
    }

    private final Path directory;
    private final Path file;
    private final Downloader downloader;
    private final Uploader uploader;
    private final FirmwareInstaller installer;
    private final ConfigurationFileHandler configurationFiles;
    private final ObjectMapper mapper = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final List<Queued> queued = new ArrayList<>();
    private final List<Completed> completed = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile Duration retryPause = Duration.ofSeconds(10);
    private String installedSoftwareVersion;
    private Device device;
    private boolean running;

    public Transfers(Path directory, Downloader downloader, Uploader uploader, FirmwareInstaller installer,
                     ConfigurationFileHandler configurationFiles) {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
        this.downloader = downloader;
        this.uploader = uploader;
        this.installer = installer;
        this.configurationFiles = configurationFiles;
        if (Files.exists(file)) {
            try {
                StoreFile f = mapper.readValue(file.toFile(), StoreFile.class);
                if (f.queued() != null) {
                    queued.addAll(f.queued());
                }
                if (f.completed() != null) {
                    completed.addAll(f.completed());
                }
                installedSoftwareVersion = f.installedSoftwareVersion();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read transfer state " + file, e);
            }
        }
    }

    /** How long a ScheduleDownload waits between attempts inside a window (10 s by default). */
    public void retryPause(Duration pause) {
        this.retryPause = pause;
    }

    /** The SoftwareVersion the last installed image gave, if any. */
    public synchronized Optional<String> installedSoftwareVersion() {
        return Optional.ofNullable(installedSoftwareVersion);
    }

    /**
     * Starts the queued transfers (each at its time); a transfer that was running when the agent stopped becomes a
     * failed one (9010 download, 9011 upload).
     */
    public void start(Device device) {
        List<Queued> toRun = new ArrayList<>();
        List<Queued> interrupted = new ArrayList<>();
        synchronized (this) {
            this.device = device;
            running = true;
            for (Queued q : List.copyOf(queued)) {
                if (q.started() != null) {
                    queued.remove(q);
                    FaultCode code = q.kind().download ? FaultCode.DOWNLOAD_FAILURE : FaultCode.UPLOAD_FAILURE;
                    completed.add(completedOf(q, new Fault(code, "transfer interrupted by a restart"), 0, q.started()));
                    interrupted.add(q);
                } else {
                    toRun.add(q);
                }
            }
            save();
        }
        interrupted.forEach(q -> device.transferCompleted(events(q)));
        toRun.forEach(this::schedule);
    }

    /** Stops waiting and running transfers; they stay queued (a running one counts as interrupted next start). */
    public void stop() {
        List<Thread> ts;
        synchronized (this) {
            running = false;
            ts = List.copyOf(threads);
        }
        ts.forEach(Thread::interrupt);
    }

    /** Factory reset: every queued transfer and every unanswered completion is dropped. */
    public void reset() {
        synchronized (this) {
            queued.clear();
            completed.clear(); // the firmware stays installed: its version is kept
            save();
        }
    }

    /** Accepts a Download: queues it (persisted); it completes later (DownloadResponse status 1). */
    public void accept(Download d) throws CpeFaultException {
        checkDownloadType(d.fileType());
        Downloader.checkScheme(d.url());
        enqueue(new Queued(Kind.DOWNLOAD, orEmpty(d.commandKey()), d.fileType(), d.url(), orEmpty(d.username()),
                orEmpty(d.password()), d.fileSize(), orEmpty(d.targetFileName()), dueIn(d.delaySeconds()), List.of(),
                null));
    }

    /** Accepts an Upload: queues it (persisted); it completes later (UploadResponse status 1). */
    public void accept(Upload u) throws CpeFaultException {
        if (!UPLOAD_TYPES.contains(u.fileType())) {
            throw new CpeFaultException(FaultCode.UNSUPPORTED_TRANSFER_PROTOCOL,
                    "FileType " + u.fileType() + " cannot be uploaded; supported: " + UPLOAD_TYPES);
        }
        Downloader.checkScheme(u.url());
        enqueue(new Queued(Kind.UPLOAD, orEmpty(u.commandKey()), u.fileType(), u.url(), orEmpty(u.username()),
                orEmpty(u.password()), 0, "", dueIn(u.delaySeconds()), List.of(), null));
    }

    /**
     * Accepts a ScheduleDownload: one or two time windows in seconds from now, in order, not overlapping, each with a
     * WindowMode this agent knows and MaxRetries of -1 (no limit) or more.
     *
     * @throws CpeFaultException 9003 for bad windows, 9013 for an unsupported FileType or scheme
     */
    public void accept(ScheduleDownload s) throws CpeFaultException {
        List<TimeWindowStruct> list = s.timeWindowList();
        if (list.isEmpty() || list.size() > 2) {
            throw invalid("one or two TimeWindowStructs, not " + list.size());
        }
        Instant now = Instant.now();
        List<Window> windows = new ArrayList<>();
        long previousEnd = -1;
        for (TimeWindowStruct w : list) {
            if (w.windowStart() < 0 || w.windowEnd() <= w.windowStart()) {
                throw invalid("WindowEnd " + w.windowEnd() + " must be after WindowStart " + w.windowStart());
            }
            if (w.windowStart() < previousEnd) {
                throw invalid("time windows overlap or are out of order at WindowStart " + w.windowStart());
            }
            if (!WINDOW_MODES.contains(w.windowMode())) {
                throw invalid("WindowMode " + w.windowMode());
            }
            if (w.maxRetries() < -1) {
                throw invalid("MaxRetries " + w.maxRetries());
            }
            previousEnd = w.windowEnd();
            windows.add(new Window(now.plusSeconds(w.windowStart()).toString(), now.plusSeconds(w.windowEnd()).toString(),
                    w.windowMode(), w.maxRetries()));
        }
        checkDownloadType(s.fileType());
        Downloader.checkScheme(s.url());
        enqueue(new Queued(Kind.SCHEDULE_DOWNLOAD, orEmpty(s.commandKey()), s.fileType(), s.url(),
                orEmpty(s.username()), orEmpty(s.password()), s.fileSize(), orEmpty(s.targetFileName()),
                windows.get(0).start(), windows, null));
    }

    /**
     * A transfer the device starts by itself, reported with AutonomousTransferComplete (event 10 AUTONOMOUS TRANSFER
     * COMPLETE) when done.
     *
     * @param download true to fetch {@code url} (a download FileType), false to PUT there (an upload FileType)
     */
    public void autonomous(boolean download, String url, String fileType, String targetFileName)
            throws CpeFaultException {
        if (download) {
            checkDownloadType(fileType);
        } else if (!UPLOAD_TYPES.contains(fileType)) {
            throw new CpeFaultException(FaultCode.UNSUPPORTED_TRANSFER_PROTOCOL, "FileType " + fileType);
        }
        Downloader.checkScheme(url);
        enqueue(new Queued(download ? Kind.AUTONOMOUS_DOWNLOAD : Kind.AUTONOMOUS_UPLOAD, "", fileType, url, "", "",
                0, orEmpty(targetFileName), Instant.now().toString(), List.of(), null));
    }

    /**
     * CancelTransfer: removes the transfers with this CommandKey that have not started.
     *
     * @throws CpeFaultException 9021 when one of them is running or none has this key
     */
    public void cancel(String commandKey) throws CpeFaultException {
        String key = orEmpty(commandKey);
        synchronized (this) {
            List<Queued> matching = queued.stream().filter(q -> !q.kind().autonomous() && q.commandKey().equals(key))
                    .toList();
            if (matching.isEmpty()) {
                throw new CpeFaultException(FaultCode.CANCELATION_NOT_PERMITTED, "no queued transfer with CommandKey "
                        + key);
            }
            if (matching.stream().anyMatch(q -> q.started() != null)) {
                throw new CpeFaultException(FaultCode.CANCELATION_NOT_PERMITTED, "the transfer with CommandKey " + key
                        + " is in progress");
            }
            queued.removeAll(matching);
            save();
        }
        log.info("transfer {} cancelled", key);
    }

    /** For GetAllQueuedTransfers: every transfer accepted and not yet complete (state 1 waiting, 2 running). */
    public synchronized List<AllQueuedTransferStruct> queuedTransfers() {
        return queued.stream().map(q -> new AllQueuedTransferStruct(q.commandKey(), q.started() == null ? 1 : 2,
                q.kind().download, q.fileType(), q.fileSize(), q.targetFileName())).toList();
    }

    /** The number of transfers accepted and not yet complete. */
    public synchronized int queuedCount() {
        return queued.size();
    }

    /** The TransferCompletes and AutonomousTransferCompletes to send, oldest first. */
    public synchronized List<CwmpRequest> pendingRequests() {
        return completed.stream().map(Transfers::request).toList();
    }

    /**
     * The completions as the session's outbox: a TransferComplete goes in a session whose Inform carried its
     * M Download / M Upload / M ScheduleDownload, an AutonomousTransferComplete in one that carried 10 AUTONOMOUS
     * TRANSFER COMPLETE (TR-069 A.3.3.1); their events are held until the ACS answered.
     */
    public OutboxSource outbox() {
        return new OutboxSource() {
            @Override
            public List<? extends CwmpRequest> pending(List<EventStruct> informEvents) {
                synchronized (Transfers.this) {
                    return completed.stream().filter(c -> informEvents.contains(announcement(c)))
                            .map(Transfers::request).toList();
                }
            }

            @Override
            public void answered(CwmpRequest request) {
                synchronized (Transfers.this) {
                    for (Completed c : completed) {
                        if (request(c).equals(request)) {
                            completed.remove(c);
                            save();
                            return;
                        }
                    }
                }
            }

            @Override
            public boolean holds(EventStruct e) {
                synchronized (Transfers.this) {
                    if (e.eventCode().equals(EventCode.TRANSFER_COMPLETE)) {
                        return completed.stream().anyMatch(c -> !c.kind().autonomous());
                    }
                    return completed.stream().anyMatch(c -> announcement(c).equals(e));
                }
            }
        };
    }

    private static EventStruct announcement(Completed c) {
        return c.kind().autonomous() ? new EventStruct(EventCode.AUTONOMOUS_TRANSFER_COMPLETE, "")
                : new EventStruct(c.kind().event, c.commandKey());
    }

    private static CwmpRequest request(Completed c) {
        FaultStruct fault = new FaultStruct(c.faultCode(), c.faultString());
        if (c.kind().autonomous()) {
            return new AutonomousTransferComplete("", c.url(), c.kind().download, c.fileType(), c.fileSize(),
                    c.targetFileName(), fault, c.startTime(), c.completeTime());
        }
        return new TransferComplete(c.commandKey(), fault, c.startTime(), c.completeTime());
    }

    private static Completed completedOf(Queued q, Fault fault, long bytes, String start) {
        return new Completed(q.kind(), q.commandKey(), fault == null ? 0 : fault.faultCode(),
                fault == null ? "" : fault.faultString(), start, CwmpDateTime.now(), q.url(), q.fileType(), bytes,
                q.targetFileName());
    }

    private static List<EventStruct> events(Queued q) {
        if (q.kind().autonomous()) {
            return List.of(new EventStruct(EventCode.AUTONOMOUS_TRANSFER_COMPLETE, ""));
        }
        return List.of(new EventStruct(EventCode.TRANSFER_COMPLETE, ""), new EventStruct(q.kind().event, q.commandKey()));
    }

    private void enqueue(Queued q) {
        synchronized (this) {
            queued.add(q);
            save();
        }
        schedule(q);
    }

    private void schedule(Queued q) {
        synchronized (this) {
            if (!running) {
                return; // start() picks it up
            }
            Thread t = Thread.ofVirtual().name("cpe-transfer-" + q.commandKey()).unstarted(() -> run(q));
            threads.add(t);
            t.start();
        }
    }

    private void run(Queued q) {
        try {
            sleepUntil(Instant.parse(q.due()));
            Queued current = q;
            Outcome outcome;
            String start;
            if (q.kind() == Kind.SCHEDULE_DOWNLOAD) {
                WindowRun w = runInWindows(q);
                if (w == null) {
                    return;
                }
                current = w.current();
                outcome = w.outcome();
                start = current.started() != null ? current.started() : CwmpDateTime.UNKNOWN; // never tried
            } else {
                start = CwmpDateTime.now();
                current = markStarted(q, start);
                if (current == null) {
                    return;
                }
                outcome = attempt(current);
            }
            if (Thread.currentThread().isInterrupted()) {
                return; // stopped meanwhile: reported as interrupted on the next start
            }
            finish(current, outcome, start);
        } catch (InterruptedException e) {
            // stopped
        } finally {
            synchronized (this) {
                threads.remove(Thread.currentThread());
            }
        }
    }

    private record WindowRun(Queued current, Outcome outcome) {
    }

    /**
     * Tries the download in each window in turn: at the window's start, again after a failure (MaxRetries -1 as
     * often as the window allows, else at most that many retries) while the window lasts. A window that needs a
     * user's confirmation is skipped (this agent has no user to ask); "When Idle" windows count as idle at once (the
     * agent has no user activity to wait for). Returns null when the transfer was cancelled or the agent stopped.
     */
    private WindowRun runInWindows(Queued q) throws InterruptedException {
        Queued current = q;
        Fault last = null;
        for (Window w : q.windows()) {
            if (WINDOW_CONFIRMATION_NEEDED.equals(w.mode())) {
                log.info("ScheduleDownload {}: window needs a confirmation no one can give, skipped", q.commandKey());
                continue;
            }
            Instant end = Instant.parse(w.end());
            sleepUntil(Instant.parse(w.start()));
            int attempts = 0;
            while (Instant.now().isBefore(end)) {
                if (current.started() == null) {
                    current = markStarted(current, CwmpDateTime.now());
                    if (current == null) {
                        return null;
                    }
                }
                Outcome o = attempt(current);
                if (o.fault() == null || Thread.currentThread().isInterrupted()) {
                    return new WindowRun(current, o);
                }
                last = o.fault();
                attempts++;
                if (w.maxRetries() >= 0 && attempts > w.maxRetries()) {
                    break;
                }
                Duration left = Duration.between(Instant.now(), end);
                if (left.compareTo(retryPause) <= 0) {
                    break;
                }
                Thread.sleep(retryPause);
            }
        }
        String why = "no time window allowed the download" + (last == null ? "" : "; last failure: "
                + last.faultCode() + " " + last.faultString());
        return new WindowRun(current, new Outcome(new Fault(FaultCode.DOWNLOAD_WINDOW_FAILURE, why), 0, null));
    }

    /** Marks a queued transfer as running (persisted); null when it was cancelled or the agent stopped. */
    private synchronized Queued markStarted(Queued q, String start) {
        if (!running || !queued.contains(q)) {
            return null;
        }
        Queued started = q.startedAt(start);
        queued.set(queued.indexOf(q), started);
        save();
        return started;
    }

    private void finish(Queued q, Outcome outcome, String start) {
        Device d;
        synchronized (this) {
            if (!running || !queued.remove(q)) {
                return; // stopped, or dropped by a factory reset
            }
            completed.add(completedOf(q, outcome.fault(), outcome.bytes(), start));
            if (outcome.version() != null) {
                installedSoftwareVersion = outcome.version();
            }
            save();
            d = device;
        }
        if (outcome.fault() != null) {
            log.info("transfer {} {} failed: {} {}", q.kind(), q.commandKey(), outcome.fault().faultCode(),
                    outcome.fault().faultString());
        }
        if (outcome.fault() == null && outcome.version() != null) {
            d.firmwareInstalled(events(q));
        } else {
            d.transferCompleted(events(q));
        }
    }

    /** One attempt at the transfer itself. */
    private Outcome attempt(Queued q) {
        try {
            return q.kind().download ? download(q) : upload(q);
        } catch (CpeFaultException e) {
            return new Outcome(e.fault(), 0, null);
        } catch (RuntimeException e) {
            log.error("transfer {} failed", q.commandKey(), e);
            return new Outcome(new Fault(FaultCode.CPE_INTERNAL_ERROR, e.toString()), 0, null);
        }
    }

    private Outcome download(Queued q) throws CpeFaultException {
        Path part = directory.resolve("download-" + Integer.toHexString(q.hashCode()) + ".part");
        try {
            long n = downloader.fetch(q.url(), q.username(), q.password(), q.fileSize(), part);
            log.info("downloaded {} bytes from {}", n, q.url());
            String name = fileName(q);
            return switch (q.fileType()) {
                case FIRMWARE -> new Outcome(null, n, installer.install(part, name));
                case WEB_CONTENT -> {
                    storeWebContent(part, name);
                    yield new Outcome(null, n, null);
                }
                case VENDOR_CONFIGURATION -> {
                    configurationFiles.apply(part, name);
                    yield new Outcome(null, n, null);
                }
                default -> throw new CpeFaultException(FaultCode.UNSUPPORTED_TRANSFER_PROTOCOL, q.fileType());
            };
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                log.warn("cannot delete {}", part);
            }
        }
    }

    private Outcome upload(Queued q) throws CpeFaultException {
        Device d;
        synchronized (this) {
            d = device;
        }
        byte[] content;
        ContentType type;
        if (UPLOAD_CONFIGURATION.equals(q.fileType())) {
            content = d.vendorConfigurationFile();
            type = ContentType.APPLICATION_JSON;
        } else {
            content = d.vendorLogFile();
            type = ContentType.TEXT_PLAIN.withCharset("UTF-8");
        }
        uploader.put(q.url(), q.username(), q.password(), content, type);
        log.info("uploaded {} bytes of {} to {}", content.length, q.fileType(), q.url());
        return new Outcome(null, content.length, null);
    }

    /** The web content, atomically in place of the previous one. */
    private void storeWebContent(Path part, String name) throws CpeFaultException {
        Path dir = directory.resolve(WEB_CONTENT_DIRECTORY);
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(name);
            Path tmp = dir.resolve("." + name + ".tmp");
            Files.copy(part, tmp, StandardCopyOption.REPLACE_EXISTING);
            moveAtomically(tmp, target);
            try (DirectoryStream<Path> old = Files.newDirectoryStream(dir)) {
                for (Path p : old) {
                    if (!p.equals(target)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new CpeFaultException(FaultCode.CPE_INTERNAL_ERROR, "cannot store web content: " + e);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        Duration wait = Duration.between(Instant.now(), when);
        if (!wait.isNegative() && !wait.isZero()) {
            Thread.sleep(wait);
        }
    }

    private static void checkDownloadType(String fileType) throws CpeFaultException {
        if (!DOWNLOAD_TYPES.contains(fileType)) {
            throw new CpeFaultException(FaultCode.UNSUPPORTED_TRANSFER_PROTOCOL,
                    "FileType " + fileType + " cannot be downloaded; supported: " + DOWNLOAD_TYPES);
        }
    }

    private static CpeFaultException invalid(String why) {
        return new CpeFaultException(FaultCode.CPE_INVALID_ARGUMENTS, why);
    }

    private static String dueIn(long delaySeconds) {
        return Instant.now().plusSeconds(Math.max(0, delaySeconds)).toString();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The file's name: the TargetFileName's last segment, else the URL's; never a path. */
    static String fileName(Queued q) {
        String name = "";
        if (!q.targetFileName().isEmpty()) {
            Path p = Path.of(q.targetFileName()).getFileName();
            name = p == null ? "" : p.toString();
        }
        if (name.isEmpty()) {
            String path = URI.create(q.url()).getPath();
            name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        }
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return FIRMWARE.equals(q.fileType()) ? "firmware" : "file";
        }
        return name;
    }

    private void save() {
        Path tmp = directory.resolve(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(directory);
            Files.write(tmp, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                    new StoreFile(List.copyOf(queued), List.copyOf(completed), installedSoftwareVersion)));
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------")); // passwords
            } catch (UnsupportedOperationException e) {
                // not POSIX
            }
            moveAtomically(tmp, file);
        } catch (IOException e) {
            log.error("cannot write transfer state {}", file, e);
        }
    }
}
