package org.jcwmp.core.soap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads and writes CWMP SOAP envelopes: every message of the {@code org.jcwmp.core.rpc} package, both directions.
 * Reading is lenient (real CPEs vary prefixes, namespaces, order, arrayType and xsi:type), writing is strict.
 * DTDs and entities are refused, bodies above the size limit are refused before parsing.
 * Thread-safe; one instance can serve every session.
 */
public final class SoapCodec {

    public static final int DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

    /** The JDK's own StAX parser, configured once: no DTD, no external entities, entity references reported. */
    private static final XMLInputFactory INPUT = inputFactory();
    private static final Pattern ENCODING = Pattern.compile("encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

    private final int maxBodyBytes;

    public SoapCodec() {
        this(DEFAULT_MAX_BYTES);
    }

    /** @param maxBodyBytes the largest body accepted, in bytes */
    public SoapCodec(int maxBodyBytes) {
        if (maxBodyBytes <= 0 || maxBodyBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBodyBytes must be between 1 and Integer.MAX_VALUE - 1");
        }
        this.maxBodyBytes = maxBodyBytes;
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
            // refused here: the JDK's parser would also print "[Fatal Error]" to standard error for each such body
            throw new SoapException("not XML: the body is not valid UTF-8", false);
        }
        XMLStreamReader reader;
        try {
            reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(body));
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
        // bytes as Latin-1 characters: enough to read an ASCII declaration; a UTF-8 BOM is three of them
        String prolog = new String(body, 0, Math.min(body.length, 200), StandardCharsets.ISO_8859_1);
        if (prolog.startsWith("\u00EF\u00BB\u00BF")) {
            prolog = prolog.substring(3);
        }
        int close = prolog.indexOf("?>");
        if (!prolog.startsWith("<?xml") || close < 0) {
            return true;
        }
        Matcher m = ENCODING.matcher(prolog.substring(0, close));
        return !m.find() || m.group(1).equalsIgnoreCase("UTF-8") || m.group(1).equalsIgnoreCase("UTF8");
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

    private static XMLInputFactory inputFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // entity references come through as events, which the reader refuses; nothing is ever expanded
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }
}
