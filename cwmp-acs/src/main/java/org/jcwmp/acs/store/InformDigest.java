package org.jcwmp.acs.store;

import org.jcwmp.core.rpc.ParameterValueStruct;

import java.util.List;

/**
 * A 64-bit digest (FNV-1a) of an Inform's ParameterList, names, values and types in their order: equal digests mean
 * the device reported the same as last time, up to a chance of 2^-64 per change. Not a defence against a CPE that
 * crafts collisions: it could only keep its own values from being stored, as it can by not reporting them.
 */
final class InformDigest {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private InformDigest() {
    }

    static long of(List<ParameterValueStruct> parameters) {
        long h = OFFSET;
        for (ParameterValueStruct p : parameters) {
            h = add(h, p.name());
            h = add(h, p.value());
            h = add(h, p.type());
        }
        return h;
    }

    /** Adds the string's chars and an end mark that no char gives (so "ab","c" and "a","bc" differ; null differs from ""). */
    private static long add(long h, String s) {
        if (s != null) {
            for (int i = 0; i < s.length(); i++) {
                h = (h ^ s.charAt(i)) * PRIME;
            }
        }
        return (h ^ (s == null ? 0x10000 : 0x10001)) * PRIME;
    }
}
