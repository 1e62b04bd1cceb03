package org.jcwmp.acs.auth;

/**
 * Who makes an NBI call: the user, the role in force (a token may carry less than its user's role) and how they
 * authenticated ("token:ID" or "session").
 */
public record Principal(String username, Role role, String via) {
    public boolean viaSession() {
        return "session".equals(via);
    }
}
