package org.jcwmp.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jcwmp.core.datamodel.ParameterSchema;
import org.jcwmp.core.datamodel.ParameterType;
import org.jcwmp.core.rpc.AddObject;
import org.jcwmp.core.rpc.CwmpDateTime;
import org.jcwmp.core.rpc.CwmpMessage;
import org.jcwmp.core.rpc.CwmpRequest;
import org.jcwmp.core.rpc.DeleteObject;
import org.jcwmp.core.rpc.Download;
import org.jcwmp.core.rpc.DownloadResponse;
import org.jcwmp.core.rpc.FaultStruct;
import org.jcwmp.core.rpc.TransferComplete;
import org.jcwmp.cpe.transfer.FirmwareInstaller;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.FactoryReset;
import org.jcwmp.core.rpc.FactoryResetResponse;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.core.rpc.GetParameterAttributes;
import org.jcwmp.core.rpc.GetParameterAttributesResponse;
import org.jcwmp.core.rpc.GetParameterNames;
import org.jcwmp.core.rpc.GetParameterNamesResponse;
import org.jcwmp.core.rpc.GetParameterValues;
import org.jcwmp.core.rpc.GetParameterValuesResponse;
import org.jcwmp.core.rpc.GetRPCMethods;
import org.jcwmp.core.rpc.GetRPCMethodsResponse;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.ParameterAttributeStruct;
import org.jcwmp.core.rpc.ParameterInfoStruct;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.Reboot;
import org.jcwmp.core.rpc.RebootResponse;
import org.jcwmp.core.rpc.ScheduleInform;
import org.jcwmp.core.rpc.ScheduleInformResponse;
import org.jcwmp.core.rpc.SetParameterAttributes;
import org.jcwmp.core.rpc.SetParameterAttributesResponse;
import org.jcwmp.core.rpc.SetParameterValues;
import org.jcwmp.core.rpc.SetParameterValuesFault;
import org.jcwmp.core.rpc.SetParameterValuesResponse;

/**
 * One simulated CPE: its number (from which its serial, identity and ConnectionRequestURL follow), its pending
 * events and the values the ACS set that differ from the shared {@link DataModelTemplate}. Nothing else is kept per
 * device, so a fleet of 100,000 fits in a small heap.
 *
 * <p>Answers the ACS's requests against template plus differences. Not thread-safe by itself: the fleet runs at most
 * one session per device at a time ({@link #tryBegin()}).
 */
public final class SimulatedCpe {
    static final int EV_BOOTSTRAP = 1, EV_BOOT = 2, EV_PERIODIC = 4, EV_CONNECTION_REQUEST = 8, EV_M_REBOOT = 16,
            EV_SCHEDULED = 32, EV_M_SCHEDULE_INFORM = 64;
    /** Keys in diffs for a transfer's result until the ACS has it: its CommandKey, fault code and start time. */
    private static final String TC_KEY = "#tc.key", TC_FAULT = "#tc.fault", TC_START = "#tc.start";
    private static final String SOFTWARE_VERSION = "DeviceInfo.SoftwareVersion";

    private static final List<String> RPC_METHODS = List.of("GetRPCMethods", "SetParameterValues",
            "GetParameterValues", "GetParameterNames", "SetParameterAttributes", "GetParameterAttributes",
            "Reboot", "FactoryReset", "ScheduleInform", "Download");

    private final SimContext context;
    private final int number;
    /** Values the ACS set that differ from the template (and ParameterKey, command keys); null while none. */
    private Map<String, String> diffs;
    private int events;
    private int retryCount;
    /** What the device does once the session ends (reboot, factory reset); 0 for nothing. */
    private int afterSession;
    private volatile boolean busy;
    /**
     * The ACS's Digest (or Basic) exchange the last session's Inform succeeded with, answered again at the start of
     * the next session (same nonce, nonce count raised) as real CPEs and the jcwmp agent do; null while none.
     */
    private SimAuth lastAuthentication;

    SimulatedCpe(SimContext context, int number) {
        this.context = context;
        this.number = number;
        this.events = EV_BOOTSTRAP | EV_BOOT;
    }

    public int number() {
        return number;
    }

    /** SIM000042. */
    public String serialNumber() {
        return context.serialOf(number);
    }

    /** The ACS's device id: OUI-ProductClass-Serial. */
    public String deviceId() {
        return context.oui() + "-" + context.productClass() + "-" + serialNumber();
    }

    public String connectionRequestUrl() {
        return context.connectionRequestUrl(number);
    }

    /** True when this device was free and is now in a session (the caller must call {@link #end()}). */
    synchronized boolean tryBegin() {
        if (busy) {
            return false;
        }
        busy = true;
        return true;
    }

    synchronized void end() {
        busy = false;
    }

    /** The last authentication, cleared: a session that fails starts the next one without it. */
    SimAuth takeLastAuthentication() {
        SimAuth last = lastAuthentication;
        lastAuthentication = null;
        return last;
    }

    void lastAuthentication(SimAuth exchange) {
        lastAuthentication = exchange;
    }

    boolean busy() {
        return busy;
    }

    /** Adds an event to the next Inform. */
    public synchronized void addEvent(int event) {
        events |= event;
    }

    synchronized int pendingEvents() {
        return events;
    }

    /** The Inform for the next session, with the pending events (PERIODIC when none) and the forced parameters. */
    synchronized Inform inform(int pending) {
        List<EventStruct> list = new ArrayList<>(3);
        int e = pending == 0 ? EV_PERIODIC : pending;
        if ((e & EV_BOOTSTRAP) != 0) list.add(new EventStruct(EventCode.BOOTSTRAP, ""));
        if ((e & EV_BOOT) != 0) list.add(new EventStruct(EventCode.BOOT, ""));
        if ((e & EV_PERIODIC) != 0) list.add(new EventStruct(EventCode.PERIODIC, ""));
        if ((e & EV_SCHEDULED) != 0) list.add(new EventStruct(EventCode.SCHEDULED, ""));
        if ((e & EV_CONNECTION_REQUEST) != 0) list.add(new EventStruct(EventCode.CONNECTION_REQUEST, ""));
        if ((e & EV_M_REBOOT) != 0) list.add(new EventStruct(EventCode.M_REBOOT, commandKey("reboot")));
        if ((e & EV_M_SCHEDULE_INFORM) != 0) list.add(new EventStruct(EventCode.M_SCHEDULE_INFORM, commandKey("schedule")));
        TransferComplete tc = transferComplete();
        if (tc != null) {
            // repeated in every Inform until the ACS has answered the TransferComplete
            list.add(new EventStruct(EventCode.TRANSFER_COMPLETE, ""));
            list.add(new EventStruct(EventCode.M_DOWNLOAD, tc.commandKey()));
        }
        DataModelTemplate t = context.template();
        List<ParameterValueStruct> params = new ArrayList<>(t.forcedInform().size());
        for (String name : t.forcedInform()) {
            int i = t.index(name);
            params.add(new ParameterValueStruct(name, value(i), t.type(i)));
        }
        return new Inform(new DeviceIdStruct(context.manufacturer(), context.oui(), context.productClass(), serialNumber()),
                list, 1, CwmpDateTime.now(), retryCount, params);
    }

    /** The Inform of a periodic session with no other event pending, without changing any state (codec benchmark). */
    public Inform periodicInform() {
        return inform(0);
    }

    /** The events of the last Inform were delivered. */
    synchronized void informDelivered(int delivered) {
        events &= ~(delivered == 0 ? EV_PERIODIC : delivered);
        retryCount = 0;
    }

    synchronized void sessionFailed() {
        retryCount++;
    }

    int retryCount() {
        return retryCount;
    }

    /** Reboot or factory reset asked during the session; 0 when none. Cleared by the call. */
    synchronized int takeAfterSession() {
        int a = afterSession;
        afterSession = 0;
        return a;
    }

    /** The TransferComplete the ACS has not acknowledged yet, or null; only once the transfer finished. */
    synchronized TransferComplete transferComplete() {
        if (diffs == null || !diffs.containsKey(TC_FAULT)) {
            return null;
        }
        int code = Integer.parseInt(diffs.get(TC_FAULT));
        FaultStruct fault = code == 0 ? new FaultStruct(0, "")
                : new FaultStruct(code, FaultCode.DOWNLOAD_FAILURE.text());
        return new TransferComplete(diffs.getOrDefault(TC_KEY, ""), fault, diffs.getOrDefault(TC_START,
                CwmpDateTime.UNKNOWN), CwmpDateTime.now());
    }

    /** The ACS answered the TransferComplete: forget it. */
    synchronized void transferCompleteDelivered() {
        if (diffs != null) {
            diffs.remove(TC_KEY);
            diffs.remove(TC_FAULT);
            diffs.remove(TC_START);
        }
    }

    /**
     * The accepted Download finished (called by the fleet after the transfer time): a failing device reports 9010,
     * any other runs the new image, its SoftwareVersion taken from the file name as the agent's default installer
     * does, and boots.
     */
    synchronized void transferFinished(boolean fails, String fileName) {
        if (fails) {
            putDiff(TC_FAULT, Integer.toString(FaultCode.DOWNLOAD_FAILURE.code()), "");
        } else {
            DataModelTemplate t = context.template();
            int i = t.index(t.root() + SOFTWARE_VERSION);
            if (i >= 0) {
                putDiff(t.name(i), FirmwareInstaller.versionFromName(fileName), t.defaultValue(i));
            }
            putDiff(TC_FAULT, "0", "");
        }
    }

    private String commandKey(String which) {
        return diffs == null ? "" : diffs.getOrDefault("#" + which, "");
    }

    // ---- values: template plus differences ----

    /** The current value of the parameter at a template index. */
    synchronized String value(int index) {
        DataModelTemplate t = context.template();
        String name = t.name(index);
        if (diffs != null) {
            String v = diffs.get(name);
            if (v != null) {
                return v;
            }
        }
        String identity = context.identityValue(this, index);
        return identity != null ? identity : t.defaultValue(index);
    }

    /** The current value of a parameter by name, empty when the template has no such parameter. */
    public Optional<String> value(String name) {
        int i = context.template().index(name);
        return i < 0 ? Optional.empty() : Optional.of(value(i));
    }

    /** ConnectionRequestPassword: the one the ACS set, else the fleet's. */
    synchronized String connectionRequestPassword() {
        DataModelTemplate t = context.template();
        if (diffs != null) {
            String v = diffs.get(t.root() + "ManagementServer.ConnectionRequestPassword");
            if (v != null) {
                return v;
            }
        }
        return context.crPassword(this);
    }

    /** ConnectionRequestUsername: the one the ACS set, else the fleet's. */
    synchronized String connectionRequestUsername() {
        return value(context.template().root() + "ManagementServer.ConnectionRequestUsername").orElse("");
    }

    /** How many values differ from the template (the per-device state). */
    public synchronized int differenceCount() {
        return diffs == null ? 0 : diffs.size();
    }

    private void putDiff(String key, String value, String templateValue) {
        if (value.equals(templateValue)) {
            if (diffs != null) {
                diffs.remove(key);
            }
            return;
        }
        if (diffs == null) {
            diffs = new HashMap<>(4);
        }
        diffs.put(key, value);
    }

    // ---- the ACS's requests ----

    /** Answers one request of the ACS: a response, or a Fault. */
    public synchronized CwmpMessage answer(CwmpRequest request) {
        return switch (request) {
            case GetParameterValues g -> getParameterValues(g);
            case SetParameterValues s -> setParameterValues(s);
            case GetParameterNames g -> getParameterNames(g);
            case GetRPCMethods g -> new GetRPCMethodsResponse(RPC_METHODS);
            case SetParameterAttributes s -> setParameterAttributes(s);
            case GetParameterAttributes g -> getParameterAttributes(g);
            case Reboot r -> {
                putDiff("#reboot", r.commandKey() == null ? "" : r.commandKey(), "");
                afterSession = EV_BOOT | EV_M_REBOOT;
                yield new RebootResponse();
            }
            case FactoryReset f -> {
                afterSession = EV_BOOTSTRAP | EV_BOOT;
                yield new FactoryResetResponse();
            }
            case ScheduleInform s -> {
                putDiff("#schedule", s.commandKey() == null ? "" : s.commandKey(), "");
                context.scheduleInform(this, s.delaySeconds(), EV_SCHEDULED | EV_M_SCHEDULE_INFORM);
                yield new ScheduleInformResponse();
            }
            case Download d -> download(d);
            case AddObject a -> new Fault(FaultCode.CPE_RESOURCES_EXCEEDED, "simulated CPE: tables are fixed");
            case DeleteObject d -> new Fault(FaultCode.CPE_REQUEST_DENIED, "simulated CPE: tables are fixed");
            default -> new Fault(FaultCode.CPE_METHOD_NOT_SUPPORTED);
        };
    }

    /** Accepts a firmware Download to complete later (status 1); one transfer at a time. */
    private CwmpMessage download(Download d) {
        if (!d.fileType().startsWith("1 ")) {
            return new Fault(FaultCode.CPE_INVALID_ARGUMENTS, "simulated CPE: only firmware images (1 Firmware Upgrade Image)");
        }
        if (diffs != null && diffs.containsKey(TC_START)) {
            return new Fault(FaultCode.CPE_RESOURCES_EXCEEDED, "simulated CPE: a transfer is in progress already");
        }
        String url = d.url() == null ? "" : d.url();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        String name = d.targetFileName() != null && !d.targetFileName().isEmpty() ? d.targetFileName()
                : path.substring(path.lastIndexOf('/') + 1);
        putDiff(TC_KEY, d.commandKey() == null ? "" : d.commandKey(), null);
        putDiff(TC_START, CwmpDateTime.now(), null);
        context.transfer(this, name);
        return new DownloadResponse(1, CwmpDateTime.UNKNOWN, CwmpDateTime.UNKNOWN);
    }

    /** Factory reset: forget every difference. */
    synchronized void reset() {
        diffs = null;
    }

    private CwmpMessage getParameterValues(GetParameterValues g) {
        DataModelTemplate t = context.template();
        List<ParameterValueStruct> out = new ArrayList<>();
        for (String name : g.parameterNames()) {
            String n = name == null ? "" : name.strip();
            if (n.isEmpty() || n.endsWith(".")) {
                List<Integer> under = t.under(n.isEmpty() ? t.root() : n);
                if (under.isEmpty() && !t.isObject(n)) {
                    return new Fault(FaultCode.INVALID_PARAMETER_NAME, n);
                }
                for (int i : under) {
                    out.add(new ParameterValueStruct(t.name(i), value(i), t.type(i)));
                }
            } else {
                int i = t.index(n);
                if (i < 0) {
                    return new Fault(FaultCode.INVALID_PARAMETER_NAME, n);
                }
                out.add(new ParameterValueStruct(n, value(i), t.type(i)));
            }
        }
        return new GetParameterValuesResponse(out);
    }

    private CwmpMessage setParameterValues(SetParameterValues s) {
        DataModelTemplate t = context.template();
        List<SetParameterValuesFault> faults = new ArrayList<>();
        Map<String, String> checked = new HashMap<>();
        for (ParameterValueStruct pv : s.parameterList()) {
            int i = pv.name() == null ? -1 : t.index(pv.name());
            if (i < 0) {
                faults.add(fault(pv.name(), FaultCode.INVALID_PARAMETER_NAME, null));
                continue;
            }
            if (!t.writable(i)) {
                faults.add(fault(pv.name(), FaultCode.NON_WRITABLE_PARAMETER, null));
                continue;
            }
            if (checked.containsKey(pv.name())) {
                return new Fault(FaultCode.CPE_INVALID_ARGUMENTS, "parameter set twice: " + pv.name());
            }
            ParameterSchema schema = t.schema(i);
            String value = pv.value() == null ? "" : pv.value();
            if (schema != null) {
                if (pv.type() != null && ParameterType.ofXsd(pv.type()) != schema.wireType()) {
                    faults.add(fault(pv.name(), FaultCode.INVALID_PARAMETER_TYPE,
                            "expected " + schema.xsdType() + ", got " + pv.type()));
                    continue;
                }
                Optional<String> problem = schema.checkSetValue(value);
                if (problem.isPresent()) {
                    faults.add(fault(pv.name(), FaultCode.INVALID_PARAMETER_VALUE, problem.get()));
                    continue;
                }
                value = schema.canonical(value);
            }
            checked.put(pv.name(), value);
        }
        if (!faults.isEmpty()) {
            return new Fault(FaultCode.CPE_INVALID_ARGUMENTS.code(), FaultCode.CPE_INVALID_ARGUMENTS.text(), faults);
        }
        checked.forEach((name, value) -> putDiff(name, value, context.identityOrDefault(this, t.index(name))));
        int keyIndex = t.index(t.root() + "ManagementServer.ParameterKey");
        if (keyIndex >= 0) {
            putDiff(t.name(keyIndex), s.parameterKey() == null ? "" : s.parameterKey(), t.defaultValue(keyIndex));
        }
        return new SetParameterValuesResponse(0);
    }

    private static SetParameterValuesFault fault(String name, FaultCode code, String text) {
        return new SetParameterValuesFault(name, code.code(), text == null ? code.text() : text);
    }

    private CwmpMessage getParameterNames(GetParameterNames g) {
        List<ParameterInfoStruct> list = context.template().names(g.parameterPath(), g.nextLevel());
        if (list == null) {
            return new Fault(FaultCode.INVALID_PARAMETER_NAME, g.parameterPath());
        }
        return new GetParameterNamesResponse(list);
    }

    private CwmpMessage setParameterAttributes(SetParameterAttributes s) {
        DataModelTemplate t = context.template();
        for (var a : s.parameterList()) {
            String n = a.name() == null ? "" : a.name();
            if (!n.endsWith(".") && t.index(n) < 0 || n.endsWith(".") && !t.isObject(n)) {
                return new Fault(FaultCode.INVALID_PARAMETER_NAME, n);
            }
        }
        // Notifications are accepted but not kept: a simulated CPE never changes a value by itself.
        return new SetParameterAttributesResponse();
    }

    private CwmpMessage getParameterAttributes(GetParameterAttributes g) {
        DataModelTemplate t = context.template();
        List<ParameterAttributeStruct> out = new ArrayList<>();
        for (String name : g.parameterNames()) {
            String n = name == null ? "" : name;
            List<Integer> idx = n.endsWith(".") || n.isEmpty() ? t.under(n.isEmpty() ? t.root() : n)
                    : t.index(n) < 0 ? List.of() : List.of(t.index(n));
            if (idx.isEmpty()) {
                return new Fault(FaultCode.INVALID_PARAMETER_NAME, n);
            }
            for (int i : idx) {
                out.add(new ParameterAttributeStruct(t.name(i), 0, List.of()));
            }
        }
        return new GetParameterAttributesResponse(out);
    }
}
