package org.jcwmp.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jcwmp.core.xmpp.XmppConnReq;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** What goes on the wire, checked with the JDK's XML parser. No server. */
class ConnectionRequestIQTest {
    @Test
    void writesTheStanzaOfAnnexK() throws Exception {
        ConnectionRequestIQ iq = new ConnectionRequestIQ("cr<user>", "p&ss \"1\"");
        iq.setTo(JidCreate.from("cpe-1@example.com/cwmp"));
        iq.setStanzaId("cr001");
        Element e = dom(iq.toXML().toString());
        assertThat(e.getLocalName()).isEqualTo("iq");
        assertThat(e.getAttribute("type")).isEqualTo("get");
        assertThat(e.getAttribute("to")).isEqualTo("cpe-1@example.com/cwmp");
        assertThat(e.getAttribute("id")).isEqualTo("cr001");
        Element cr = firstElement(e);
        assertThat(cr.getLocalName()).isEqualTo(XmppConnReq.ELEMENT);
        assertThat(cr.getNamespaceURI()).isEqualTo(XmppConnReq.NAMESPACE);
        Element username = firstElement(cr);
        assertThat(username.getLocalName()).isEqualTo("username");
        assertThat(username.getNamespaceURI()).isEqualTo(XmppConnReq.NAMESPACE);
        assertThat(username.getTextContent()).isEqualTo("cr<user>");
        Element password = (Element) next(username);
        assertThat(password.getLocalName()).isEqualTo("password");
        assertThat(password.getTextContent()).isEqualTo("p&ss \"1\"");
        assertThat(next(password)).isNull();
    }

    @Test
    void emptyCredentialsStillWriteBothElements() throws Exception {
        Element cr = firstElement(dom(new ConnectionRequestIQ(null, "").toXML().toString()));
        assertThat(cr.getElementsByTagNameNS(XmppConnReq.NAMESPACE, "username").getLength()).isEqualTo(1);
        assertThat(cr.getElementsByTagNameNS(XmppConnReq.NAMESPACE, "password").getLength()).isEqualTo(1);
    }

    private static Element dom(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static Node next(Element e) {
        for (Node n = e.getNextSibling(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                return n;
            }
        }
        return null;
    }
}
