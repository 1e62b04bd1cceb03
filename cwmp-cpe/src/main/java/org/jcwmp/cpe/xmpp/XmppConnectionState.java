package org.jcwmp.cpe.xmpp;

import java.time.Instant;

/**
 * What the agent writes into Device.XMPP.Connection.{i}. (and ManagementServer.ConnReqJabberID) when the link changes.
 *
 * @param status         Status
 * @param jabberId       JabberID: the full JID the server bound at the last login; kept while the link is down, as
 *                       TR-181 asks of ConnReqJabberID, empty before the first login
 * @param tlsEstablished TLSEstablished: the link is up and encrypted
 * @param lastChange     LastChangeDate
 * @param detail         why, for logs (the last error), may be empty
 */
public record XmppConnectionState(XmppConnectionStatus status, String jabberId, boolean tlsEstablished,
                                  Instant lastChange, String detail) {
    public boolean connected() {
        return status == XmppConnectionStatus.ENABLED;
    }
}
