package org.jcwmp.acs.provision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jcwmp.acs.AcsListener;
import org.jcwmp.acs.events.AcsEvents;
import org.jcwmp.acs.metrics.AcsMetrics;
import org.jcwmp.acs.query.DeviceView;
import org.jcwmp.acs.query.QueryMatcher;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.store.DeviceStore;
import org.jcwmp.acs.store.FaultStore;
import org.jcwmp.acs.store.PresetStore;
import org.jcwmp.acs.store.StoredParameter;
import org.jcwmp.acs.store.TagStore;
import org.jcwmp.acs.task.TaskService;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Inform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provisioning engine. At each Inform (before InformResponse) it picks the presets whose events and
 * precondition match, merges their wanted state, and queues the RPCs {@link Planner} computes, so that they run in
 * the same session. When an AddObject or a table read had to go first, it looks again once the queue drains.
 * A preset with an open fault on the device is skipped until the fault is retried or cleared.
 */
public final class Provisioner implements SessionHook, AcsListener {
    private static final Logger log = LoggerFactory.getLogger(Provisioner.class);
    private static final int MAX_ROUNDS = 4;
    private static final Duration CACHE = Duration.ofSeconds(2);

    private final PresetStore presetStore;
    private final DeviceStore devices;
    private final TagStore tags;
    private final FaultStore faults;
    private final TaskService tasks;
    private final AcsEvents events;
    private final AcsMetrics metrics;
    private final ObjectMapper json;
    private final Planner planner;
    private final Map<String, SessionState> sessions = new ConcurrentHashMap<>();
    private volatile FirmwareImages firmwareImages = (oui, productClass, version) -> Optional.empty();
    private volatile List<Preset> cached;
    private volatile long cachedAtNanos;

    public Provisioner(PresetStore presetStore, DeviceStore devices, TagStore tags, FaultStore faults, TaskService tasks,
                       AcsEvents events, AcsMetrics metrics, ObjectMapper json) {
        this.presetStore = presetStore;
        this.devices = devices;
        this.tags = tags;
        this.faults = faults;
        this.tasks = tasks;
        this.events = events;
        this.metrics = metrics;
        this.json = json;
        this.planner = new Planner(json);
    }

    /** The presets, lightest first; read from the store at most every two seconds (other nodes may change them). */
    public List<Preset> presets() {
        List<Preset> p = cached;
        if (p == null || System.nanoTime() - cachedAtNanos > CACHE.toNanos()) {
            List<Preset> loaded = new ArrayList<>();
            presetStore.all().forEach((name, definition) -> {
                try {
                    loaded.add(PresetParser.parse(name, json.readTree(definition)));
                } catch (Exception e) {
                    log.warn("preset {} is not valid and is skipped: {}", name, e.getMessage());
                }
            });
            loaded.sort(Comparator.comparingInt(Preset::weight).thenComparing(Preset::name));
            p = List.copyOf(loaded);
            cached = p;
            cachedAtNanos = System.nanoTime();
        }
        return p;
    }

    /** Where a preset's wanted softwareVersion comes from: a "download" task for a device, if a file fits. */
    @FunctionalInterface
    public interface FirmwareImages {
        Optional<ObjectNode> downloadTask(String oui, String productClass, String version);
    }

    /** The file server's firmware images (without one, a wanted softwareVersion is only noted). */
    public void firmwareImages(FirmwareImages images) {
        this.firmwareImages = images;
    }

    /** Forgets the cached presets (after a change through this node's NBI). */
    public void invalidate() {
        cached = null;
    }

    @Override
    public void informReceived(Device device, Inform inform) {
        try {
            List<Preset> all = presets();
            if (all.isEmpty()) {
                sessions.remove(device.id());
                return;
            }
            if (sessions.size() > 10_000) {
                long old = System.nanoTime() - Duration.ofMinutes(10).toNanos();
                sessions.values().removeIf(s -> s.startedNanos - old < 0);
            }
            SessionState state = new SessionState(inform.event().stream().map(EventStruct::eventCode).toList());
            sessions.put(device.id(), state);
            run(device, state, all);
        } catch (RuntimeException e) {
            // Provisioning must never break the session: the device is answered and the error logged.
            log.warn("provisioning {} failed", device.id(), e);
        }
    }

    @Override
    public boolean drained(String deviceId) {
        SessionState state = sessions.get(deviceId);
        if (state == null || !state.recheck || state.rounds >= MAX_ROUNDS) {
            return false;
        }
        try {
            Device device = devices.find(deviceId).orElse(null);
            return device != null && run(device, state, presets());
        } catch (RuntimeException e) {
            log.warn("provisioning {} failed", deviceId, e);
            return false;
        }
    }

    @Override
    public void sessionEnded(String deviceId) {
        sessions.remove(deviceId);
    }

    /** One round: returns true when it queued RPCs. */
    private boolean run(Device device, SessionState state, List<Preset> all) {
        long start = System.nanoTime();
        state.rounds++;
        state.recheck = false;
        Set<String> faulty = new HashSet<>(faults.channels(device.id()));
        List<Preset> eligible = all.stream().filter(p -> !faulty.contains(p.channel()))
                .filter(p -> p.events().isEmpty() || p.events().stream().anyMatch(state.events::contains)).toList();
        if (eligible.isEmpty()) {
            return false;
        }
        Planner.Stored stored = load(device);
        DeviceView view = new DeviceView(device, stored.values(), stored.tags());
        List<Preset> matching = eligible.stream().filter(p -> QueryMatcher.matches(p.precondition(), view)).toList();
        if (matching.isEmpty()) {
            return false;
        }
        Planner.Plan plan = planner.plan(matching, stored, state);
        if (plan.firmware() != null) {
            firmware(device, plan);
        }
        if (!plan.addTags().isEmpty() || !plan.removeTags().isEmpty()) {
            tags.change(device.id(), plan.addTags(), plan.removeTags());
        }
        int queued = 0;
        for (ObjectNode task : plan.tasks()) {
            try {
                tasks.queue(device.id(), task);
                queued++;
            } catch (IllegalArgumentException e) {
                // The ACS refuses the task (e.g. a value the data model does not allow): the presets get a fault.
                task.path("presets").forEach(p -> refused(device.id(), p.asText(), e.getMessage()));
            }
        }
        state.recheck = plan.recheck();
        plan.notes().forEach(n -> log.info("provisioning {}: {}", device.id(), n));
        if (events != null && (!plan.tasks().isEmpty() || !plan.addTags().isEmpty() || !plan.removeTags().isEmpty()
                || !plan.notes().isEmpty())) {
            ObjectNode data = json.createObjectNode();
            matching.forEach(p -> data.withArray("presets").add(p.name()));
            plan.tasks().forEach(t -> data.withArray("rpcs").add(t.get("name").asText()));
            plan.addTags().forEach(t -> data.withArray("tagsAdded").add(t));
            plan.removeTags().forEach(t -> data.withArray("tagsRemoved").add(t));
            plan.notes().forEach(n -> data.withArray("notes").add(n));
            data.put("round", state.rounds);
            events.provisioning(device.id(), data);
        }
        if (metrics != null) {
            metrics.provisioning(Duration.ofNanos(System.nanoTime() - start), plan.tasks().size());
        }
        return queued > 0;
    }

    /**
     * Queues the Download of the wanted firmware image, once: not while a Download is queued or running for the
     * device (the image installs, the device reboots and informs its new version), and not again after one failed
     * (the preset's fault holds it until retried or cleared).
     */
    private void firmware(Device device, Planner.Plan plan) {
        Planner.Firmware want = plan.firmware();
        boolean busy = tasks.forDevice(device.id()).stream()
                .anyMatch(t -> t.name().equals("download") && !t.status().finished());
        if (busy) {
            return;
        }
        Optional<ObjectNode> task = firmwareImages.downloadTask(device.deviceId().oui(), device.deviceId().productClass(),
                want.version());
        if (task.isEmpty()) {
            plan.notes().add("software version " + want.version() + " wanted by " + want.preset()
                    + ", but no firmware image of that version fits " + device.deviceId().productClass());
            return;
        }
        task.get().putArray("presets").add(want.preset());
        plan.tasks().add(task.get());
    }

    private void refused(String deviceId, String preset, String why) {
        var f = faults.open(deviceId, "preset:" + preset, null, null, "the ACS refused the preset's task: " + why, null, 0,
                java.time.Instant.now());
        if (events != null) {
            events.fault(f, "opened");
        }
    }

    /** One read of the device's parameters and tags per round. */
    private Planner.Stored load(Device device) {
        List<StoredParameter> params = metrics == null ? devices.parameters(device.id(), "")
                : metrics.store("provisioning_load", () -> devices.parameters(device.id(), ""));
        Map<String, String> values = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (StoredParameter p : params) {
            names.add(p.name());
            if (p.value() != null) {
                values.put(p.name(), p.value());
            }
            if (p.type() != null) {
                types.put(p.name(), p.type());
            }
        }
        return new Planner.Stored(values, types, names, tags.tags(device.id()));
    }
}
