package org.jcwmp.acs.auth;

import java.time.Instant;

/** A web UI login: the cookie value (secret) and whom it stands for until it expires. */
public record LoginSession(String secret, Principal principal, Instant expires) {
}
