package org.jcwmp.core.soap;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.codehaus.stax2.XMLInputFactory2;

/**
 * Reads and writes CWMP SOAP envelopes: every message of the {@code org.jcwmp.core.rpc} package, both directions.
 * Reading is lenient (real CPEs vary prefixes, namespaces, order, arrayType and xsi:type), writing is strict.
 * DTDs and entities are refused, bodies above the size limit are refused before parsing.
 * Thread-safe; one instance can serve every session.
 */
public final class SoapCodec {

    public static final int DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

    /**
     * The StAX parser, configured once: no DTD, no external entities, entity references reported. Woodstox, named
     * here rather than looked up through ServiceLoader: faster than the JDK's on CWMP messages and allocating less,
     * with the same refusals and limits; measured with {@code ./jcwmp bench codec}, figures in docs/benchmarks.md.
     */
    private static final XMLInputFactory INPUT = configure(new WstxInputFactory());

    private final int maxBodyBytes;
    private final XMLInputFactory input;

    public SoapCodec() {
        this(DEFAULT_MAX_BYTES);
    }

    /** @param maxBodyBytes the largest body accepted, in bytes */
    public SoapCodec(int maxBodyBytes) {
        this(maxBodyBytes, INPUT);
    }

    private SoapCodec(int maxBodyBytes, XMLInputFactory input) {
        if (maxBodyBytes <= 0 || maxBodyBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBodyBytes must be between 1 and Integer.MAX_VALUE - 1");
        }
        this.maxBodyBytes = maxBodyBytes;
        this.input = input;
    }

    /**
     * A codec that reads with another StAX implementation, configured as the default one is (no DTD, no external
     * entities, entity references reported): for benchmarks that compare implementations ({@code ./jcwmp bench codec}).
     * The factory is this codec's from now on: do not change or share it.
     */
    public static SoapCodec withParser(XMLInputFactory parser, int maxBodyBytes) {
        return new SoapCodec(maxBodyBytes, configure(parser));
    }

    /** The class of the StAX factory that {@code new SoapCodec()} reads with. */
    public static String parserName() {
        return INPUT.getClass().getName();
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Reads one envelope; a body longer than the limit is refused without parsing. */
    public Envelope decode(byte[] body) throws SoapException {
        if (body == null || body.length == 0) {
            throw new SoapException("empty body", false);
        }
        if (body.length > maxBodyBytes) {
            throw tooLarge();
        }
        if (declaresUtf8(body) && !validUtf8(body)) {
            // refused here, the same way whichever parser reads (the JDK's would also print "[Fatal Error]")
            throw new SoapException("not XML: the body is not valid UTF-8", false);
        }
        XMLStreamReader reader;
        try {
            reader = input.createXMLStreamReader(new ByteArrayInputStream(body));
        } catch (XMLStreamException e) {
            throw new SoapException("not XML: " + e.getMessage(), e);
        }
        try {
            return new EnvelopeReader(reader).read();
        } finally {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing is held open: the input is in memory
            }
        }
    }

    /** Reads one envelope from a stream, reading at most the limit plus one byte; a longer body is refused. */
    public Envelope decode(InputStream in) throws SoapException {
        byte[] body;
        try {
            body = in.readNBytes(maxBodyBytes + 1);
        } catch (IOException e) {
            throw new SoapException("cannot read body: " + e.getMessage(), e);
        }
        if (body.length > maxBodyBytes) {
            throw tooLarge();
        }
        return decode(body);
    }

    /** Writes one envelope as UTF-8. */
    public byte[] encode(Envelope envelope) {
        return new EnvelopeWriter().write(envelope);
    }

    /** True unless the body starts with a UTF-16 byte order mark or its XML declaration names another encoding. */
    static boolean declaresUtf8(byte[] body) {
        if (body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))) {
            return false;
        }
        // the declaration is ASCII: read it as bytes, within the first 200 (a UTF-8 BOM is three of them)
        int end = Math.min(body.length, 200);
        int start = end >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF ? 3 : 0;
        int close = indexOf(body, "?>", start, end);
        if (indexOf(body, "<?xml", start, start + 5) != start || close < 0) {
            return true;
        }
        // the first encoding="name" (or 'name', spaces around '=') inside <?xml ... ?>
        for (int i = indexOf(body, "encoding", start, close); i >= 0; i = indexOf(body, "encoding", i + 1, close)) {
            int p = skipSpaces(body, i + "encoding".length(), close);
            if (p == close || body[p] != '=') {
                continue;
            }
            p = skipSpaces(body, p + 1, close);
            if (p == close || !isQuote(body[p])) {
                continue;
            }
            int name = ++p;
            while (p < close && isEncodingNameChar(body[p])) {
                p++;
            }
            if (p == name || p == close || !isQuote(body[p])) {
                continue;
            }
            String encoding = new String(body, name, p - name, StandardCharsets.ISO_8859_1);
            return encoding.equalsIgnoreCase("UTF-8") || encoding.equalsIgnoreCase("UTF8");
        }
        return true;
    }

    /** Where the ASCII string s starts in body[from, to), entirely inside it; -1 when it does not. */
    private static int indexOf(byte[] body, String s, int from, int to) {
        int last = Math.min(to, body.length) - s.length();
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < s.length(); j++) {
                if (body[i + j] != s.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int skipSpaces(byte[] body, int from, int to) {
        while (from < to && (body[from] == ' ' || (body[from] >= '\t' && body[from] <= '\r'))) {
            from++;
        }
        return from;
    }

    private static boolean isQuote(byte b) {
        return b == '"' || b == '\'';
    }

    private static boolean isEncodingNameChar(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '.' || b == '_' || b == '-';
    }

    private static boolean validUtf8(byte[] body) {
        boolean ascii = true;
        for (byte b : body) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return true; // most CWMP bodies: nothing to decode
        }
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private SoapException tooLarge() {
        return new SoapException("body larger than " + maxBodyBytes + " bytes", false);
    }

    private static XMLInputFactory configure(XMLInputFactory f) {
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // entity references come through as events, which the reader refuses; nothing is ever expanded
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        // Woodstox and Aalto otherwise finish a text token only when its text is asked for, and report a broken one
        // then as an unchecked exception: have them report it from next(), as an XMLStreamException
        setIfSupported(f, XMLInputFactory2.P_LAZY_PARSING, false);
        // the limits of JDK 25's own parser (jdk.xml.maxElementDepth, elementAttributeLimit); Woodstox's are 1,000 each
        setIfSupported(f, WstxInputProperties.P_MAX_ELEMENT_DEPTH, 100);
        setIfSupported(f, WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, 200);
        return f;
    }

    private static void setIfSupported(XMLInputFactory f, String property, Object value) {
        if (f.isPropertySupported(property)) {
            f.setProperty(property, value);
        }
    }
}
