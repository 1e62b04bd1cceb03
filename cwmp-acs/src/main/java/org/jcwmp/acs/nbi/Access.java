package org.jcwmp.acs.nbi;

import io.javalin.security.RouteRole;
import org.jcwmp.acs.auth.Role;

/** The least a caller needs for a route. Every route names one; a route without one is refused (fail closed). */
public enum Access implements RouteRole {
    /** Anyone: the UI's files, the OpenAPI document, login. */
    PUBLIC(null),
    /** Any authenticated user. */
    READ(Role.READ_ONLY),
    /** Operators and admins: changes to devices, tasks, tags, faults, presets. */
    WRITE(Role.OPERATOR),
    /** Admins: users, other users' tokens, the audit log. */
    ADMIN(Role.ADMIN);

    private final Role least;

    Access(Role least) {
        this.least = least;
    }

    public Role least() {
        return least;
    }
}
