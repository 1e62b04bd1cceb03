package org.jcwmp.cpe.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.core.rpc.ParameterInfoStruct;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.SetParameterValuesFault;

/**
 * The CPE's parameter tree with the get/set semantics of TR-069: partial paths, NextLevel, atomic
 * SetParameterValues with a fault per failing parameter.
 *
 * <p>Objects are created from the parameter paths; a parameter's value is either stored here (and persisted by
 * the agent) or read from a binding each time (UpTime). Thread-safe; listeners run after the lock is released.
 */
public final class DataModel {
    private final String parameterKeyPath;
    /** Object path ("Device.DeviceInfo.") to the names of its children (objects end with '.'), in definition order. */
    private final Map<String, LinkedHashSet<String>> objects = new HashMap<>();
    private final Map<String, Leaf> parameters = new HashMap<>();
    private final List<ValueChangeListener> listeners = new CopyOnWriteArrayList<>();

    private static final class Leaf {
        final ParameterDefinition definition;
        String value;
        Supplier<String> binding;

        Leaf(ParameterDefinition definition, String value) {
            this.definition = definition;
            this.value = value;
        }

        String read() {
            return binding != null ? binding.get() : value;
        }
    }

    /**
     * @param parameterKeyPath where SetParameterValues stores its ParameterKey, e.g.
     *                         "Device.ManagementServer.ParameterKey"; it must be defined before the first set
     */
    public DataModel(String parameterKeyPath) {
        this.parameterKeyPath = Objects.requireNonNull(parameterKeyPath);
        objects.put("", new LinkedHashSet<>());
    }

    // ---- definition ----

    /** Adds a parameter (and the objects above it) with its initial value. */
    public synchronized void define(ParameterDefinition definition, String initialValue) {
        if (parameters.containsKey(definition.path())) {
            throw new IllegalArgumentException("defined twice: " + definition.path());
        }
        String value = definition.check(initialValue);
        String path = definition.path();
        String parent = "";
        int dot;
        int from = 0;
        while ((dot = path.indexOf('.', from)) >= 0) {
            String object = path.substring(0, dot + 1);
            objects.computeIfAbsent(parent, k -> new LinkedHashSet<>()).add(object);
            objects.computeIfAbsent(object, k -> new LinkedHashSet<>());
            parent = object;
            from = dot + 1;
        }
        if (parameters.containsKey(parent.substring(0, Math.max(0, parent.length() - 1)))) {
            throw new IllegalArgumentException("a parameter cannot hold children: " + path);
        }
        objects.get(parent).add(path);
        parameters.put(path, new Leaf(definition, value));
    }

    /** Makes a parameter's value computed on every read (e.g. UpTime); such values are not stored. */
    public synchronized void bind(String path, Supplier<String> reader) {
        leaf(path).binding = Objects.requireNonNull(reader);
    }

    public void addListener(ValueChangeListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ValueChangeListener listener) {
        listeners.remove(listener);
    }

    // ---- local access (the agent and the device's own code) ----

    public synchronized boolean contains(String path) {
        return parameters.containsKey(path);
    }

    public synchronized ParameterDefinition definition(String path) {
        return leaf(path).definition;
    }

    /** The actual value, hidden ones included. */
    public synchronized String value(String path) {
        return leaf(path).read();
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
            if (leaf.binding != null) {
                throw new IllegalArgumentException("computed, cannot be set: " + path);
            }
            String v = leaf.definition.check(value);
            changed = !v.equals(leaf.value);
            leaf.value = v;
        }
        if (changed) {
            fire(Set.of(path), origin);
        }
    }

    /** Every stored (not computed) value, for persistence. */
    public synchronized Map<String, String> storedValues() {
        Map<String, String> values = new LinkedHashMap<>();
        walk("", path -> {
            Leaf leaf = parameters.get(path);
            if (leaf.binding == null) {
                values.put(path, leaf.value);
            }
        });
        return values;
    }

    /**
     * Puts persisted values back; unknown paths, computed parameters and values that no longer fit (the model
     * changed between versions) are skipped. Returns the skipped paths. Listeners are not told.
     */
    public synchronized Set<String> restore(Map<String, String> values) {
        Set<String> skipped = new HashSet<>();
        values.forEach((path, value) -> {
            Leaf leaf = parameters.get(path);
            try {
                if (leaf == null || leaf.binding != null) {
                    skipped.add(path);
                } else {
                    leaf.value = leaf.definition.check(value);
                }
            } catch (IllegalArgumentException e) {
                skipped.add(path);
            }
        });
        return skipped;
    }

    /** The forced-inform parameters with their values, in model order. */
    public synchronized List<ParameterValueStruct> forcedInformParameters() {
        List<ParameterValueStruct> list = new ArrayList<>();
        walk("", path -> {
            Leaf leaf = parameters.get(path);
            if (leaf.definition.forcedInform()) {
                list.add(acsView(leaf));
            }
        });
        return list;
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
            String n = name == null ? "" : name.strip();
            if (n.isEmpty() || n.endsWith(".")) {
                if (!objects.containsKey(n)) {
                    throw new CpeFaultException(FaultCode.INVALID_PARAMETER_NAME, n);
                }
                walk(n, path -> result.add(acsView(parameters.get(path))));
            } else {
                Leaf leaf = parameters.get(n);
                if (leaf == null) {
                    throw new CpeFaultException(FaultCode.INVALID_PARAMETER_NAME, n);
                }
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
        if (parameters.containsKey(p)) {
            if (nextLevel) {
                throw new CpeFaultException(FaultCode.CPE_INVALID_ARGUMENTS, "NextLevel true for parameter " + p);
            }
            result.add(info(p));
            return result;
        }
        if (!(p.isEmpty() || p.endsWith(".")) || !objects.containsKey(p)) {
            throw new CpeFaultException(FaultCode.INVALID_PARAMETER_NAME, p);
        }
        if (nextLevel) {
            objects.get(p).forEach(child -> result.add(info(child)));
        } else {
            if (!p.isEmpty()) {
                result.add(info(p));
            }
            walkAll(p, child -> result.add(info(child)));
        }
        return result;
    }

    /**
     * SetParameterValues, all or nothing: every parameter is checked first; on any failure nothing changes and the
     * fault (9003) lists each failing parameter. On success ParameterKey is stored with the values.
     */
    public void setParameterValues(List<ParameterValueStruct> parameterList, String parameterKey)
            throws CpeFaultException {
        Set<String> changed = new LinkedHashSet<>();
        synchronized (this) {
            Set<String> seen = new HashSet<>();
            for (ParameterValueStruct pv : parameterList) {
                if (!seen.add(pv.name())) {
                    throw new CpeFaultException(FaultCode.CPE_INVALID_ARGUMENTS, "parameter set twice: " + pv.name());
                }
            }
            Map<String, String> checked = new LinkedHashMap<>();
            List<SetParameterValuesFault> faults = new ArrayList<>();
            for (ParameterValueStruct pv : parameterList) {
                Leaf leaf = pv.name() == null ? null : parameters.get(pv.name());
                if (leaf == null) {
                    faults.add(fault(pv.name(), FaultCode.INVALID_PARAMETER_NAME));
                } else if (!leaf.definition.writable() || leaf.binding != null) {
                    faults.add(fault(pv.name(), FaultCode.NON_WRITABLE_PARAMETER));
                } else if (pv.type() != null && ParameterType.ofXsd(pv.type()) != leaf.definition.type()) {
                    faults.add(fault(pv.name(), FaultCode.INVALID_PARAMETER_TYPE));
                } else {
                    try {
                        checked.put(pv.name(), leaf.definition.check(pv.value()));
                    } catch (IllegalArgumentException e) {
                        faults.add(fault(pv.name(), FaultCode.INVALID_PARAMETER_VALUE));
                    }
                }
            }
            if (!faults.isEmpty()) {
                throw CpeFaultException.setParameterValues(faults);
            }
            Leaf keyLeaf = leaf(parameterKeyPath);
            String key;
            try {
                key = keyLeaf.definition.check(parameterKey == null ? "" : parameterKey);
            } catch (IllegalArgumentException e) {
                throw new CpeFaultException(FaultCode.CPE_INVALID_ARGUMENTS, "ParameterKey: " + e.getMessage());
            }
            checked.forEach((path, value) -> {
                Leaf leaf = parameters.get(path);
                if (!value.equals(leaf.value)) {
                    leaf.value = value;
                    changed.add(path);
                }
            });
            if (!key.equals(keyLeaf.value)) {
                keyLeaf.value = key;
                changed.add(parameterKeyPath);
            }
        }
        if (!changed.isEmpty()) {
            fire(changed, ChangeOrigin.ACS);
        }
    }

    // ---- helpers ----

    private Leaf leaf(String path) {
        Leaf leaf = parameters.get(path);
        if (leaf == null) {
            throw new IllegalArgumentException("no such parameter: " + path);
        }
        return leaf;
    }

    private static ParameterValueStruct acsView(Leaf leaf) {
        ParameterDefinition d = leaf.definition;
        return new ParameterValueStruct(d.path(), d.hidden() ? "" : leaf.read(), d.type().xsdName());
    }

    private ParameterInfoStruct info(String path) {
        Leaf leaf = parameters.get(path);
        // Objects are not writable until AddObject/DeleteObject exist.
        return new ParameterInfoStruct(path, leaf != null && leaf.definition.writable() && leaf.binding == null);
    }

    private static SetParameterValuesFault fault(String name, FaultCode code) {
        return new SetParameterValuesFault(name, code.code(), code.text());
    }

    /** Every parameter below an object, depth first in definition order. */
    private void walk(String object, java.util.function.Consumer<String> onParameter) {
        walkAll(object, path -> {
            if (!path.endsWith(".")) {
                onParameter.accept(path);
            }
        });
    }

    /** Every object and parameter below an object (not the object itself), depth first. */
    private void walkAll(String object, java.util.function.Consumer<String> onNode) {
        for (String child : objects.get(object)) {
            onNode.accept(child);
            if (child.endsWith(".")) {
                walkAll(child, onNode);
            }
        }
    }

    private void fire(Set<String> paths, ChangeOrigin origin) {
        Set<String> unmodifiable = Set.copyOf(paths);
        for (ValueChangeListener l : listeners) {
            l.valuesChanged(unmodifiable, origin);
        }
    }
}
