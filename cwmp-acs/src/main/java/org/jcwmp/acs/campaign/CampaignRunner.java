package org.jcwmp.acs.campaign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jcwmp.acs.files.FileServer;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.store.DeviceSearch;
import org.jcwmp.acs.store.DeviceStore;
import org.jcwmp.acs.store.StoredFile;
import org.jcwmp.acs.task.Task;
import org.jcwmp.acs.task.TaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Drives campaigns, one round per interval on one scheduler thread: records the outcome of devices whose Download
 * task finished (done: succeeded, failed: failed with the fault), halts a campaign whose failure rate passed its
 * threshold, then starts the next pending devices within maxConcurrent (batchSize per round), and completes a
 * campaign with nothing left. All state is in the store, so a restarted ACS carries on where it stopped.
 */
public final class CampaignRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);
    static final List<String> SOFTWARE_VERSION = List.of("Device.DeviceInfo.SoftwareVersion",
            "InternetGatewayDevice.DeviceInfo.SoftwareVersion");

    private final CampaignService campaigns;
    private final CampaignStore store;
    private final TaskService tasks;
    private final DeviceStore devices;
    private final DeviceSearch search;
    private final Supplier<FileServer> files;
    private final Consumer<List<Device>> connectionRequests;
    private volatile Duration takeTimeout = Duration.ofHours(1);
    private ScheduledExecutorService scheduler;

    public CampaignRunner(CampaignService campaigns, TaskService tasks, DeviceStore devices, DeviceSearch search,
                          Supplier<FileServer> files, Consumer<List<Device>> connectionRequests) {
        this.campaigns = campaigns;
        this.store = campaigns.store();
        this.tasks = tasks;
        this.devices = devices;
        this.search = search;
        this.files = files;
        this.connectionRequests = connectionRequests;
    }

    /**
     * How long a started device may leave its Download queued (it does not connect) before it fails with fault 8800
     * and its Download is withdrawn, so that offline devices do not hold the campaign's slots; AcsServer sets its
     * transfer timeout (default 1 h).
     */
    public void takeTimeout(Duration timeout) {
        this.takeTimeout = timeout;
    }

    /** Runs a round every interval until closed. */
    public synchronized void start(Duration interval) {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("campaign-runner")
                .factory());
        long ms = Math.max(10, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::roundSafely, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    private void roundSafely() {
        try {
            round();
        } catch (RuntimeException e) {
            log.warn("campaign round failed; the next one tries again: {}", e.toString());
        }
    }

    /** One round over every campaign with work (public for tests that drive the runner themselves). */
    public void round() {
        for (Campaign c : store.active()) {
            step(c);
        }
    }

    private void step(Campaign c) {
        boolean changed = recordOutcomes(c);
        CampaignCounts n = store.counts(c.id());
        if (c.status() == CampaignStatus.RUNNING && n.finished() >= c.minSample()
                && n.failureRate() > c.failureThreshold()) {
            String reason = String.format("%d of %d finished devices failed (%.1f%%), more than the threshold %.1f%%",
                    n.failed(), n.finished(), 100 * n.failureRate(), 100 * c.failureThreshold());
            if (store.changeStatus(c.id(), List.of(CampaignStatus.RUNNING), CampaignStatus.HALTED, reason,
                    Instant.now())) {
                log.warn("campaign {} \"{}\" halted: {}", c.id(), c.name(), reason);
                campaigns.published(store.find(c.id()).orElseThrow());
                return;
            }
        }
        if (c.status() == CampaignStatus.RUNNING) {
            changed |= startDevices(c, n);
            n = store.counts(c.id());
            if (n.pending() == 0 && n.inProgress() == 0
                    && store.changeStatus(c.id(), List.of(CampaignStatus.RUNNING), CampaignStatus.COMPLETED, null,
                    Instant.now())) {
                log.info("campaign {} \"{}\" completed: {} succeeded, {} failed", c.id(), c.name(), n.succeeded(),
                        n.failed());
                changed = true;
            }
        }
        if (changed) {
            campaigns.published(store.find(c.id()).orElseThrow());
        }
    }

    /** Devices whose task finished get their outcome; true when there was any. */
    private boolean recordOutcomes(Campaign c) {
        if (c.status() == CampaignStatus.CANCELLED) {
            // a cancelled campaign sends no more Downloads: those not taken yet are withdrawn
            for (CampaignStore.UntakenTask u : store.untakenTasks(c.id(), Instant.now().plusSeconds(1))) {
                if (tasks.withdraw(u.taskId(), "the campaign was cancelled before the device took its Download")
                        .isPresent()) {
                    store.finish(c.id(), u.deviceId(), CampaignDeviceState.CANCELLED, null, null,
                            "cancelled before the device took its Download", Instant.now());
                }
            }
        }
        for (CampaignStore.UntakenTask u : store.untakenTasks(c.id(), Instant.now().minus(takeTimeout))) {
            tasks.withdraw(u.taskId(), "the device did not connect to take its Download within " + takeTimeout);
        }
        List<CampaignStore.FinishedTask> finished = store.finishedTasks(c.id());
        Instant now = Instant.now();
        for (CampaignStore.FinishedTask f : finished) {
            if (f.done()) {
                store.finish(c.id(), f.deviceId(), CampaignDeviceState.SUCCEEDED, null, null, null, now);
            } else {
                store.finish(c.id(), f.deviceId(), CampaignDeviceState.FAILED, f.faultCode(), f.faultString(), null,
                        now);
            }
        }
        return !finished.isEmpty();
    }

    /** Starts up to batchSize pending devices while fewer than maxConcurrent are in progress. */
    private boolean startDevices(Campaign c, CampaignCounts n) {
        long room = Math.min(c.batchSize(), c.maxConcurrent() - n.inProgress());
        if (room <= 0 || n.pending() == 0) {
            return false;
        }
        FileServer server = files.get();
        Optional<StoredFile> file = server == null ? Optional.empty() : server.repository().file(c.fileName());
        if (file.isEmpty()) {
            String reason = "the file \"" + c.fileName() + "\" is no longer on the file server";
            store.changeStatus(c.id(), List.of(CampaignStatus.RUNNING), CampaignStatus.HALTED, reason, Instant.now());
            log.warn("campaign {} halted: {}", c.id(), reason);
            return true;
        }
        List<Device> requested = new ArrayList<>();
        int started = 0;
        boolean changed = false;
        // devices already on the version finish at once and take no room: look further until the batch is full
        while (started < room) {
            List<String> next = store.pending(c.id(), (int) room - started);
            if (next.isEmpty()) {
                break;
            }
            Map<String, String> versions = search.values(next, SOFTWARE_VERSION);
            for (String deviceId : next) {
                Instant now = Instant.now();
                if (c.fileVersion() != null && c.fileVersion().equals(versions.get(deviceId))) {
                    store.finish(c.id(), deviceId, CampaignDeviceState.SUCCEEDED, null, null,
                            "already on " + c.fileVersion(), now);
                    changed = true;
                    continue;
                }
                if (!store.claim(c.id(), deviceId, now)) {
                    return changed; // paused, cancelled or taken by another node meanwhile
                }
                changed = true;
                started++;
                try {
                    ObjectNode download = server.offers().downloadTask(file.get(), "");
                    download.remove("commandKey"); // the task's own "task-<id>", to match its TransferComplete
                    Task t = tasks.queue(deviceId, download);
                    store.taskQueued(c.id(), deviceId, t.id());
                    if (c.connectionRequest()) {
                        devices.find(deviceId).ifPresent(requested::add);
                    }
                } catch (RuntimeException e) {
                    store.finish(c.id(), deviceId, CampaignDeviceState.FAILED, null,
                            "the ACS could not queue the Download: " + e.getMessage(), null, Instant.now());
                }
            }
        }
        if (!requested.isEmpty()) {
            connectionRequests.accept(requested);
        }
        return changed;
    }
}
