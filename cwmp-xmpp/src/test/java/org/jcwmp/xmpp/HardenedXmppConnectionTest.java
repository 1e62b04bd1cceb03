package org.jcwmp.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jivesoftware.smack.packet.ErrorIQ;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class HardenedXmppConnectionTest {
    @Test
    void theAnswerToAnUnknownNamespaceIsWellFormed() throws Exception {
        IQ unknown = PacketParserUtils.parseStanza("<iq type='get' id='x1' from='acs@example.com/a' to='cpe@example.com/c'>"
                + "<connectionRequest xmlns='urn:broadband-forum-org:cwmp:xmppConnReq-2-0'><username>u</username>"
                + "</connectionRequest></iq>");
        ErrorIQ smacks = IQ.createErrorResponse(unknown, StanzaError.getBuilder(StanzaError.Condition.service_unavailable).build());
        // Smack 4.4.8's own answer is not XML; if this starts to fail, Smack fixed it and the workaround can go.
        assertThatThrownBy(() -> dom(smacks.toXML().toString())).isInstanceOf(Exception.class);

        Element iq = dom(HardenedXmppConnection.withoutEcho(smacks).toXML().toString());
        assertThat(iq.getAttribute("type")).isEqualTo("error");
        assertThat(iq.getAttribute("id")).isEqualTo("x1");
        assertThat(iq.getAttribute("to")).isEqualTo("acs@example.com/a");
        assertThat(iq.getElementsByTagNameNS("urn:ietf:params:xml:ns:xmpp-stanzas", "service-unavailable").getLength())
                .isEqualTo(1);
        assertThat(iq.getElementsByTagName("connectionRequest").getLength()).isZero();
    }

    private static Element dom(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
    }
}
