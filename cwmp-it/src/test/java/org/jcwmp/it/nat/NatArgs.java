package org.jcwmp.it.nat;

import java.util.HashMap;
import java.util.Map;

/** key=value arguments of the NAT test's main classes. */
final class NatArgs {
    private final Map<String, String> values = new HashMap<>();

    NatArgs(String[] args) {
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected key=value: " + a);
            }
            values.put(a.substring(0, eq), a.substring(eq + 1));
        }
    }

    String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v;
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    boolean has(String key) {
        return values.containsKey(key) && !values.get(key).isEmpty();
    }
}
