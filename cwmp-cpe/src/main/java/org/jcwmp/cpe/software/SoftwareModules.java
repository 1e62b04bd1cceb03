package org.jcwmp.cpe.software;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jcwmp.core.rpc.AutonOpResultStruct;
import org.jcwmp.core.rpc.AutonomousDUStateChangeComplete;
import org.jcwmp.core.rpc.ChangeDUState;
import org.jcwmp.core.rpc.ChangeDUStateResponse;
import org.jcwmp.core.rpc.CwmpDateTime;
import org.jcwmp.core.rpc.CwmpRequest;
import org.jcwmp.core.rpc.DUStateChangeComplete;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.core.rpc.FaultStruct;
import org.jcwmp.core.rpc.OpResultStruct;
import org.jcwmp.core.rpc.ParameterInfoStruct;
import org.jcwmp.cpe.model.ChangeOrigin;
import org.jcwmp.cpe.model.CpeFaultException;
import org.jcwmp.cpe.model.DataModel;
import org.jcwmp.cpe.software.PendingChanges.Change;
import org.jcwmp.cpe.software.PendingChanges.Complete;
import org.jcwmp.cpe.software.PendingChanges.Operation;
import org.jcwmp.cpe.transfer.Downloader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Software module management (TR-069 ChangeDUState, TR-181 Device.SoftwareModules.): deployment units installed,
 * updated and uninstalled from the agent's package format ({@link DeploymentUnitPackage}) into an execution
 * environment, their execution units started and stopped through RequestedState.
 *
 * <p>A ChangeDUState is persisted, answered at once and run on its own thread; operations (the ACS's and the local
 * user's) run one at a time. Its results go in one DUStateChangeComplete, one OpResultStruct per deployment unit an
 * operation touched, announced by 11 DU STATE CHANGE COMPLETE and M ChangeDUState with the CommandKey; both events
 * and the request stay until the ACS answered it. Changes a local user makes through {@link #install},
 * {@link #update} and {@link #uninstall} are reported with 12 AUTONOMOUS DU STATE CHANGE COMPLETE and one
 * AutonomousDUStateChangeComplete.
 *
 * <p>The deployment and execution units live in the data model (persisted by the agent); the requests not yet done
 * and the results not yet answered in {@value PendingChanges#FILE_NAME}. An operation that was running when the agent
 * stopped is reported with a fault after the restart (9017 for Install and Update, 9001 for Uninstall: the codes
 * TR-069 allows in a DU result) and the request's remaining operations run then.
 */
public final class SoftwareModules {
    private static final Logger log = LoggerFactory.getLogger(SoftwareModules.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    private static final Pattern INSTANCE = Pattern.compile("[1-9][0-9]*\\.");
    private static final FaultStruct NO_FAULT = new FaultStruct(0, "");
    static final String INSTALL = "Install";
    static final String UPDATE = "Update";
    static final String UNINSTALL = "Uninstall";
    private static final String INSTALLED = "Installed";
    private static final String UNINSTALLED = "Uninstalled";
    private static final String FAILED = "Failed";

    private final DataModel model;
    private final Path directory;
    private final Downloader downloader;
    private final DeploymentUnitInstaller installer;
    private final String modules;
    private final String duTable;
    private final String euTable;
    private final String eeTable;
    /** Guarded by this. */
    private final PendingChanges pending;
    /** One operation at a time, in the order they came. */
    private final ReentrantLock operations = new ReentrantLock(true);
    private final Object executionUnits = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private Consumer<List<EventStruct>> inform;
    private boolean running;

    /** Thrown inside an operation once the agent stops: nothing more is changed or recorded. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /**
     * @param stateDirectory where {@value PendingChanges#FILE_NAME} lives
     * @param downloader     fetches packages (faults 9012-9018)
     */
    public SoftwareModules(DataModel model, Path stateDirectory, Downloader downloader,
                           DeploymentUnitInstaller installer) {
        this.model = model;
        this.directory = stateDirectory;
        this.downloader = downloader;
        this.installer = installer;
        this.modules = model.root() + "SoftwareModules.";
        this.duTable = modules + "DeploymentUnit.";
        this.euTable = modules + "ExecutionUnit.";
        this.eeTable = modules + "ExecEnv.";
        this.pending = new PendingChanges(stateDirectory);
        if (supported()) {
            model.onCommand(euTable + "{i}.RequestedState", new RequestedState());
        }
    }

    /** Whether the device's model has Device.SoftwareModules. with deployment units (TR-098 profiles do not). */
    public boolean supported() {
        return model.contains(duTable) && model.contains(euTable) && model.contains(eeTable);
    }

    // ---- lifecycle ----

    /**
     * Reports operations a restart interrupted, puts deployment and execution units left in a passing state back
     * in a lasting one, and runs the requests not yet done.
     *
     * @param inform queues Inform events together and wakes the session loop
     * @param queued the Inform events already queued (restored with the agent's state): a result recorded just
     *               before a crash, whose events did not reach the queue, gets them now
     */
    public void start(Consumer<List<EventStruct>> inform, List<EventStruct> queued) {
        List<Change> toRun;
        List<EventStruct> missing = new ArrayList<>();
        synchronized (this) {
            this.inform = inform;
            running = true;
            if (supported()) {
                repairModel();
            }
            for (Change c : List.copyOf(pending.changes)) {
                if (c.running() >= 0) {
                    Operation op = c.operations().get(c.running());
                    List<OpResultStruct> results = new ArrayList<>(c.results());
                    results.add(interrupted(op, c.runningSince()));
                    replace(new Change(c.id(), c.commandKey(), c.operations(), results, c.running() + 1, -1, null));
                }
            }
            pending.save();
            toRun = List.copyOf(pending.changes);
            List<EventStruct> announced = new ArrayList<>(queued);
            for (Complete c : pending.completes) {
                if (!announced.remove(new EventStruct(EventCode.M_CHANGE_DU_STATE, c.commandKey()))) {
                    missing.add(new EventStruct(EventCode.M_CHANGE_DU_STATE, c.commandKey()));
                }
            }
            if (!missing.isEmpty()) {
                missing.add(0, new EventStruct(EventCode.DU_STATE_CHANGE_COMPLETE, ""));
            }
            if (!pending.autonomous.isEmpty() && queued.stream()
                    .noneMatch(e -> e.eventCode().equals(EventCode.AUTONOMOUS_DU_STATE_CHANGE_COMPLETE))) {
                missing.add(new EventStruct(EventCode.AUTONOMOUS_DU_STATE_CHANGE_COMPLETE, ""));
            }
        }
        if (!missing.isEmpty()) {
            inform.accept(missing);
        }
        toRun.forEach(this::schedule);
    }

    /** Stops the running operations (each counts as interrupted on the next start) and waits a little for them. */
    public void stop() {
        List<Thread> ts;
        synchronized (this) {
            running = false;
            ts = List.copyOf(threads);
        }
        ts.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread t : ts) {
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    t.join(Duration.ofNanos(left));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---- the ACS's ChangeDUState ----

    /**
     * Accepts a ChangeDUState: persisted, run on its own thread, answered at once.
     *
     * @throws CpeFaultException 9003 for a request without operations, 9000 when the device has no software modules
     */
    public ChangeDUStateResponse changeDUState(ChangeDUState request) throws CpeFaultException {
        if (!supported()) {
            throw new CpeFaultException(FaultCode.CPE_METHOD_NOT_SUPPORTED, "no " + duTable);
        }
        if (request.operations().isEmpty()) {
            throw new CpeFaultException(FaultCode.CPE_INVALID_ARGUMENTS, "ChangeDUState without operations");
        }
        Change c;
        synchronized (this) {
            c = new Change(pending.nextId++, request.commandKey() == null ? "" : request.commandKey(),
                    request.operations().stream().map(Operation::of).toList(), List.of(), 0, -1, null);
            pending.changes.add(c);
            pending.save();
        }
        schedule(c);
        return new ChangeDUStateResponse();
    }

    private void schedule(Change c) {
        synchronized (this) {
            if (!running) {
                return; // start() picks it up
            }
            Thread t = Thread.ofVirtual().name("cpe-du-" + c.id()).unstarted(() -> run(c.id()));
            threads.add(t);
            t.start();
        }
    }

    private void run(long id) {
        try {
            operations.lockInterruptibly();
        } catch (InterruptedException e) {
            forget();
            return;
        }
        try {
            while (true) {
                Change c;
                Operation op;
                String start = CwmpDateTime.now();
                synchronized (this) {
                    if (!running) {
                        return;
                    }
                    c = find(id);
                    if (c == null) {
                        return;
                    }
                    if (c.done() >= c.operations().size()) {
                        break;
                    }
                    op = c.operations().get(c.done());
                    c = new Change(id, c.commandKey(), c.operations(), c.results(), c.done(), c.done(), start);
                    replace(c);
                    pending.save();
                }
                List<OpResultStruct> done = perform(op, start);
                synchronized (this) {
                    if (!running) {
                        return;
                    }
                    List<OpResultStruct> results = new ArrayList<>(c.results());
                    results.addAll(done);
                    replace(new Change(id, c.commandKey(), c.operations(), results, c.done() + 1, -1, null));
                    pending.save();
                }
            }
            Consumer<List<EventStruct>> to;
            String key;
            synchronized (this) {
                Change c = find(id);
                key = c.commandKey();
                pending.changes.remove(c);
                pending.completes.add(new Complete(key, c.results()));
                pending.save();
                to = inform;
            }
            log.info("ChangeDUState {} complete", key);
            to.accept(List.of(new EventStruct(EventCode.DU_STATE_CHANGE_COMPLETE, ""),
                    new EventStruct(EventCode.M_CHANGE_DU_STATE, key)));
        } catch (Stopped e) {
            // reported as interrupted on the next start
        } finally {
            operations.unlock();
            forget();
        }
    }

    private synchronized void forget() {
        threads.remove(Thread.currentThread());
    }

    private Change find(long id) {
        return pending.changes.stream().filter(c -> c.id() == id).findFirst().orElse(null);
    }

    private void replace(Change c) {
        for (int i = 0; i < pending.changes.size(); i++) {
            if (pending.changes.get(i).id() == c.id()) {
                pending.changes.set(i, c);
                return;
            }
        }
    }

    // ---- the session's outbox ----

    /**
     * The requests to send in a session whose Inform carried these events: each DUStateChangeComplete whose
     * M ChangeDUState was announced, and the autonomous results when 12 AUTONOMOUS DU STATE CHANGE COMPLETE was.
     */
    public synchronized List<CwmpRequest> pending(List<EventStruct> informEvents) {
        List<CwmpRequest> out = new ArrayList<>();
        // One M ChangeDUState announces one complete, also when two requests had the same CommandKey.
        List<EventStruct> announced = new ArrayList<>(informEvents);
        for (Complete c : pending.completes) {
            if (announced.remove(new EventStruct(EventCode.M_CHANGE_DU_STATE, c.commandKey()))) {
                out.add(new DUStateChangeComplete(c.results(), c.commandKey()));
            }
        }
        if (!pending.autonomous.isEmpty() && informEvents.stream()
                .anyMatch(e -> e.eventCode().equals(EventCode.AUTONOMOUS_DU_STATE_CHANGE_COMPLETE))) {
            out.add(new AutonomousDUStateChangeComplete(pending.autonomous));
        }
        return out;
    }

    /**
     * The ACS answered one of {@link #pending}'s requests: it is done with.
     *
     * @return the Inform events that no longer wait for an answer (to be removed from the queue)
     */
    public List<EventStruct> answered(CwmpRequest request) {
        List<EventStruct> released = new ArrayList<>();
        synchronized (this) {
            if (request instanceof DUStateChangeComplete dc) {
                String key = dc.commandKey() == null ? "" : dc.commandKey();
                if (pending.completes.remove(new Complete(key, dc.results()))) {
                    pending.save();
                    released.add(new EventStruct(EventCode.M_CHANGE_DU_STATE, key)); // one instance per complete
                    if (pending.completes.isEmpty()) {
                        released.add(new EventStruct(EventCode.DU_STATE_CHANGE_COMPLETE, ""));
                    }
                }
            } else if (request instanceof AutonomousDUStateChangeComplete ac) {
                if (pending.autonomous.removeAll(ac.results())) {
                    pending.save();
                    if (pending.autonomous.isEmpty()) {
                        released.add(new EventStruct(EventCode.AUTONOMOUS_DU_STATE_CHANGE_COMPLETE, ""));
                    }
                }
            }
        }
        return released;
    }

    /** True while this Inform event waits for a request of {@link #pending} to be answered (so it stays queued). */
    public synchronized boolean holds(EventStruct e) {
        return switch (e.eventCode()) {
            case EventCode.DU_STATE_CHANGE_COMPLETE -> !pending.completes.isEmpty();
            case EventCode.AUTONOMOUS_DU_STATE_CHANGE_COMPLETE -> !pending.autonomous.isEmpty();
            case EventCode.M_CHANGE_DU_STATE -> pending.completes.stream()
                    .anyMatch(c -> c.commandKey().equals(e.commandKey() == null ? "" : e.commandKey()));
            default -> false;
        };
    }

    // ---- autonomous changes (the device's local user) ----

    /**
     * Installs a deployment unit as the local user asks; the ACS hears of it through AutonomousDUStateChangeComplete
     * (success or failure). Blocks until done.
     *
     * @param executionEnvRef e.g. "Device.SoftwareModules.ExecEnv.1"; empty for the first enabled one
     * @return the result, as reported to the ACS
     */
    public List<AutonOpResultStruct> install(String url, String username, String password, String executionEnvRef) {
        return autonomous(new Operation(INSTALL, url, "", "", username, password, executionEnvRef));
    }

    /** Updates a deployment unit (by UUID) from a URL (empty: the one it was installed from). */
    public List<AutonOpResultStruct> update(String uuid, String url) {
        return autonomous(new Operation(UPDATE, url, uuid, "", "", "", ""));
    }

    /** Uninstalls a deployment unit (by UUID, every version). */
    public List<AutonOpResultStruct> uninstall(String uuid) {
        return autonomous(new Operation(UNINSTALL, "", uuid, "", "", "", ""));
    }

    private List<AutonOpResultStruct> autonomous(Operation op) {
        synchronized (this) {
            if (!running) {
                throw new IllegalStateException("the agent is not running");
            }
        }
        if (!supported()) {
            throw new IllegalStateException("the device has no " + duTable);
        }
        operations.lock();
        List<AutonOpResultStruct> results;
        List<AutonOpResultStruct> reported;
        Consumer<List<EventStruct>> to;
        try {
            results = perform(op, CwmpDateTime.now()).stream().map(r -> new AutonOpResultStruct(r.uuid(),
                    r.deploymentUnitRef(), r.version(), r.currentState(), r.resolved(), r.executionUnitRefList(),
                    r.startTime(), r.completeTime(), r.fault(), op.type())).toList();
            reported = results.stream().filter(this::reported).toList();
            synchronized (this) {
                if (!running) {
                    throw new IllegalStateException("the agent stopped during the operation");
                }
                pending.autonomous.addAll(reported);
                pending.save();
                to = inform;
            }
        } catch (Stopped e) {
            throw new IllegalStateException("the agent stopped during the operation");
        } finally {
            operations.unlock();
        }
        if (!reported.isEmpty()) {
            to.accept(List.of(new EventStruct(EventCode.AUTONOMOUS_DU_STATE_CHANGE_COMPLETE, "")));
        }
        return results;
    }

    /**
     * Whether ManagementServer.DUStateChangeComplPolicy lets the ACS hear of this autonomous result (every result
     * when the model has no such object).
     */
    private boolean reported(AutonOpResultStruct r) {
        String policy = model.root() + "ManagementServer.DUStateChangeComplPolicy.";
        if (!model.contains(policy)) {
            return true;
        }
        if (!value(policy + "Enable").equals("true")
                || !list(value(policy + "OperationTypeFilter")).contains(r.operationPerformed())) {
            return false;
        }
        String results = value(policy + "ResultTypeFilter");
        if (r.fault().faultCode() == 0) {
            return results.equals("Success") || results.equals("Both");
        }
        return (results.equals("Failure") || results.equals("Both"))
                && list(value(policy + "FaultCodeFilter")).contains(Integer.toString(r.fault().faultCode()));
    }

    // ---- the operations ----

    private List<OpResultStruct> perform(Operation op, String start) {
        try {
            return switch (op.type()) {
                case INSTALL -> List.of(install(op, start));
                case UPDATE -> update(op, start);
                case UNINSTALL -> uninstall(op, start);
                default -> List.of(failed(op.uuid(), "", op.version(), FAILED, start,
                        new CpeFaultException(FaultCode.CPE_INVALID_ARGUMENTS, "operation " + op.type())));
            };
        } catch (Stopped e) {
            throw e;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new Stopped();
            }
            log.error("{} of {} failed", op.type(), op.uuid().isEmpty() ? op.url() : op.uuid(), e);
            return List.of(failed(op.uuid(), "", op.version(), FAILED, start,
                    new CpeFaultException(FaultCode.CPE_REQUEST_DENIED, e.toString())));
        }
    }

    private OpResultStruct install(Operation op, String start) {
        String uuid = op.uuid().toLowerCase(Locale.ROOT);
        String version = "";
        try {
            if (!uuid.isEmpty() && !DeploymentUnitUuid.isValid(uuid)) {
                throw new CpeFaultException(FaultCode.INVALID_UUID_FORMAT, op.uuid());
            }
            String ee = executionEnv(op.executionEnvRef(), true);
            try (Fetched f = fetch(op.url(), op.username(), op.password())) {
                DeploymentUnitPackage pkg = f.pkg();
                version = pkg.version();
                if (uuid.isEmpty()) {
                    uuid = DeploymentUnitUuid.of(pkg.vendor(), pkg.name());
                }
                if (!deploymentUnits(uuid, "", ee).isEmpty()) {
                    throw new CpeFaultException(FaultCode.DUPLICATE_DEPLOYMENT_UNIT, uuid + " in " + ee);
                }
                checkRunning();
                Map<String, String> values = new LinkedHashMap<>();
                values.put("UUID", uuid);
                values.put("DUID", pkg.name().length() > 64 ? pkg.name().substring(0, 64) : pkg.name());
                values.put("Name", pkg.name());
                values.put("Status", "Installing");
                values.put("Resolved", "false");
                values.put("URL", op.url());
                values.put("Vendor", pkg.vendor());
                values.put("Version", pkg.version());
                values.put("Description", pkg.description());
                values.put("ExecutionEnvRef", ee);
                values.put("ExecutionUnitList", "");
                String du = model.addInstance(duTable, values, ChangeOrigin.AGENT);
                DeploymentUnitInstaller.DeploymentUnit unit =
                        new DeploymentUnitInstaller.DeploymentUnit(uuid, ee, op.url(), pkg);
                try {
                    device(() -> installer.install(unit, f.file()));
                } catch (CpeFaultException e) {
                    checkRunning();
                    model.deleteInstance(du, ChangeOrigin.AGENT);
                    throw e;
                }
                checkRunning();
                List<String> eus = new ArrayList<>();
                for (DeploymentUnitPackage.ExecutionUnitSpec spec : pkg.executionUnits()) {
                    eus.add(addExecutionUnit(du, uuid, ee, pkg, spec));
                    set(du + "ExecutionUnitList", String.join(",", eus));
                }
                set(du + "Resolved", "true");
                set(du + "Installed", CwmpDateTime.now());
                set(du + "Status", INSTALLED);
                activeExecutionUnitsChanged(ee);
                log.info("installed {} {} ({}) as {}", pkg.name(), pkg.version(), uuid, du);
                return new OpResultStruct(uuid, reference(du), pkg.version(), INSTALLED, true, String.join(",", eus),
                        start, CwmpDateTime.now(), NO_FAULT);
            }
        } catch (CpeFaultException e) {
            return failed(uuid, "", version, FAILED, start, e);
        }
    }

    private String addExecutionUnit(String du, String uuid, String ee, DeploymentUnitPackage pkg,
                                    DeploymentUnitPackage.ExecutionUnitSpec spec) {
        String id = lastSegment(ee) + "-" + uuid.substring(0, 8) + "-" + spec.name();
        String euid = id.length() > 64 ? id.substring(0, 64) : id;
        String status = "Idle";
        String faultCode = "NoFault";
        String faultMessage = "";
        if (spec.autoStart()) {
            try {
                device(() -> installer.start(euid));
                status = "Active";
            } catch (CpeFaultException e) {
                faultCode = "FailureOnAutoStart";
                faultMessage = shorten(e.fault().faultString());
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("EUID", euid);
        values.put("Name", spec.name());
        values.put("ExecEnvLabel", spec.name());
        values.put("Status", status);
        values.put("ExecutionFaultCode", faultCode);
        values.put("ExecutionFaultMessage", faultMessage);
        values.put("AutoStart", Boolean.toString(spec.autoStart()));
        values.put("Vendor", pkg.vendor());
        values.put("Version", spec.version());
        values.put("Description", spec.description());
        values.put("ExecutionEnvRef", ee);
        return reference(model.addInstance(euTable, values, ChangeOrigin.AGENT));
    }

    private List<OpResultStruct> update(Operation op, String start) {
        String uuid = op.uuid().toLowerCase(Locale.ROOT);
        if (!uuid.isEmpty() && !DeploymentUnitUuid.isValid(uuid)) {
            return List.of(failed(uuid, "", op.version(), FAILED, start,
                    new CpeFaultException(FaultCode.INVALID_UUID_FORMAT, op.uuid())));
        }
        List<String> targets;
        if (!uuid.isEmpty()) {
            targets = deploymentUnits(uuid, op.version(), "");
        } else if (!op.url().isEmpty()) {
            targets = instances(duTable).stream().filter(du -> value(du + "URL").equals(op.url())).toList();
        } else {
            targets = instances(duTable); // neither UUID nor URL: every deployment unit
        }
        if (targets.isEmpty()) {
            return List.of(failed(uuid, "", op.version(), FAILED, start, new CpeFaultException(
                    FaultCode.UNKNOWN_DEPLOYMENT_UNIT, uuid.isEmpty() ? op.url() : uuid)));
        }
        List<OpResultStruct> results = new ArrayList<>();
        for (String du : targets) {
            results.add(updateOne(du, op, start));
        }
        return results;
    }

    private OpResultStruct updateOne(String du, Operation op, String start) {
        String uuid = value(du + "UUID");
        String oldVersion = value(du + "Version");
        try {
            if (!value(du + "Status").equals(INSTALLED)) {
                throw new CpeFaultException(FaultCode.INVALID_DEPLOYMENT_UNIT_STATE, du + " is " + value(du + "Status"));
            }
            String url = op.url().isEmpty() ? value(du + "URL") : op.url();
            try (Fetched f = fetch(url, op.username(), op.password())) {
                DeploymentUnitPackage pkg = f.pkg();
                int order = compareVersions(pkg.version(), oldVersion);
                if (order == 0) {
                    throw new CpeFaultException(FaultCode.INVALID_DU_UPDATE_VERSION_EXISTS, pkg.version());
                }
                if (order < 0) {
                    throw new CpeFaultException(FaultCode.INVALID_DU_UPDATE_DOWNGRADE,
                            pkg.version() + " is older than " + oldVersion);
                }
                String ee = value(du + "ExecutionEnvRef");
                checkRunning();
                set(du + "Status", "Updating");
                try {
                    device(() -> installer.update(new DeploymentUnitInstaller.DeploymentUnit(uuid, ee, url, pkg),
                            f.file()));
                } catch (CpeFaultException e) {
                    checkRunning();
                    set(du + "Status", INSTALLED);
                    throw e;
                }
                checkRunning();
                // Execution units keep their instance (and state) when the new version still has them.
                Map<String, String> byName = new LinkedHashMap<>();
                for (String eu : list(value(du + "ExecutionUnitList"))) {
                    if (model.contains(eu + ".")) {
                        byName.put(value(eu + ".Name"), eu);
                    }
                }
                List<String> remaining = new ArrayList<>();
                for (DeploymentUnitPackage.ExecutionUnitSpec spec : pkg.executionUnits()) {
                    String eu = byName.remove(spec.name());
                    if (eu != null) {
                        set(eu + ".Version", spec.version());
                        set(eu + ".Description", spec.description());
                        set(eu + ".Vendor", pkg.vendor());
                        remaining.add(eu);
                    } else {
                        remaining.add(addExecutionUnit(du, uuid, ee, pkg, spec));
                    }
                }
                for (String gone : byName.values()) {
                    removeExecutionUnit(gone);
                }
                set(du + "ExecutionUnitList", String.join(",", remaining));
                set(du + "Name", pkg.name());
                set(du + "Vendor", pkg.vendor());
                set(du + "Description", pkg.description());
                set(du + "URL", url);
                set(du + "Version", pkg.version());
                set(du + "LastUpdate", CwmpDateTime.now());
                set(du + "Resolved", "true");
                set(du + "Status", INSTALLED);
                activeExecutionUnitsChanged(ee);
                log.info("updated {} from {} to {}", du, oldVersion, pkg.version());
                return new OpResultStruct(uuid, reference(du), pkg.version(), INSTALLED, true,
                        String.join(",", remaining), start, CwmpDateTime.now(), NO_FAULT);
            }
        } catch (CpeFaultException e) {
            return failed(uuid, reference(du), oldVersion, stateOf(du), start, e);
        }
    }

    private List<OpResultStruct> uninstall(Operation op, String start) {
        String uuid = op.uuid().toLowerCase(Locale.ROOT);
        try {
            if (!DeploymentUnitUuid.isValid(uuid)) {
                throw new CpeFaultException(FaultCode.INVALID_UUID_FORMAT, "\"" + op.uuid() + "\"");
            }
            String ee = op.executionEnvRef().isEmpty() ? "" : executionEnv(op.executionEnvRef(), false);
            List<String> matches = deploymentUnits(uuid, op.version(), "");
            if (matches.isEmpty()) {
                throw new CpeFaultException(FaultCode.UNKNOWN_DEPLOYMENT_UNIT, uuid
                        + (op.version().isEmpty() ? "" : " version " + op.version()));
            }
            if (!ee.isEmpty()) {
                matches = matches.stream().filter(du -> value(du + "ExecutionEnvRef").equals(ee)).toList();
                if (matches.isEmpty()) {
                    throw new CpeFaultException(FaultCode.DEPLOYMENT_UNIT_EE_MISMATCH, uuid + " is not in " + ee);
                }
            }
            List<OpResultStruct> results = new ArrayList<>();
            for (String du : matches) {
                results.add(uninstallOne(du, start));
            }
            return results;
        } catch (CpeFaultException e) {
            return List.of(failed(uuid, "", op.version(), FAILED, start, e));
        }
    }

    private OpResultStruct uninstallOne(String du, String start) {
        String uuid = value(du + "UUID");
        String version = value(du + "Version");
        try {
            if (!value(du + "Status").equals(INSTALLED)) {
                throw new CpeFaultException(FaultCode.INVALID_DEPLOYMENT_UNIT_STATE, du + " is " + value(du + "Status"));
            }
            String ee = value(du + "ExecutionEnvRef");
            checkRunning();
            set(du + "Status", "Uninstalling");
            List<String> eus = list(value(du + "ExecutionUnitList"));
            DeploymentUnitInstaller.DeploymentUnit unit = new DeploymentUnitInstaller.DeploymentUnit(uuid, ee,
                    value(du + "URL"), new DeploymentUnitPackage(value(du + "Name"), value(du + "Vendor"), version,
                    value(du + "Description"), List.of()));
            try {
                device(() -> installer.uninstall(unit));
            } catch (CpeFaultException e) {
                checkRunning();
                set(du + "Status", INSTALLED);
                throw e;
            }
            checkRunning();
            for (String eu : eus) {
                removeExecutionUnit(eu);
            }
            model.deleteInstance(du, ChangeOrigin.AGENT);
            activeExecutionUnitsChanged(ee);
            log.info("uninstalled {} ({} {})", du, uuid, version);
            return new OpResultStruct(uuid, reference(du), version, UNINSTALLED, false, String.join(",", eus), start,
                    CwmpDateTime.now(), NO_FAULT);
        } catch (CpeFaultException e) {
            return failed(uuid, reference(du), version, stateOf(du), start, e);
        }
    }

    /** A call into the installer. */
    @FunctionalInterface
    private interface DeviceCall {
        void run() throws CpeFaultException;
    }

    /** Runs an installer call; an installer that breaks (an unchecked exception) fails the operation with 9001. */
    private static void device(DeviceCall call) throws CpeFaultException {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("the deployment unit installer failed", e);
            throw new CpeFaultException(FaultCode.CPE_REQUEST_DENIED, "installer failed: " + e);
        }
    }

    private void removeExecutionUnit(String eu) {
        String path = eu + ".";
        if (!model.contains(path)) {
            return;
        }
        if (!value(path + "Status").equals("Idle")) {
            try {
                String euid = value(path + "EUID");
                device(() -> installer.stop(euid));
            } catch (CpeFaultException e) {
                log.warn("{} did not stop before its removal: {}", eu, e.getMessage());
            }
        }
        model.deleteInstance(path, ChangeOrigin.AGENT);
    }

    /** The result of an operation that failed; fault 9010 becomes 9017, as a DU result may not carry 9010. */
    private static OpResultStruct failed(String uuid, String du, String version, String state, String start,
                                         CpeFaultException e) {
        int code = e.fault().faultCode();
        if (code == FaultCode.DOWNLOAD_FAILURE.code()) {
            code = FaultCode.DOWNLOAD_INCOMPLETE.code();
        }
        log.info("DU operation on {} failed: {} {}", uuid.isEmpty() ? "?" : uuid, code, e.fault().faultString());
        return new OpResultStruct(uuid, du, version, state, false, "", start, CwmpDateTime.now(),
                new FaultStruct(code, e.fault().faultString()));
    }

    private OpResultStruct interrupted(Operation op, String since) {
        String uuid = op.uuid().toLowerCase(Locale.ROOT);
        List<String> dus = DeploymentUnitUuid.isValid(uuid) ? deploymentUnits(uuid, op.version(), "") : List.of();
        String du = dus.isEmpty() ? "" : dus.getFirst();
        String state = !du.isEmpty() ? stateOf(du) : op.type().equals(UNINSTALL) ? UNINSTALLED : FAILED;
        FaultCode code = op.type().equals(UNINSTALL) ? FaultCode.CPE_REQUEST_DENIED : FaultCode.DOWNLOAD_INCOMPLETE;
        CpeFaultException e = new CpeFaultException(code, op.type() + " interrupted by a restart of the device");
        return failed(uuid, reference(du), du.isEmpty() ? op.version() : value(du + "Version"), state,
                since == null ? CwmpDateTime.UNKNOWN : since, e);
    }

    /** A DU's lasting state for a result: Installed while it exists. */
    private String stateOf(String du) {
        return model.contains(du) ? INSTALLED : UNINSTALLED;
    }

    /** Undoes what a stop left half done: a DU being installed goes, one being updated or removed stays as it was. */
    private void repairModel() {
        for (String du : instances(duTable)) {
            String status = value(du + "Status");
            switch (status) {
                case "Installing" -> {
                    list(value(du + "ExecutionUnitList")).forEach(this::removeExecutionUnit);
                    model.deleteInstance(du, ChangeOrigin.AGENT);
                }
                case "Updating", "Uninstalling" -> set(du + "Status", INSTALLED);
                default -> {
                }
            }
        }
        for (String eu : instances(euTable)) {
            String status = value(eu + "Status");
            if (status.equals("Starting") || status.equals("Stopping")) {
                set(eu + "Status", "Idle");
            }
        }
    }

    // ---- execution units: RequestedState ----

    /** RequestedState (a command parameter): Active starts an Idle unit, Idle stops an Active one. */
    private final class RequestedState implements DataModel.CommandHandler {
        @Override
        public Optional<String> check(String path, String value) {
            String eu = path.substring(0, path.length() - "RequestedState".length());
            String ee = model.find(eu + "ExecutionEnvRef").orElse("");
            if (!ee.isEmpty() && model.find(ee + ".Enable").orElse("true").equals("false")) {
                return Optional.of("execution environment " + ee + " is disabled");
            }
            if (value.equals("Active") && model.find(eu + "Status").orElse("").equals("Stopping")) {
                return Optional.of(reference(eu) + " is stopping");
            }
            return Optional.empty();
        }

        @Override
        public void run(String path, String value) {
            String eu = path.substring(0, path.length() - "RequestedState".length());
            requestState(eu, value);
        }
    }

    private void requestState(String eu, String requested) {
        synchronized (executionUnits) {
            if (!model.contains(eu)) {
                return;
            }
            String status = value(eu + "Status");
            String euid = value(eu + "EUID");
            try {
                if (requested.equals("Active") && status.equals("Idle")) {
                    device(() -> installer.start(euid));
                    set(eu + "ExecutionFaultCode", "NoFault");
                    set(eu + "ExecutionFaultMessage", "");
                    set(eu + "Status", "Active");
                } else if (requested.equals("Idle") && (status.equals("Active") || status.equals("Starting"))) {
                    device(() -> installer.stop(euid));
                    set(eu + "Status", "Idle");
                } else {
                    return; // nothing to do: TR-181 says the request is ignored
                }
            } catch (CpeFaultException e) {
                set(eu + "ExecutionFaultCode", requested.equals("Active") ? "FailureOnStart" : "FailureOnStop");
                set(eu + "ExecutionFaultMessage", shorten(e.fault().faultString()));
            }
            activeExecutionUnitsChanged(value(eu + "ExecutionEnvRef"));
        }
    }

    /** ExecEnv.{i}.ActiveExecutionUnits lists the environment's running units. */
    private void activeExecutionUnitsChanged(String ee) {
        String list = ee + ".ActiveExecutionUnits";
        if (ee.isEmpty() || !model.contains(list)) {
            return;
        }
        List<String> active = instances(euTable).stream()
                .filter(eu -> value(eu + "ExecutionEnvRef").equals(ee) && value(eu + "Status").equals("Active"))
                .map(SoftwareModules::reference).toList();
        set(list, String.join(",", active));
    }

    // ---- helpers ----

    /** A downloaded package; the file goes when closed. */
    private record Fetched(Path file, DeploymentUnitPackage pkg) implements AutoCloseable {
        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("cannot delete {}", file);
            }
        }
    }

    private Fetched fetch(String url, String username, String password) throws CpeFaultException {
        if (url == null || url.isEmpty()) {
            throw new CpeFaultException(FaultCode.CPE_INVALID_ARGUMENTS, "no URL");
        }
        Path file;
        try {
            Files.createDirectories(directory);
            file = Files.createTempFile(directory, "du-", ".part");
        } catch (IOException e) {
            throw new CpeFaultException(FaultCode.CPE_RESOURCES_EXCEEDED, "cannot store the package: " + e);
        }
        try {
            downloader.fetch(url, username, password, 0, file);
            checkRunning();
            return new Fetched(file, DeploymentUnitPackage.read(file));
        } catch (CpeFaultException | RuntimeException e) {
            new Fetched(file, null).close();
            throw e;
        }
    }

    /**
     * The execution environment an operation names, as a reference without the trailing dot. Accepts
     * "Device.SoftwareModules.ExecEnv.1", with a trailing dot, or relative ".SoftwareModules.ExecEnv.1."; empty
     * means the first enabled one.
     *
     * @throws CpeFaultException 9023 unknown, 9024 disabled (when {@code enabled} is asked for)
     */
    private String executionEnv(String ref, boolean enabled) throws CpeFaultException {
        String r = ref == null ? "" : ref.strip();
        if (r.isEmpty()) {
            List<String> all = instances(eeTable);
            if (all.isEmpty()) {
                throw new CpeFaultException(FaultCode.UNKNOWN_EXECUTION_ENVIRONMENT, "the device has none");
            }
            return reference(all.stream().filter(ee -> value(ee + "Enable").equals("true")).findFirst()
                    .orElseThrow(() -> new CpeFaultException(FaultCode.DISABLED_EXECUTION_ENVIRONMENT,
                            "every execution environment is disabled")));
        }
        if (r.startsWith(".")) {
            r = model.root().substring(0, model.root().length() - 1) + r;
        }
        if (!r.endsWith(".")) {
            r = r + ".";
        }
        if (!r.startsWith(eeTable) || !INSTANCE.matcher(r.substring(eeTable.length())).matches()
                || !model.contains(r)) {
            throw new CpeFaultException(FaultCode.UNKNOWN_EXECUTION_ENVIRONMENT, ref);
        }
        if (enabled && !value(r + "Enable").equals("true")) {
            throw new CpeFaultException(FaultCode.DISABLED_EXECUTION_ENVIRONMENT, ref);
        }
        return reference(r);
    }

    /** Deployment unit instances (paths with the trailing dot) with this UUID and, when given, version and EE. */
    private List<String> deploymentUnits(String uuid, String version, String ee) {
        return instances(duTable).stream()
                .filter(du -> value(du + "UUID").equalsIgnoreCase(uuid))
                .filter(du -> version.isEmpty() || value(du + "Version").equals(version))
                .filter(du -> ee.isEmpty() || value(du + "ExecutionEnvRef").equals(ee))
                .toList();
    }

    private List<String> instances(String table) {
        try {
            return model.getParameterNames(table, true).stream().map(ParameterInfoStruct::name)
                    .filter(n -> n.endsWith(".")).toList();
        } catch (CpeFaultException e) {
            return List.of();
        }
    }

    private void checkRunning() {
        synchronized (this) {
            if (!running) {
                throw new Stopped();
            }
        }
    }

    private String value(String path) {
        return model.find(path).orElse("");
    }

    private void set(String path, String value) {
        if (model.contains(path)) {
            model.setValue(path, value, ChangeOrigin.AGENT);
        }
    }

    private static List<String> list(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            String t = s.strip();
            if (!t.isEmpty()) {
                out.add(t.endsWith(".") ? t.substring(0, t.length() - 1) : t);
            }
        }
        return out;
    }

    /** An object's reference as TR-181 writes it: its path without the trailing dot. */
    private static String reference(String objectPath) {
        return objectPath.endsWith(".") ? objectPath.substring(0, objectPath.length() - 1) : objectPath;
    }

    private static String lastSegment(String reference) {
        return reference.substring(reference.lastIndexOf('.') + 1);
    }

    private static String shorten(String s) {
        return s.length() > 256 ? s.substring(0, 256) : s;
    }

    /**
     * Compares versions segment by segment (split at '.', '-', '_'): numbers as numbers, other segments as text; a
     * version that is a prefix of the other is older ("1.2" before "1.2.1").
     */
    static int compareVersions(String a, String b) {
        String[] x = a.split("[._-]");
        String[] y = b.split("[._-]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c;
            if (x[i].matches("[0-9]{1,18}") && y[i].matches("[0-9]{1,18}")) {
                c = Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
