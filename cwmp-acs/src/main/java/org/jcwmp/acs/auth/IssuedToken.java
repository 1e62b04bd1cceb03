package org.jcwmp.acs.auth;

/** A new API token with its secret, which the ACS keeps only hashed: show it once. */
public record IssuedToken(ApiToken token, String secret) {
}
