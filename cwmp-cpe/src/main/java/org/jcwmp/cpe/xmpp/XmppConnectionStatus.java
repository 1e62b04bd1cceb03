package org.jcwmp.cpe.xmpp;

/** Device.XMPP.Connection.{i}.Status, with the data model's spelling in {@link #value()}. */
public enum XmppConnectionStatus {
    ENABLED("Enabled"),
    DISABLED("Disabled"),
    CONNECTING("Connecting"),
    /** The server did not answer (refused, unreachable, name not found, timed out). */
    SERVER_NOT_PRESENT("ServerNotPresent"),
    /** The settings cannot work (no domain, a username that is not a JID localpart, TLS demanded but absent). */
    ERROR_MISCONFIGURED("Error_Misconfigured"),
    /** The server refused Username/Password, or TLS failed (an untrusted certificate). */
    ERROR_AUTHENTICATION_FAILURE("Error_AuthenticationFailure"),
    ERROR("Error");

    private final String value;

    XmppConnectionStatus(String value) {
        this.value = value;
    }

    /** The value for Device.XMPP.Connection.{i}.Status. */
    public String value() {
        return value;
    }
}
