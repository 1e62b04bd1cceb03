package org.jcwmp.core.xmpp;

/**
 * Names of the XMPP connection request (TR-069 Annex K, schema cwmp-xmppConnReq-1-0):
 * {@code <iq type="get"><connectionRequest xmlns="urn:broadband-forum-org:cwmp:xmppConnReq-1-0">
 * <username>U</username><password>P</password></connectionRequest></iq>}, answered by an empty result or by an error
 * in the XMPP stanza-error namespace.
 */
public final class XmppConnReq {
    /** The namespace of the connectionRequest element. */
    public static final String NAMESPACE = "urn:broadband-forum-org:cwmp:xmppConnReq-1-0";
    public static final String ELEMENT = "connectionRequest";
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    /** RFC 6120 8.3: where the error conditions live. */
    public static final String STANZAS_NAMESPACE = "urn:ietf:params:xml:ns:xmpp-stanzas";
    /** The sender is not in ConnReqAllowedJabberIDs, or the request is in a namespace the CPE does not serve. */
    public static final String SERVICE_UNAVAILABLE = "service-unavailable";
    /** The username or password is not ConnectionRequestUsername / ConnectionRequestPassword. */
    public static final String NOT_AUTHORIZED = "not-authorized";

    private XmppConnReq() {
    }
}
