package org.jcwmp.acs.auth;

import java.util.Arrays;
import java.util.Locale;

/** What an NBI user may do: read-only reads, operator also changes devices, tasks, tags and presets, admin also users. */
public enum Role {
    READ_ONLY, OPERATOR, ADMIN;

    /** The name used in JSON and on the command line: "read-only", "operator", "admin". */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /** @throws IllegalArgumentException naming the roles there are */
    public static Role parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Role r : values()) {
            if (r.jsonName().equals(t) || r.name().equalsIgnoreCase(t)) {
                return r;
            }
        }
        throw new IllegalArgumentException("a role is one of " + Arrays.stream(values()).map(Role::jsonName).toList()
                + ", not \"" + text + "\"");
    }
}
