package org.jcwmp.acs.auth;

import java.time.Instant;

/** An NBI user (the password hash never leaves the store). */
public record User(String username, Role role, Instant created) {
}
