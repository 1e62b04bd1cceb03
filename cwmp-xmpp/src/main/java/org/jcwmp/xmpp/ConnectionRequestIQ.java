package org.jcwmp.xmpp;

import org.jcwmp.core.xmpp.XmppConnReq;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;

/**
 * The connectionRequest IQ of TR-069 Annex K: {@code <iq type="get" to=CPE><connectionRequest
 * xmlns="urn:broadband-forum-org:cwmp:xmppConnReq-1-0"><username>U</username><password>P</password>
 * </connectionRequest></iq>}. The ACS sends it with the CPE's ConnectionRequestUsername and Password; the CPE reads
 * it (see {@link ConnectionRequestIQProvider}) and also uses it as the body of its error answers, which echo the
 * request beside the {@code <error/>} as the standard's examples do.
 */
public final class ConnectionRequestIQ extends IQ {
    private final String username;
    private final String password;

    /**
     * @param username the {@code <username>} text, null when the element was missing
     * @param password the {@code <password>} text, null when the element was missing
     */
    public ConnectionRequestIQ(String username, String password) {
        super(XmppConnReq.ELEMENT, XmppConnReq.NAMESPACE);
        this.username = username;
        this.password = password;
        setType(Type.get);
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /**
     * The error answer to {@code request}: the request's username and password echoed, with
     * {@code <error type=..><condition/></error>}, addressed back to its sender under its id.
     */
    public static ConnectionRequestIQ errorAnswer(IQ request, String username, String password,
                                                  StanzaError.Condition condition, StanzaError.Type type) {
        ConnectionRequestIQ answer = new ConnectionRequestIQ(username, password);
        answer.setType(Type.error);
        answer.setStanzaId(request.getStanzaId());
        answer.setTo(request.getFrom());
        answer.setError(StanzaError.getBuilder(condition).setType(type).build());
        return answer;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.rightAngleBracket();
        xml.element(XmppConnReq.USERNAME, username == null ? "" : username);
        xml.element(XmppConnReq.PASSWORD, password == null ? "" : password);
        return xml;
    }
}
