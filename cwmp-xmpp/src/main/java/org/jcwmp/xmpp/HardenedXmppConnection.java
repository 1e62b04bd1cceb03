package org.jcwmp.xmpp;

import java.io.IOException;
import org.jivesoftware.smack.SmackException.NotConnectedException;
import org.jivesoftware.smack.packet.ErrorIQ;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An XMPPTCPConnection that one odd stanza cannot cut. Two holes in Smack 4.4.8, both reachable by anyone who can
 * address us:
 * <ul>
 *   <li>It answers an IQ request nobody handles (an unknown namespace) with an error echoing the request, but writes
 *       the echo of an unparsed request as broken XML ({@code UnparsedIQ} escapes the element without closing its
 *       start tag); the server then ends our stream with not-well-formed. Here every {@link ErrorIQ} goes out without
 *       the echo, which RFC 6120 8.3.1 leaves optional.</li>
 *   <li>An error with a condition it does not know (some CPEs in the field send {@code <not-autorized/>}) throws
 *       IllegalStateException in the reader, which closes the connection. Here such a stanza is skipped and logged,
 *       as Smack does for the parse errors it expects.</li>
 * </ul>
 */
public final class HardenedXmppConnection extends XMPPTCPConnection {
    private static final Logger log = LoggerFactory.getLogger(HardenedXmppConnection.class);

    public HardenedXmppConnection(XMPPTCPConnectionConfiguration config) {
        super(config);
    }

    @Override
    protected void sendStanzaInternal(Stanza stanza) throws NotConnectedException, InterruptedException {
        super.sendStanzaInternal(stanza instanceof ErrorIQ error ? withoutEcho(error) : stanza);
    }

    @Override
    protected void parseAndProcessStanza(XmlPullParser parser)
            throws XmlPullParserException, IOException, InterruptedException {
        int depth = parser.getDepth();
        try {
            super.parseAndProcessStanza(parser);
        } catch (RuntimeException e) {
            // Skip to the stanza's end tag, where the reader expects to continue.
            while (!(parser.getEventType() == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth)) {
                if (parser.next() == XmlPullParser.Event.END_DOCUMENT) {
                    throw new IOException("stream ended inside a stanza", e);
                }
            }
            log.warn("skipped a stanza Smack could not read: {}", e.toString());
        }
    }

    /** The same error answer (id, addresses, error) without the request's child element. */
    static IQ withoutEcho(ErrorIQ error) {
        IQ clean = new IQ((String) null, null) {
            @Override
            protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
                return null;
            }
        };
        clean.setType(IQ.Type.error);
        clean.setStanzaId(error.getStanzaId());
        clean.setTo(error.getTo());
        clean.setFrom(error.getFrom());
        clean.setError(error.getError());
        return clean;
    }
}
