package org.jcwmp.xmpp;

import java.io.IOException;
import org.jcwmp.core.xmpp.XmppConnReq;
import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.IqProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

/**
 * Reads {@code <connectionRequest>}: the text of {@code <username>} and {@code <password>}, anything else skipped.
 * Lenient on purpose: a missing element becomes null (and fails the credential check, not-authorized) instead of a
 * parse error, which Smack would otherwise treat as fatal for the whole connection.
 */
public final class ConnectionRequestIQProvider extends IqProvider<ConnectionRequestIQ> {
    private static volatile boolean registered;

    /** Registers the provider with Smack (process-wide); idempotent. */
    public static void register() {
        if (!registered) {
            synchronized (ConnectionRequestIQProvider.class) {
                if (!registered) {
                    SmackConfiguration.getVersion(); // Smack initialised before ProviderManager; see the listener
                    ProviderManager.addIQProvider(XmppConnReq.ELEMENT, XmppConnReq.NAMESPACE,
                            new ConnectionRequestIQProvider());
                    registered = true;
                }
            }
        }
    }

    @Override
    public ConnectionRequestIQ parse(XmlPullParser parser, int initialDepth, IqData iqData,
                                     XmlEnvironment xmlEnvironment) throws XmlPullParserException, IOException {
        String username = null;
        String password = null;
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.START_ELEMENT) {
                // Only direct children count, in the schema's namespace (qualified) or, tolerated, in none as a
                // prefixed <cr:connectionRequest> with unprefixed children gives; anything else is skipped whole.
                String ns = parser.getNamespace();
                boolean ours = parser.getDepth() == initialDepth + 1
                        && (XmppConnReq.NAMESPACE.equals(ns) || ns == null || ns.isEmpty());
                String name = parser.getName();
                if (ours && XmppConnReq.USERNAME.equals(name)) {
                    username = text(parser);
                } else if (ours && XmppConnReq.PASSWORD.equals(name)) {
                    password = text(parser);
                } else {
                    skip(parser);
                }
            } else if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth) {
                break;
            } else if (event == XmlPullParser.Event.END_DOCUMENT) {
                break;
            }
        }
        return new ConnectionRequestIQ(username, password);
    }

    /** The element's text, child elements' text included, leaving the parser on its end tag. */
    private static String text(XmlPullParser parser) throws XmlPullParserException, IOException {
        int depth = parser.getDepth();
        StringBuilder b = new StringBuilder();
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.TEXT_CHARACTERS) {
                b.append(parser.getText());
            } else if ((event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth)
                    || event == XmlPullParser.Event.END_DOCUMENT) {
                return b.toString();
            }
        }
    }

    private static void skip(XmlPullParser parser) throws XmlPullParserException, IOException {
        int depth = parser.getDepth();
        while (true) {
            XmlPullParser.Event event = parser.next();
            if ((event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth)
                    || event == XmlPullParser.Event.END_DOCUMENT) {
                return;
            }
        }
    }
}
