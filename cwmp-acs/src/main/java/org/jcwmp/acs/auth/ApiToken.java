package org.jcwmp.acs.auth;

import java.time.Instant;

/** An API token as listed: never the secret, which is shown once when the token is made. role null: the user's. */
public record ApiToken(String id, String username, String label, Role role, Instant created, Instant lastUsed) {
}
