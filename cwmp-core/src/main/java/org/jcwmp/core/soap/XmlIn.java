package org.jcwmp.core.soap;

import javax.xml.namespace.NamespaceContext;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A cursor over a StAX reader that walks elements by local name, ignoring namespaces of children, text between
 * elements, comments and processing instructions. Every method that reads an element leaves the reader on that
 * element's end tag. A DOCTYPE or an entity reference (the parser is told not to replace them) is refused.
 */
final class XmlIn {

    private final XMLStreamReader r;
    private final StringBuilder text = new StringBuilder();

    XmlIn(XMLStreamReader r) {
        this.r = r;
    }

    /** Moves to the root element; false when the document has none. */
    boolean root() throws XMLStreamException {
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            refuse(event);
        }
        return false;
    }

    /** Moves to the next child element of the current element (true), or to the current element's end (false). */
    boolean nextChild() throws XMLStreamException {
        while (true) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT:
                    return true;
                case XMLStreamConstants.END_ELEMENT:
                    return false;
                case XMLStreamConstants.END_DOCUMENT:
                    throw new XMLStreamException("unexpected end of document");
                default:
                    refuse(event);
            }
        }
    }

    String name() {
        return r.getLocalName();
    }

    String namespace() {
        return r.getNamespaceURI();
    }

    NamespaceContext namespaceContext() {
        return r.getNamespaceContext();
    }

    /** The text content of the current element exactly as sent (child elements inside it are skipped). */
    String text() throws XMLStreamException {
        String first = null;
        boolean more = false;
        while (true) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (first == null) {
                        first = r.getText();
                    } else {
                        if (!more) {
                            text.setLength(0);
                            text.append(first);
                            more = true;
                        }
                        text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                    }
                }
                case XMLStreamConstants.START_ELEMENT -> skip();
                case XMLStreamConstants.END_ELEMENT -> {
                    return more ? text.toString() : first == null ? "" : first;
                }
                case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("unexpected end of document");
                default -> refuse(event);
            }
        }
    }

    /** The text content without surrounding whitespace: for names, numbers, booleans, times, identifiers. */
    String token() throws XMLStreamException {
        return text().trim();
    }

    /** Skips the current element and everything inside it. */
    void skip() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("unexpected end of document");
                default -> refuse(event);
            }
        }
    }

    /**
     * The current element's xsi:type, with a prefix bound to the XML Schema namespace written as "xsd:"
     * (so "xs:int" from one CPE and "xsd:int" from another are the same type); null when absent.
     */
    String xsiType() {
        for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
            if ("type".equals(r.getAttributeLocalName(i)) && Namespaces.isSchemaInstance(r.getAttributeNamespace(i))) {
                String type = r.getAttributeValue(i).trim();
                if (type.startsWith("xsd:")) {
                    return type;
                }
                int colon = type.indexOf(':');
                if (colon > 0 && Namespaces.isSchema(r.getNamespaceURI(type.substring(0, colon)))) {
                    return "xsd:" + type.substring(colon + 1);
                }
                return type;
            }
        }
        return null;
    }

    /** Reads to the end of the document so that a truncated or otherwise broken tail is noticed. */
    void finish() throws XMLStreamException {
        while (r.hasNext()) {
            refuse(r.next());
        }
    }

    /** Throws on the events that are never accepted: a DOCTYPE and entity references. */
    private void refuse(int event) throws XMLStreamException {
        if (event == XMLStreamConstants.DTD) {
            throw new XMLStreamException("DOCTYPE is not allowed");
        }
        if (event == XMLStreamConstants.ENTITY_REFERENCE) {
            throw new XMLStreamException("entity reference &" + r.getLocalName() + "; is not allowed");
        }
    }
}
