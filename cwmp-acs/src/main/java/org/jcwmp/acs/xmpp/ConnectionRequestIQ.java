package org.jcwmp.acs.xmpp;

import java.util.Objects;
import org.jcwmp.core.xmpp.XmppConnReq;
import org.jivesoftware.smack.packet.IQ;

/**
 * The connectionRequest IQ the ACS sends (TR-069 Annex K): {@code <iq type="get" to=CPE><connectionRequest
 * xmlns="urn:broadband-forum-org:cwmp:xmppConnReq-1-0"><username>U</username><password>P</password>
 * </connectionRequest></iq>}, with the CPE's ConnectionRequestUsername and ConnectionRequestPassword.
 */
public final class ConnectionRequestIQ extends IQ {
    private final String username;
    private final String password;

    public ConnectionRequestIQ(String username, String password) {
        super(XmppConnReq.ELEMENT, XmppConnReq.NAMESPACE);
        this.username = Objects.requireNonNullElse(username, "");
        this.password = Objects.requireNonNullElse(password, "");
        setType(Type.get);
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.rightAngleBracket();
        xml.element(XmppConnReq.USERNAME, username);
        xml.element(XmppConnReq.PASSWORD, password);
        return xml;
    }
}
