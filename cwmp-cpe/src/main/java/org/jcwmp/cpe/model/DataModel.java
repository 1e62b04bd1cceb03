package org.jcwmp.cpe.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jcwmp.core.datamodel.ObjectSchema;
import org.jcwmp.core.datamodel.ParameterSchema;
import org.jcwmp.core.datamodel.ParameterType;
import org.jcwmp.core.datamodel.Schema;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.core.rpc.ParameterAttributeStruct;
import org.jcwmp.core.rpc.ParameterInfoStruct;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.SetParameterAttributesStruct;
import org.jcwmp.core.rpc.SetParameterValuesFault;

/**
 * The CPE's parameter tree, built from a {@link DeviceProfile} and checked against its {@link Schema}, with the
 * semantics TR-069 gives the ACS's methods: partial paths, NextLevel, atomic SetParameterValues with a fault per
 * failing parameter, attributes, AddObject and DeleteObject.
 *
 * <p>Objects are nodes keyed by path: a single object ("Device.DeviceInfo."), a table ("Device.IP.Interface.") or an
 * instance ("Device.IP.Interface.1."). A parameter's value is stored here (and persisted by the agent), computed by
 * a binding (UpTime), or counted (a NumberOfEntries parameter counts its table). Thread-safe; listeners run after
 * the lock is released.
 */
public final class DataModel {
    /** The only AccessList entry TR-069 defines. */
    public static final String SUBSCRIBER = "Subscriber";

    private final DeviceProfile profile;
    private final Schema schema;
    private final String parameterKeyPath;
    private final Map<String, Supplier<String>> bindings = new HashMap<>();
    private final Map<String, CommandHandler> commands = new HashMap<>();
    private final List<ModelListener> listeners = new CopyOnWriteArrayList<>();

    private final Map<String, Node> objects = new HashMap<>();
    private final Map<String, Leaf> parameters = new HashMap<>();
    private final Map<String, Long> nextInstance = new HashMap<>();

    private static final class Node {
        final String path;
        /** Null for the top of the tree (""). */
        final ObjectSchema schema;
        final boolean table;
        /** Parameter and object paths, parameters first, then objects in the order they were made. */
        final LinkedHashSet<String> children = new LinkedHashSet<>();

        Node(String path, ObjectSchema schema, boolean table) {
            this.path = path;
            this.schema = schema;
            this.table = table;
        }

        boolean isInstance() {
            return schema != null && schema.multiInstance() && !table;
        }
    }

    private final class Leaf {
        final ParameterSchema schema;
        final String path;
        String value;
        /** The table this NumberOfEntries parameter counts, or null. */
        String countedTable;
        int notification;
        List<String> accessList = List.of();

        Leaf(ParameterSchema schema, String path, String value) {
            this.schema = schema;
            this.path = path;
            this.value = value;
            this.notification = schema.activeNotify().defaultNotification();
        }

        boolean computed() {
            return countedTable != null || bindings.containsKey(schema.path());
        }

        String read() {
            if (countedTable != null) {
                Node table = objects.get(countedTable);
                return Integer.toString(table == null ? 0 : table.children.size());
            }
            Supplier<String> b = bindings.get(schema.path());
            return b != null ? b.get() : value;
        }
    }

    /**
     * A model with the profile's objects, instances and values.
     *
     * @throws IllegalArgumentException when the profile's instances do not fit together (an instance without its
     *                                  parent)
     */
    public DataModel(DeviceProfile profile) {
        this.profile = Objects.requireNonNull(profile);
        this.schema = profile.schema();
        this.parameterKeyPath = schema.rootObject() + "ManagementServer.ParameterKey";
        synchronized (this) {
            build(null);
        }
    }

    // ---- building ----

    /**
     * Rebuilds the tree: the profile's instances when {@code instances} is null, else exactly those.
     *
     * @return the given instances that could not be made (their table or parent is gone)
     */
    private List<String> build(List<String> instances) {
        List<String> skipped = new ArrayList<>();
        objects.clear();
        parameters.clear();
        nextInstance.clear();
        objects.put("", new Node("", null, false));
        String root = schema.rootObject();
        createObject(root, schema.object(root).orElseThrow(), Map.of());
        if (instances == null) {
            profile.instances().forEach((path, values) -> {
                if (objects.containsKey(path)) {
                    values.forEach((name, value) -> leaf(path + name).value = value);
                } else if (!createInstance(path, values)) {
                    throw new IllegalArgumentException("profile " + profile.name() + ": instance " + path
                            + " has no parent (list parents first)");
                }
            });
        } else {
            for (String path : instances) {
                if (!createInstance(path, Map.of())) {
                    skipped.add(path); // an instance whose parent is gone stays gone
                }
            }
        }
        return skipped;
    }

    /** Creates an object, its parameters and the supported objects inside it (tables empty). */
    private void createObject(String path, ObjectSchema os, Map<String, String> values) {
        Node node = new Node(path, os, false);
        objects.put(path, node);
        objects.get(parentOf(path)).children.add(path);
        profile.template(os.path()).forEach((name, initial) -> {
            ParameterSchema ps = schema.parameter(os.path() + name).orElseThrow();
            String value = values.getOrDefault(name, initial);
            if (name.equals("Alias") && value.isEmpty() && node.isInstance()) {
                // TR-069 3.6.1: an Alias the ACS did not give starts with "cpe-" and is never empty.
                value = "cpe-" + lastSegment(path);
            }
            Leaf leaf = new Leaf(ps, path + name, value);
            parameters.put(leaf.path, leaf);
            node.children.add(leaf.path);
        });
        for (ObjectSchema child : schema.childObjectsOf(os.path())) {
            if (!profile.supports(child.path())) {
                continue;
            }
            if (child.multiInstance()) {
                String tablePath = path + child.tablePath().substring(os.path().length());
                objects.put(tablePath, new Node(tablePath, child, true));
                node.children.add(tablePath);
                if (child.numEntriesParameter() != null) {
                    Leaf counter = parameters.get(path + child.numEntriesParameter().substring(os.path().length()));
                    if (counter != null) {
                        counter.countedTable = tablePath;
                    }
                }
            } else {
                createObject(path + child.path().substring(os.path().length()), child, Map.of());
            }
        }
    }

    /** Creates "Table.N." when the table exists and N is free; false otherwise. */
    private boolean createInstance(String path, Map<String, String> values) {
        Node table = objects.get(parentOf(path));
        if (table == null || !table.table || objects.containsKey(path)) {
            return false;
        }
        long number;
        try {
            number = Long.parseLong(lastSegment(path));
        } catch (NumberFormatException e) {
            return false;
        }
        createObject(path, table.schema, values);
        nextInstance.merge(table.path, number + 1, Math::max);
        return true;
    }

    private static String parentOf(String objectPath) {
        int dot = objectPath.lastIndexOf('.', objectPath.length() - 2);
        return dot < 0 ? "" : objectPath.substring(0, dot + 1);
    }

    private static String lastSegment(String objectPath) {
        return objectPath.substring(parentOf(objectPath).length(), objectPath.length() - 1);
    }

    /**
     * Makes a parameter computed on every read (e.g. UpTime): in every instance, across resets. Such values are not
     * stored and cannot be set.
     *
     * @param schemaPath e.g. "Device.DeviceInfo.UpTime"; ignored when the profile lacks it
     */
    public synchronized void bind(String schemaPath, Supplier<String> reader) {
        bindings.put(schemaPath, Objects.requireNonNull(reader));
    }

    /**
     * What a command parameter (schema {@code command="true"}, e.g. ExecutionUnit.{i}.RequestedState) does when the
     * ACS sets it: such values are not stored, so without a handler the write has no effect.
     */
    public interface CommandHandler {
        /** Called under the model's lock while a SetParameterValues is checked: why the value is refused, or empty. */
        default Optional<String> check(String path, String value) {
            return Optional.empty();
        }

        /** Called after the SetParameterValues succeeded, outside the model's lock. */
        void run(String path, String value);
    }

    /**
     * Gives a command parameter its action.
     *
     * @param schemaPath e.g. "Device.SoftwareModules.ExecutionUnit.{i}.RequestedState"
     */
    public synchronized void onCommand(String schemaPath, CommandHandler handler) {
        commands.put(schemaPath, Objects.requireNonNull(handler));
    }

    public void addListener(ModelListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ModelListener listener) {
        listeners.remove(listener);
    }

    // ---- what the model is ----

    public DeviceProfile profile() {
        return profile;
    }

    public Schema schema() {
        return schema;
    }

    /** "Device." or "InternetGatewayDevice.". */
    public String root() {
        return schema.rootObject();
    }

    // ---- local access (the agent and the device's own code) ----

    public synchronized boolean contains(String path) {
        return parameters.containsKey(path) || objects.containsKey(path) && !path.isEmpty();
    }

    /** The actual value, hidden ones included. */
    public synchronized String value(String path) {
        return leaf(path).read();
    }

    /** The value, or empty when the device has no such parameter. */
    public synchronized Optional<String> find(String path) {
        Leaf leaf = parameters.get(path);
        return leaf == null ? Optional.empty() : Optional.of(leaf.read());
    }

    /** What the schema says about a parameter the device has. */
    public synchronized ParameterSchema parameterSchema(String path) {
        return leaf(path).schema;
    }

    /** The Notification attribute (0, 1, 2) of a parameter, 0 for one the device does not have. */
    public synchronized int notification(String path) {
        Leaf leaf = parameters.get(path);
        return leaf == null ? 0 : leaf.notification;
    }

    /**
     * Sets a stored value without the ACS's writability rules (the device owns its read-only values too).
     *
     * @throws IllegalArgumentException for an unknown or computed parameter or a value that does not fit
     */
    public void setValue(String path, String value, ChangeOrigin origin) {
        boolean changed;
        synchronized (this) {
            Leaf leaf = leaf(path);
            if (leaf.computed()) {
                throw new IllegalArgumentException("computed, cannot be set: " + path);
            }
            String v = leaf.schema.canonical(value);
            changed = !v.equals(leaf.value);
            leaf.value = v;
        }
        if (changed) {
            fireValues(Set.of(path), origin);
        }
    }

    /**
     * Adds an instance as the device itself would (a new host on the LAN): no writability check, but the table's
     * maxEntries holds.
     *
     * @return the new instance's path, e.g. "Device.Hosts.Host.2."
     * @throws IllegalArgumentException when the table does not exist or is full
     */
    public String addInstance(String tablePath, Map<String, String> values, ChangeOrigin origin) {
        String path;
        synchronized (this) {
            Node table = objects.get(tablePath);
            if (table == null || !table.table) {
                throw new IllegalArgumentException("no such table: " + tablePath);
            }
            if (table.children.size() >= table.schema.maxEntries()) {
                throw new IllegalArgumentException(tablePath + " is full (" + table.schema.maxEntries() + ")");
            }
            Map<String, String> checked = new LinkedHashMap<>();
            values.forEach((name, value) -> {
                ParameterSchema ps = schema.parameter(table.schema.path() + name)
                        .filter(p -> profile.supportsParameter(p.path()))
                        .orElseThrow(() -> new IllegalArgumentException("no parameter " + name + " in " + tablePath));
                checked.put(name, ps.canonical(value));
            });
            path = newInstance(table, checked);
        }
        fireInstances(origin);
        return path;
    }

    /**
     * Deletes an instance as the device itself would.
     *
     * @throws IllegalArgumentException when there is no such instance
     */
    public void deleteInstance(String instancePath, ChangeOrigin origin) {
        synchronized (this) {
            Node node = objects.get(instancePath);
            if (node == null || !node.isInstance()) {
                throw new IllegalArgumentException("no such instance: " + instancePath);
            }
            remove(node);
        }
        fireInstances(origin);
    }

    private String newInstance(Node table, Map<String, String> values) {
        long number = nextInstance.getOrDefault(table.path, 1L);
        String path = table.path + number + ".";
        createObject(path, table.schema, values);
        nextInstance.put(table.path, number + 1);
        return path;
    }

    private void remove(Node node) {
        objects.get(parentOf(node.path)).children.remove(node.path);
        removeBelow(node);
    }

    private void removeBelow(Node node) {
        objects.remove(node.path);
        nextInstance.remove(node.path); // a table that is gone; the parent's own numbering goes on
        for (String child : node.children) {
            Node o = objects.get(child);
            if (o != null) {
                removeBelow(o);
            } else {
                parameters.remove(child);
            }
        }
    }

    // ---- persistence and resets ----

    /** Instances, stored values and non-default attributes, for the state file. */
    public synchronized ModelState snapshot() {
        List<String> instances = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, ParameterAttributes> attributes = new LinkedHashMap<>();
        walk("", node -> {
            if (node instanceof Node n && n.isInstance()) {
                instances.add(n.path);
            } else if (node instanceof Leaf leaf) {
                if (!leaf.computed() && !leaf.schema.command()) {
                    values.put(leaf.path, leaf.value);
                }
                if (leaf.notification != leaf.schema.activeNotify().defaultNotification() || !leaf.accessList.isEmpty()) {
                    attributes.put(leaf.path, new ParameterAttributes(leaf.notification, leaf.accessList));
                }
            }
        });
        return new ModelState(instances, nextInstance, values, attributes);
    }

    /**
     * Rebuilds the model from saved state (after a restart or a reboot): the saved instances, then the saved values
     * and attributes. Paths the profile no longer has and values that no longer fit are skipped and returned.
     * Listeners are not told.
     */
    public synchronized Set<String> restore(ModelState state) {
        Set<String> skipped = new HashSet<>(build(state.instances()));
        state.nextInstanceNumbers().forEach((table, next) -> {
            if (objects.containsKey(table)) {
                nextInstance.merge(table, next, Math::max);
            }
        });
        state.values().forEach((path, value) -> {
            Leaf leaf = parameters.get(path);
            if (leaf == null || leaf.computed()) {
                skipped.add(path);
                return;
            }
            try {
                leaf.value = leaf.schema.canonical(value);
            } catch (IllegalArgumentException e) {
                skipped.add(path);
            }
        });
        state.attributes().forEach((path, a) -> {
            Leaf leaf = parameters.get(path);
            if (leaf == null || !leaf.schema.activeNotify().allows(a.notification())) {
                skipped.add(path);
            } else {
                leaf.notification = a.notification();
                leaf.accessList = a.accessList();
            }
        });
        return skipped;
    }

    /** Back to the profile: its instances, values and default attributes (FactoryReset). Listeners are not told. */
    public synchronized void reset() {
        build(null);
    }

    // ---- Inform ----

    /**
     * The Inform's ParameterList: every forced-inform parameter, then the given changed parameters the device still
     * has, each once.
     */
    public synchronized List<ParameterValueStruct> informParameters(Collection<String> changed) {
        Map<String, ParameterValueStruct> list = new LinkedHashMap<>();
        walk("", node -> {
            if (node instanceof Leaf leaf && leaf.schema.forcedInform()) {
                list.put(leaf.path, acsView(leaf));
            }
        });
        for (String path : changed) {
            Leaf leaf = parameters.get(path);
            if (leaf != null && !list.containsKey(path)) {
                list.put(path, acsView(leaf));
            }
        }
        return List.copyOf(list.values());
    }

    // ---- the ACS's view (CPE methods) ----

    /**
     * GetParameterValues: full names, partial paths ending with '.', or "" for everything.
     *
     * @throws CpeFaultException 9005 for a name that does not exist
     */
    public synchronized List<ParameterValueStruct> getParameterValues(List<String> names) throws CpeFaultException {
        List<ParameterValueStruct> result = new ArrayList<>();
        for (String name : names) {
            for (Leaf leaf : leaves(name)) {
                result.add(acsView(leaf));
            }
        }
        return result;
    }

    /**
     * GetParameterNames. "" is the top of the tree. With NextLevel false, a partial path yields the object itself
     * and everything below it; with NextLevel true only its direct children.
     *
     * @throws CpeFaultException 9005 for an unknown path, 9003 for NextLevel true on a parameter
     */
    public synchronized List<ParameterInfoStruct> getParameterNames(String parameterPath, boolean nextLevel)
            throws CpeFaultException {
        String p = parameterPath == null ? "" : parameterPath.strip();
        List<ParameterInfoStruct> result = new ArrayList<>();
        Leaf leaf = parameters.get(p);
        if (leaf != null) {
            if (nextLevel) {
                throw new CpeFaultException(FaultCode.CPE_INVALID_ARGUMENTS, "NextLevel true for parameter " + p);
            }
            result.add(info(leaf));
            return result;
        }
        Node node = objects.get(p);
        if (node == null) {
            throw new CpeFaultException(FaultCode.INVALID_PARAMETER_NAME, p);
        }
        if (nextLevel) {
            for (String child : node.children) {
                result.add(info(child));
            }
        } else {
            if (!p.isEmpty()) {
                result.add(info(node));
            }
            walk(p, n -> result.add(n instanceof Leaf l ? info(l) : info((Node) n)));
        }
        return result;
    }

    /**
     * SetParameterValues, all or nothing: every parameter is checked first; on any failure nothing changes and the
     * fault (9003) lists each failing parameter with 9005 (no such parameter), 9008 (not writable), 9006 (wrong
     * type) or 9007 (bad value, also a command its {@link CommandHandler} refuses). On success ParameterKey is stored
     * with the values, then the command parameters' handlers run.
     */
    public void setParameterValues(List<ParameterValueStruct> parameterList, String parameterKey)
            throws CpeFaultException {
        Set<String> changed = new LinkedHashSet<>();
        List<Runnable> actions = new ArrayList<>();
        synchronized (this) {
            Set<String> seen = new HashSet<>();
            for (ParameterValueStruct pv : parameterList) {
                if (!seen.add(pv.name())) {
                    throw new CpeFaultException(FaultCode.CPE_INVALID_ARGUMENTS, "parameter set twice: " + pv.name());
                }
            }
            Map<Leaf, String> checked = new LinkedHashMap<>();
            List<SetParameterValuesFault> faults = new ArrayList<>();
            for (ParameterValueStruct pv : parameterList) {
                Leaf leaf = pv.name() == null ? null : parameters.get(pv.name());
                if (leaf == null) {
                    faults.add(fault(pv.name(), FaultCode.INVALID_PARAMETER_NAME, null));
                } else if (!leaf.schema.writable() || leaf.computed()) {
                    faults.add(fault(pv.name(), FaultCode.NON_WRITABLE_PARAMETER, null));
                } else if (pv.type() != null && ParameterType.ofXsd(pv.type()) != leaf.schema.wireType()) {
                    faults.add(fault(pv.name(), FaultCode.INVALID_PARAMETER_TYPE,
                            "expected " + leaf.schema.xsdType() + ", got " + pv.type()));
                } else {
                    Optional<String> problem = leaf.schema.checkSetValue(pv.value());
                    CommandHandler command = commands.get(leaf.schema.path());
                    if (problem.isEmpty() && leaf.schema.command() && command != null) {
                        problem = command.check(leaf.path, leaf.schema.canonical(pv.value()));
                    }
                    if (problem.isPresent()) {
                        faults.add(fault(pv.name(), FaultCode.INVALID_PARAMETER_VALUE, problem.get()));
                    } else {
                        checked.put(leaf, leaf.schema.canonical(pv.value()));
                    }
                }
            }
            if (!faults.isEmpty()) {
                throw CpeFaultException.setParameterValues(faults);
            }
            Leaf keyLeaf = checkedParameterKey(parameterKey);
            checked.forEach((leaf, value) -> {
                // A command parameter triggers its action and reads back as before: nothing to store.
                if (leaf.schema.command()) {
                    CommandHandler command = commands.get(leaf.schema.path());
                    if (command != null) {
                        actions.add(() -> command.run(leaf.path, value));
                    }
                } else if (!value.equals(leaf.value)) {
                    leaf.value = value;
                    changed.add(leaf.path);
                }
            });
            storeParameterKey(keyLeaf, parameterKey, changed);
        }
        if (!changed.isEmpty()) {
            fireValues(changed, ChangeOrigin.ACS);
        }
        actions.forEach(Runnable::run);
    }

    /**
     * GetParameterAttributes: full names or partial paths.
     *
     * @throws CpeFaultException 9005 for a name that does not exist
     */
    public synchronized List<ParameterAttributeStruct> getParameterAttributes(List<String> names)
            throws CpeFaultException {
        List<ParameterAttributeStruct> result = new ArrayList<>();
        for (String name : names) {
            for (Leaf leaf : leaves(name)) {
                result.add(new ParameterAttributeStruct(leaf.path, leaf.notification, leaf.accessList));
            }
        }
        return result;
    }

    /**
     * SetParameterAttributes, all or nothing. A parameter named in full whose schema forbids the Notification asked
     * for (activeNotify canDeny and active, forceEnabled and anything but active) fails the request with 9009; below
     * a partial path such parameters keep their Notification and the others change.
     *
     * @throws CpeFaultException 9005 unknown name, 9009 notification refused, 9003 bad Notification or AccessList
     */
    public void setParameterAttributes(List<SetParameterAttributesStruct> list) throws CpeFaultException {
        synchronized (this) {
            List<Runnable> apply = new ArrayList<>();
            for (SetParameterAttributesStruct s : list) {
                List<Leaf> targets = leaves(s.name());
                boolean partial = s.name() == null || s.name().isEmpty() || s.name().endsWith(".");
                if (s.notificationChange()) {
                    int n = s.notification();
                    if (n < 0 || n > 6) {
                        throw new CpeFaultException(FaultCode.CPE_INVALID_ARGUMENTS, "Notification " + n);
                    }
                    if (n > 2) {
                        // 3-6 are the lightweight notifications of CWMP 1.4, which this agent does not send.
                        throw new CpeFaultException(FaultCode.NOTIFICATION_REQUEST_REJECTED,
                                "lightweight notification " + n + " is not supported");
                    }
                    for (Leaf leaf : targets) {
                        if (leaf.schema.activeNotify().allows(n)) {
                            apply.add(() -> leaf.notification = n);
                        } else if (!partial) {
                            throw new CpeFaultException(FaultCode.NOTIFICATION_REQUEST_REJECTED, leaf.path
                                    + " is " + leaf.schema.activeNotify().xmlName() + ", Notification " + n + " refused");
                        }
                    }
                }
                if (s.accessListChange()) {
                    for (String entry : s.accessList()) {
                        if (!SUBSCRIBER.equals(entry)) {
                            throw new CpeFaultException(FaultCode.CPE_INVALID_ARGUMENTS, "AccessList entry " + entry);
                        }
                    }
                    List<String> access = List.copyOf(new LinkedHashSet<>(s.accessList()));
                    targets.forEach(leaf -> apply.add(() -> leaf.accessList = access));
                }
            }
            apply.forEach(Runnable::run);
        }
        for (ModelListener l : listeners) {
            l.attributesChanged();
        }
    }

    /**
     * AddObject: a new instance of a table the ACS may add to, with the profile's initial values.
     *
     * @return the new instance number
     * @throws CpeFaultException 9005 when the path is not such a table, 9004 when it is full
     */
    public long addObject(String objectName, String parameterKey) throws CpeFaultException {
        String path;
        Set<String> changed = new HashSet<>();
        synchronized (this) {
            Node table = objectName == null ? null : objects.get(objectName);
            if (table == null || !table.table) {
                throw new CpeFaultException(FaultCode.INVALID_PARAMETER_NAME, objectName + " is not a table");
            }
            if (!table.schema.writable()) {
                throw new CpeFaultException(FaultCode.INVALID_PARAMETER_NAME,
                        "instances of " + objectName + " are not created by the ACS");
            }
            if (table.children.size() >= table.schema.maxEntries()) {
                throw new CpeFaultException(FaultCode.CPE_RESOURCES_EXCEEDED,
                        objectName + " holds at most " + table.schema.maxEntries());
            }
            Leaf keyLeaf = checkedParameterKey(parameterKey);
            path = newInstance(table, Map.of());
            storeParameterKey(keyLeaf, parameterKey, changed);
        }
        fireInstances(ChangeOrigin.ACS);
        if (!changed.isEmpty()) {
            fireValues(changed, ChangeOrigin.ACS);
        }
        return Long.parseLong(lastSegment(path));
    }

    /**
     * DeleteObject: removes an instance and everything in it.
     *
     * @throws CpeFaultException 9005 when the path is not an instance the ACS may delete
     */
    public void deleteObject(String objectName, String parameterKey) throws CpeFaultException {
        Set<String> changed = new HashSet<>();
        synchronized (this) {
            Node node = objectName == null ? null : objects.get(objectName);
            if (node == null || !node.isInstance()) {
                throw new CpeFaultException(FaultCode.INVALID_PARAMETER_NAME, objectName + " is not an instance");
            }
            if (!node.schema.writable()) {
                throw new CpeFaultException(FaultCode.INVALID_PARAMETER_NAME,
                        "instances of " + node.schema.tablePath() + " are not deleted by the ACS");
            }
            Leaf keyLeaf = checkedParameterKey(parameterKey);
            remove(node);
            storeParameterKey(keyLeaf, parameterKey, changed);
        }
        fireInstances(ChangeOrigin.ACS);
        if (!changed.isEmpty()) {
            fireValues(changed, ChangeOrigin.ACS);
        }
    }

    /**
     * Applies a vendor configuration file's changes all or nothing, with the ACS's rules (only instances of tables
     * the ACS may change, only writable parameters, values that fit). Listeners hear of it as of a change by the ACS.
     *
     * @throws CpeFaultException naming the first problem (9005 unknown or not deletable/creatable object or parameter,
     *                           9008 not writable, 9007 bad value); the model is then as it was
     */
    public void applyConfiguration(ConfigurationChange change) throws CpeFaultException {
        Set<String> changed = new LinkedHashSet<>();
        synchronized (this) {
            ModelState before = snapshot();
            try {
                for (String path : change.deleteObjects()) {
                    Node node = objects.get(path);
                    if (node == null || !node.isInstance() || !node.schema.writable()) {
                        throw new CpeFaultException(FaultCode.INVALID_PARAMETER_NAME, path + " is not an instance that can be deleted");
                    }
                    remove(node);
                }
                for (String path : change.addObjects()) {
                    if (objects.containsKey(path)) {
                        continue; // already there: a backup restored onto the device it came from
                    }
                    Node table = path.endsWith(".") ? objects.get(parentOf(path)) : null;
                    if (table == null || !table.table || !table.schema.writable()) {
                        throw new CpeFaultException(FaultCode.INVALID_PARAMETER_NAME, path + " is not an instance of a table that can be added to");
                    }
                    if (table.children.size() >= table.schema.maxEntries()) {
                        throw new CpeFaultException(FaultCode.CPE_RESOURCES_EXCEEDED, table.path + " holds at most " + table.schema.maxEntries());
                    }
                    if (!createInstance(path, Map.of())) {
                        throw new CpeFaultException(FaultCode.INVALID_PARAMETER_NAME, path + " is not a numbered instance");
                    }
                }
                for (Map.Entry<String, String> e : change.parameters().entrySet()) {
                    Leaf leaf = parameters.get(e.getKey());
                    if (leaf == null) {
                        throw new CpeFaultException(FaultCode.INVALID_PARAMETER_NAME, e.getKey());
                    }
                    if (!leaf.schema.writable() || leaf.computed() || leaf.schema.command()) {
                        throw new CpeFaultException(FaultCode.NON_WRITABLE_PARAMETER, e.getKey());
                    }
                    Optional<String> problem = leaf.schema.checkSetValue(e.getValue());
                    if (problem.isPresent()) {
                        throw new CpeFaultException(FaultCode.INVALID_PARAMETER_VALUE, e.getKey() + ": " + problem.get());
                    }
                    String v = leaf.schema.canonical(e.getValue());
                    if (!v.equals(leaf.value)) {
                        leaf.value = v;
                        changed.add(leaf.path);
                    }
                }
            } catch (CpeFaultException | RuntimeException e) {
                restore(before);
                throw e;
            }
        }
        if (!change.deleteObjects().isEmpty() || !change.addObjects().isEmpty()) {
            fireInstances(ChangeOrigin.ACS);
        }
        if (!changed.isEmpty()) {
            fireValues(changed, ChangeOrigin.ACS);
        }
    }

    /**
     * The device's configuration as the ACS could set it again: the instances of tables the ACS may add to and the
     * values of writable parameters, without hidden ones (passwords) and computed ones.
     */
    public synchronized ConfigurationChange writableConfiguration() {
        List<String> instances = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        walk("", node -> {
            if (node instanceof Node n && n.isInstance() && n.schema.writable()) {
                instances.add(n.path);
            } else if (node instanceof Leaf leaf && leaf.schema.writable() && !leaf.computed()
                    && !leaf.schema.command() && !leaf.schema.hidden()) {
                values.put(leaf.path, leaf.value);
            }
        });
        return new ConfigurationChange(List.of(), instances, values);
    }

    // ---- helpers ----

    private Leaf checkedParameterKey(String parameterKey) throws CpeFaultException {
        Leaf keyLeaf = parameters.get(parameterKeyPath);
        if (keyLeaf != null) {
            Optional<String> problem = keyLeaf.schema.checkValue(parameterKey == null ? "" : parameterKey);
            if (problem.isPresent()) {
                throw new CpeFaultException(FaultCode.CPE_INVALID_ARGUMENTS, "ParameterKey: " + problem.get());
            }
        }
        return keyLeaf;
    }

    private void storeParameterKey(Leaf keyLeaf, String parameterKey, Set<String> changed) {
        String key = parameterKey == null ? "" : parameterKey;
        if (keyLeaf != null && !key.equals(keyLeaf.value)) {
            keyLeaf.value = key;
            changed.add(parameterKeyPath);
        }
    }

    private Leaf leaf(String path) {
        Leaf leaf = parameters.get(path);
        if (leaf == null) {
            throw new IllegalArgumentException("no such parameter: " + path);
        }
        return leaf;
    }

    /** The parameters a name stands for: one for a full name, all below for a partial path. */
    private List<Leaf> leaves(String name) throws CpeFaultException {
        String n = name == null ? "" : name.strip();
        List<Leaf> result = new ArrayList<>();
        if (n.isEmpty() || n.endsWith(".")) {
            if (!objects.containsKey(n)) {
                throw new CpeFaultException(FaultCode.INVALID_PARAMETER_NAME, n);
            }
            walk(n, node -> {
                if (node instanceof Leaf leaf) {
                    result.add(leaf);
                }
            });
        } else {
            Leaf leaf = parameters.get(n);
            if (leaf == null) {
                throw new CpeFaultException(FaultCode.INVALID_PARAMETER_NAME, n);
            }
            result.add(leaf);
        }
        return result;
    }

    private static ParameterValueStruct acsView(Leaf leaf) {
        ParameterSchema s = leaf.schema;
        return new ParameterValueStruct(leaf.path, s.hidden() ? "" : leaf.read(), s.xsdType());
    }

    private ParameterInfoStruct info(String path) {
        Leaf leaf = parameters.get(path);
        return leaf != null ? info(leaf) : info(objects.get(path));
    }

    private static ParameterInfoStruct info(Leaf leaf) {
        return new ParameterInfoStruct(leaf.path, leaf.schema.writable() && !leaf.computed());
    }

    /** A table is writable when the ACS may add to it, an instance when it may delete it (TR-069 A.3.2.3). */
    private static ParameterInfoStruct info(Node node) {
        return new ParameterInfoStruct(node.path, (node.table || node.isInstance()) && node.schema.writable());
    }

    private static SetParameterValuesFault fault(String name, FaultCode code, String detail) {
        return new SetParameterValuesFault(name, code.code(), detail == null ? code.text() : code.text() + ": " + detail);
    }

    /** Every object and parameter below an object (not the object itself), depth first, as Node or Leaf. */
    private void walk(String object, Consumer<Object> visitor) {
        for (String child : objects.get(object).children) {
            Node node = objects.get(child);
            if (node != null) {
                visitor.accept(node);
                walk(child, visitor);
            } else {
                visitor.accept(parameters.get(child));
            }
        }
    }

    private void fireValues(Set<String> paths, ChangeOrigin origin) {
        Set<String> unmodifiable = Set.copyOf(paths);
        for (ModelListener l : listeners) {
            l.valuesChanged(unmodifiable, origin);
        }
    }

    private void fireInstances(ChangeOrigin origin) {
        for (ModelListener l : listeners) {
            l.instancesChanged(origin);
        }
    }
}
