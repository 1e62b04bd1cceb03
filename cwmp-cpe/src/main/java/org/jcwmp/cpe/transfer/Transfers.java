package org.jcwmp.cpe.transfer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jcwmp.core.rpc.CwmpDateTime;
import org.jcwmp.core.rpc.Download;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.core.rpc.FaultStruct;
import org.jcwmp.core.rpc.TransferComplete;
import org.jcwmp.cpe.model.CpeFaultException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's transfer queue: Downloads accepted and not yet done, TransferCompletes not yet answered by the ACS,
 * and the SoftwareVersion the last installed firmware image gave. All of it lives in {@value #FILE_NAME} in the
 * state directory (written atomically), so it survives restarts; a download that was running when the agent
 * stopped is reported as failed (9010) once it starts again.
 *
 * <p>Only FileType "1 Firmware Upgrade Image" over http/https is handled so far; other file types are refused
 * with 9013 when the Download arrives.
 */
public final class Transfers {
    private static final Logger log = LoggerFactory.getLogger(Transfers.class);
    public static final String FILE_NAME = "cpe-transfers.json";
    public static final String FIRMWARE = "1 Firmware Upgrade Image";

    /** What the agent does when a transfer ends. Called on the transfer's thread. */
    public interface Device {
        /** A firmware image was installed (its version already persisted): reboot and inform these events. */
        void firmwareInstalled(List<EventStruct> events);

        /** A transfer failed: inform these events (7 TRANSFER COMPLETE, M Download) without a reboot. */
        void transferFailed(List<EventStruct> events);
    }

    /** A Download accepted and not yet complete; {@code started} is set while it runs. */
    record Queued(String commandKey, String fileType, String url, String username, String password, long fileSize,
                  String targetFileName, String due, String started) {
    }

    /** A TransferComplete not yet answered by the ACS. */
    record Completed(String commandKey, int faultCode, String faultString, String startTime, String completeTime) {
    }

    record StoreFile(List<Queued> queued, List<Completed> completed, String installedSoftwareVersion) {
    }

    private final Path directory;
    private final Path file;
    private final Downloader downloader;
    private final FirmwareInstaller installer;
    private final ObjectMapper mapper = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final List<Queued> queued = new ArrayList<>();
    private final List<Completed> completed = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private String installedSoftwareVersion;
    private Device device;
    private boolean running;

    public Transfers(Path directory, Downloader downloader, FirmwareInstaller installer) {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
        this.downloader = downloader;
        this.installer = installer;
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

    /** The SoftwareVersion the last installed image gave, if any. */
    public synchronized Optional<String> installedSoftwareVersion() {
        return Optional.ofNullable(installedSoftwareVersion);
    }

    /**
     * Starts the queued downloads (each after its delay); a download that was running when the agent stopped
     * becomes a failed transfer.
     */
    public void start(Device device) {
        List<Queued> toRun = new ArrayList<>();
        List<String> interrupted = new ArrayList<>();
        synchronized (this) {
            this.device = device;
            running = true;
            for (Queued q : List.copyOf(queued)) {
                if (q.started() != null) {
                    queued.remove(q);
                    completed.add(new Completed(q.commandKey(), FaultCode.DOWNLOAD_FAILURE.code(),
                            "download interrupted by a restart", q.started(), CwmpDateTime.now()));
                    interrupted.add(q.commandKey());
                } else {
                    toRun.add(q);
                }
            }
            save();
        }
        interrupted.forEach(k -> device.transferFailed(events(k)));
        toRun.forEach(this::schedule);
    }

    /** Stops waiting and running downloads; they stay queued (a running one counts as interrupted next start). */
    public void stop() {
        List<Thread> ts;
        synchronized (this) {
            running = false;
            ts = List.copyOf(threads);
        }
        ts.forEach(Thread::interrupt);
    }

    /** Accepts a Download: queues it (persisted) and answers status 1 (it completes later). */
    public void accept(Download d) throws CpeFaultException {
        if (!FIRMWARE.equals(d.fileType())) {
            throw new CpeFaultException(FaultCode.UNSUPPORTED_TRANSFER_PROTOCOL,
                    "only \"" + FIRMWARE + "\" downloads are supported so far, not " + d.fileType());
        }
        Downloader.checkScheme(d.url());
        Queued q = new Queued(d.commandKey() == null ? "" : d.commandKey(), d.fileType(), d.url(),
                d.username() == null ? "" : d.username(), d.password() == null ? "" : d.password(), d.fileSize(),
                d.targetFileName() == null ? "" : d.targetFileName(),
                Instant.now().plusSeconds(Math.max(0, d.delaySeconds())).toString(), null);
        synchronized (this) {
            queued.add(q);
            save();
        }
        schedule(q);
    }

    /** The TransferCompletes to send in the next session, oldest first. */
    public synchronized List<TransferComplete> pendingRequests() {
        return completed.stream().map(c -> new TransferComplete(c.commandKey(),
                new FaultStruct(c.faultCode(), c.faultString()), c.startTime(), c.completeTime())).toList();
    }

    /** The ACS answered this TransferComplete: it is done with. */
    public synchronized void answered(TransferComplete tc) {
        if (completed.removeIf(c -> c.commandKey().equals(tc.commandKey()))) {
            save();
        }
    }

    /** True while this Inform event still waits for a TransferComplete to be answered (so it stays queued). */
    public synchronized boolean holds(EventStruct e) {
        if (e.eventCode().equals(EventCode.TRANSFER_COMPLETE)) {
            return !completed.isEmpty();
        }
        return e.eventCode().equals(EventCode.M_DOWNLOAD)
                && completed.stream().anyMatch(c -> c.commandKey().equals(e.commandKey()));
    }

    /** For GetAllQueuedTransfers: the Downloads accepted and not yet complete (state 1 waiting, 2 running). */
    public synchronized List<org.jcwmp.core.rpc.AllQueuedTransferStruct> queuedTransfers() {
        return queued.stream().map(q -> new org.jcwmp.core.rpc.AllQueuedTransferStruct(q.commandKey(),
                q.started() == null ? 1 : 2, true, q.fileType(), q.fileSize(), q.targetFileName())).toList();
    }

    /** The number of Downloads accepted and not yet complete. */
    public synchronized int queuedCount() {
        return queued.size();
    }

    private void schedule(Queued q) {
        synchronized (this) {
            if (!running) {
                return; // start() picks it up
            }
            Thread t = Thread.ofVirtual().name("cpe-download-" + q.commandKey()).unstarted(() -> run(q));
            threads.add(t);
            t.start();
        }
    }

    private void run(Queued q) {
        try {
            Duration wait = Duration.between(Instant.now(), Instant.parse(q.due()));
            if (!wait.isNegative()) {
                Thread.sleep(wait);
            }
            String start = CwmpDateTime.now();
            Queued running = new Queued(q.commandKey(), q.fileType(), q.url(), q.username(), q.password(),
                    q.fileSize(), q.targetFileName(), q.due(), start);
            synchronized (this) {
                if (!this.running || !queued.contains(q)) {
                    return;
                }
                queued.set(queued.indexOf(q), running);
                save();
            }
            Fault fault = null;
            String version = null;
            Path image = directory.resolve("download-" + Integer.toHexString(q.commandKey().hashCode()) + ".part");
            try {
                long n = downloader.fetch(q.url(), q.username(), q.password(), q.fileSize(), image);
                log.info("downloaded {} bytes from {}", n, q.url());
                version = installer.install(image, imageName(q));
            } catch (CpeFaultException e) {
                fault = e.fault();
                log.info("download {} failed: {} {}", q.commandKey(), fault.faultCode(), fault.faultString());
            } catch (RuntimeException e) {
                fault = new Fault(FaultCode.CPE_INTERNAL_ERROR, e.toString());
                log.error("download {} failed", q.commandKey(), e);
            } finally {
                try {
                    Files.deleteIfExists(image);
                } catch (IOException e) {
                    log.warn("cannot delete {}", image);
                }
            }
            if (Thread.currentThread().isInterrupted()) {
                return; // stopped meanwhile: reported as interrupted on the next start
            }
            Device d;
            synchronized (this) {
                if (!this.running) {
                    return;
                }
                queued.remove(running);
                completed.add(new Completed(q.commandKey(), fault == null ? 0 : fault.faultCode(),
                        fault == null ? "" : fault.faultString(), start, CwmpDateTime.now()));
                if (version != null) {
                    installedSoftwareVersion = version;
                }
                save();
                d = device;
            }
            if (fault == null) {
                d.firmwareInstalled(events(q.commandKey()));
            } else {
                d.transferFailed(events(q.commandKey()));
            }
        } catch (InterruptedException e) {
            // stopped
        } finally {
            synchronized (this) {
                threads.remove(Thread.currentThread());
            }
        }
    }

    private static List<EventStruct> events(String commandKey) {
        return List.of(new EventStruct(EventCode.TRANSFER_COMPLETE, ""), new EventStruct(EventCode.M_DOWNLOAD, commandKey));
    }

    private static String imageName(Queued q) {
        if (!q.targetFileName().isEmpty()) {
            return Path.of(q.targetFileName()).getFileName().toString();
        }
        String path = URI.create(q.url()).getPath();
        if (path == null || path.isEmpty()) {
            return "firmware";
        }
        return path.substring(path.lastIndexOf('/') + 1);
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
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.error("cannot write transfer state {}", file, e);
        }
    }
}
