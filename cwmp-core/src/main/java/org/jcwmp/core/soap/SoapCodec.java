package org.jcwmp.core.soap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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
