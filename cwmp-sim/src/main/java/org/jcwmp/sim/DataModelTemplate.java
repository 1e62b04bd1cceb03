package org.jcwmp.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jcwmp.core.datamodel.ParameterSchema;
import org.jcwmp.core.rpc.ParameterInfoStruct;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.cpe.model.CpeFaultException;
import org.jcwmp.cpe.model.DataModel;
import org.jcwmp.cpe.model.DeviceProfile;

/**
 * A device profile's data model, read once and shared by every simulated CPE: names in tree order, default values,
 * xsi:types, writability and schema. Immutable; a simulated CPE keeps only its differences from it.
 */
public final class DataModelTemplate {

    private final String profileName;
    private final String root;
    /** Objects and parameters in tree order, as GetParameterNames reports them; objects end with '.'. */
    private final List<ParameterInfoStruct> tree;
    private final Map<String, Integer> parameterIndex;
    private final Map<String, Integer> treeIndex;
    private final String[] names;
    private final String[] values;
    private final String[] types;
    private final boolean[] writable;
    private final ParameterSchema[] schemas;
    private final List<String> forcedInform;

    private DataModelTemplate(String profileName, DataModel model) throws CpeFaultException {
        this.profileName = profileName;
        this.root = model.root();
        List<ParameterInfoStruct> all = model.getParameterNames("", false);
        this.tree = List.copyOf(all);
        Map<String, Integer> ti = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            ti.put(all.get(i).name(), i);
        }
        this.treeIndex = Map.copyOf(ti);
        List<ParameterValueStruct> vals = model.getParameterValues(List.of(root));
        int n = vals.size();
        names = new String[n];
        values = new String[n];
        types = new String[n];
        writable = new boolean[n];
        schemas = new ParameterSchema[n];
        Map<String, Integer> pi = new HashMap<>();
        for (int i = 0; i < n; i++) {
            ParameterValueStruct pv = vals.get(i);
            names[i] = pv.name();
            values[i] = pv.value() == null ? "" : pv.value().intern();
            types[i] = pv.type() == null ? "xsd:string" : pv.type().intern();
            Integer t = ti.get(pv.name());
            writable[i] = t != null && all.get(t).writable();
            schemas[i] = model.parameterSchema(pv.name());
            pi.put(pv.name(), i);
        }
        this.parameterIndex = Map.copyOf(pi);
        List<String> forced = new ArrayList<>();
        for (ParameterValueStruct pv : model.informParameters(List.of())) {
            forced.add(pv.name());
        }
        this.forcedInform = List.copyOf(forced);
    }

    /** Reads a profile of cwmp-cpe (e.g. "home-gateway") once. */
    public static DataModelTemplate of(String profileName) {
        try {
            return new DataModelTemplate(profileName, new DataModel(DeviceProfile.load(profileName)));
        } catch (CpeFaultException e) {
            throw new IllegalStateException("profile " + profileName + " cannot be read: " + e.getMessage(), e);
        }
    }

    public String profileName() {
        return profileName;
    }

    /** "Device." or "InternetGatewayDevice.". */
    public String root() {
        return root;
    }

    public int parameterCount() {
        return names.length;
    }

    /** The index of a parameter, or -1. */
    public int index(String name) {
        Integer i = parameterIndex.get(name);
        return i == null ? -1 : i;
    }

    public String name(int index) {
        return names[index];
    }

    public String defaultValue(int index) {
        return values[index];
    }

    public String type(int index) {
        return types[index];
    }

    public boolean writable(int index) {
        return writable[index];
    }

    /** The schema of a parameter, null when the profile has none for it. */
    public ParameterSchema schema(int index) {
        return schemas[index];
    }

    /** Forced-inform parameters, in tree order. */
    public List<String> forcedInform() {
        return forcedInform;
    }

    /** Indexes of every parameter at or under a partial path (ending with '.'), in tree order; empty when none. */
    public List<Integer> under(String partialPath) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (names[i].startsWith(partialPath)) {
                out.add(i);
            }
        }
        return out;
    }

    /** True when the path names an object of the template (partial path ending with '.'). */
    public boolean isObject(String path) {
        Integer t = treeIndex.get(path);
        return t != null && path.endsWith(".");
    }

    /**
     * GetParameterNames over the template.
     *
     * @return null when the path is unknown
     */
    public List<ParameterInfoStruct> names(String path, boolean nextLevel) {
        String p = path == null ? "" : path.strip();
        if (p.isEmpty()) {
            if (!nextLevel) {
                return tree;
            }
            return List.of(tree.get(0));
        }
        Integer t = treeIndex.get(p);
        if (t == null) {
            return null;
        }
        if (!p.endsWith(".")) {
            return nextLevel ? null : List.of(tree.get(t));
        }
        List<ParameterInfoStruct> out = new ArrayList<>();
        if (!nextLevel) {
            out.add(tree.get(t));
        }
        for (int i = t + 1; i < tree.size(); i++) {
            String name = tree.get(i).name();
            if (!name.startsWith(p)) {
                break;
            }
            if (!nextLevel || isChild(p, name)) {
                out.add(tree.get(i));
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static boolean isChild(String parent, String name) {
        String rest = name.substring(parent.length());
        int dot = rest.indexOf('.');
        return dot < 0 || dot == rest.length() - 1;
    }
}
