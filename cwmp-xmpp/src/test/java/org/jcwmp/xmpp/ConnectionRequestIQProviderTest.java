package org.jcwmp.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jcwmp.core.xmpp.XmppConnReq;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The stanza as TR-069 Annex K writes it, through Smack's parser and our provider; no server. */
class ConnectionRequestIQProviderTest {
    @BeforeAll
    static void register() {
        ConnectionRequestIQProvider.register();
    }

    private static Stanza parse(String xml) throws Exception {
        return PacketParserUtils.parseStanza(xml);
    }

    @Test
    void readsTheStandardsExample() throws Exception {
        Stanza s = parse("<iq type=\"get\" from=\"acs@example.com/acs1\" to=\"cpe@example.com/cpe1\" id=\"cr001\">"
                + "<connectionRequest xmlns=\"urn:broadband-forum-org:cwmp:xmppConnReq-1-0\">"
                + "<username>username</username><password>password</password></connectionRequest></iq>");
        assertThat(s).isInstanceOf(ConnectionRequestIQ.class);
        ConnectionRequestIQ cr = (ConnectionRequestIQ) s;
        assertThat(cr.getType()).isEqualTo(IQ.Type.get);
        assertThat(cr.getStanzaId()).isEqualTo("cr001");
        assertThat(cr.getFrom().toString()).isEqualTo("acs@example.com/acs1");
        assertThat(cr.username()).isEqualTo("username");
        assertThat(cr.password()).isEqualTo("password");
    }

    @Test
    void unescapesAndKeepsBlanksOfCredentials() throws Exception {
        ConnectionRequestIQ cr = (ConnectionRequestIQ) parse("<iq type='get' id='a'>"
                + "<connectionRequest xmlns='urn:broadband-forum-org:cwmp:xmppConnReq-1-0'>"
                + "<password> p&amp;&lt;w </password><username>Us\u00e9r</username></connectionRequest></iq>");
        assertThat(cr.username()).isEqualTo("Us\u00e9r");
        assertThat(cr.password()).isEqualTo(" p&<w ");
    }

    @Test
    void missingElementsAreNullAndForeignOnesIgnored() throws Exception {
        ConnectionRequestIQ cr = (ConnectionRequestIQ) parse("<iq type='get' id='a'>"
                + "<connectionRequest xmlns='urn:broadband-forum-org:cwmp:xmppConnReq-1-0'>"
                + "<x xmlns='urn:other'><password>nested</password></x><username>u</username>"
                + "</connectionRequest></iq>");
        assertThat(cr.username()).isEqualTo("u");
        assertThat(cr.password()).isNull();
    }

    @Test
    void toleratesAPrefixedRequestWithUnqualifiedChildren() throws Exception {
        ConnectionRequestIQ cr = (ConnectionRequestIQ) parse("<iq type='get' id='a'>"
                + "<cr:connectionRequest xmlns:cr='urn:broadband-forum-org:cwmp:xmppConnReq-1-0'>"
                + "<username>u</username><password>p</password></cr:connectionRequest></iq>");
        assertThat(cr.username()).isEqualTo("u");
        assertThat(cr.password()).isEqualTo("p");
    }

    @Test
    void anotherNamespaceIsNotAConnectionRequest() throws Exception {
        Stanza s = parse("<iq type='get' id='a'><connectionRequest xmlns='urn:broadband-forum-org:cwmp:xmppConnReq-2-0'>"
                + "<username>u</username><password>p</password></connectionRequest></iq>");
        assertThat(s).isNotInstanceOf(ConnectionRequestIQ.class);
    }

    @Test
    void theErrorAnswerEchoesTheRequestBesideTheError() throws Exception {
        ConnectionRequestIQ request = (ConnectionRequestIQ) parse("<iq type='get' id='cr007' from='acs@example.com/a'"
                + " to='cpe@example.com/c'><connectionRequest xmlns='urn:broadband-forum-org:cwmp:xmppConnReq-1-0'>"
                + "<username>u&amp;</username><password>p</password></connectionRequest></iq>");
        ConnectionRequestIQ answer = ConnectionRequestIQ.errorAnswer(request, request.username(), request.password(),
                StanzaError.Condition.not_authorized, StanzaError.Type.CANCEL);
        answer.setFrom(JidCreate.from("cpe@example.com/c"));
        String xml = answer.toXML().toString();
        Element iq = dom(xml);
        assertThat(iq.getAttribute("type")).isEqualTo("error");
        assertThat(iq.getAttribute("id")).isEqualTo("cr007");
        assertThat(iq.getAttribute("to")).isEqualTo("acs@example.com/a");
        Element cr = (Element) iq.getElementsByTagNameNS(XmppConnReq.NAMESPACE, "connectionRequest").item(0);
        assertThat(cr.getElementsByTagNameNS(XmppConnReq.NAMESPACE, "username").item(0).getTextContent()).isEqualTo("u&");
        Element error = (Element) iq.getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("type")).isEqualTo("cancel");
        assertThat(error.getElementsByTagNameNS(XmppConnReq.STANZAS_NAMESPACE, XmppConnReq.NOT_AUTHORIZED).getLength())
                .isEqualTo(1);
        // and Smack reads it back as an error with that condition
        IQ back = (IQ) parse(xml);
        assertThat(back.getType()).isEqualTo(IQ.Type.error);
        assertThat(back.getError().getCondition()).isEqualTo(StanzaError.Condition.not_authorized);
        assertThat(back.getError().getType()).isEqualTo(StanzaError.Type.CANCEL);
    }

    private static Element dom(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return d.getDocumentElement();
    }
}
