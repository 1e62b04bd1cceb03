package org.jcwmp.core.soap;

import java.nio.charset.StandardCharsets;

/**
 * A minimal XML writer for the fixed shapes of CWMP envelopes: tags, escaped text and attribute values.
 * Faster than {@code XMLStreamWriter} and, unlike it, escapes CR (which a parser would otherwise turn into LF)
 * and replaces characters XML 1.0 cannot carry at all (control characters, lone surrogates) with U+FFFD.
 */
final class XmlOut {

    private final StringBuilder sb = new StringBuilder(2048);

    XmlOut raw(String s) {
        sb.append(s);
        return this;
    }

    XmlOut open(String name) {
        sb.append('<').append(name).append('>');
        return this;
    }

    /** An opening tag with one attribute. */
    XmlOut open(String name, String attribute, String value) {
        sb.append('<').append(name).append(' ').append(attribute).append("=\"");
        escape(value, true);
        sb.append("\">");
        return this;
    }

    XmlOut close(String name) {
        sb.append("</").append(name).append('>');
        return this;
    }

    /** Escaped text content; null is written as nothing. */
    XmlOut escaped(String text) {
        escape(text, false);
        return this;
    }

    /** An element with text content; null is written as empty. */
    XmlOut element(String name, String text) {
        open(name);
        escape(text, false);
        return close(name);
    }

    /** An element the schema marks minOccurs="0": left out when null or empty (an empty UUID breaks its pattern). */
    XmlOut optional(String name, String text) {
        return text == null || text.isEmpty() ? this : element(name, text);
    }

    XmlOut element(String name, long value) {
        sb.append('<').append(name).append('>').append(value).append("</").append(name).append('>');
        return this;
    }

    /** xsd:boolean, written as 1 / 0. */
    XmlOut element(String name, boolean value) {
        return element(name, value ? 1 : 0);
    }

    /** The opening tag of a SOAP-encoded array, e.g. {@code <Event soap-enc:arrayType="cwmp:EventStruct[2]">}. */
    XmlOut openArray(String name, String itemType, int count) {
        sb.append('<').append(name).append(" soap-enc:arrayType=\"").append(itemType)
                .append('[').append(count).append("]\">");
        return this;
    }

    byte[] toBytes() {
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    private void escape(String s, boolean attribute) {
        if (s == null) {
            return;
        }
        int n = s.length();
        int clean = 0; // start of the run not yet appended
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String replacement;
            if (c >= 0x20 && c < 0xD800 && c != '&' && c != '<' && c != '>' && c != '"') {
                continue; // the common case
            }
            switch (c) {
                case '&' -> replacement = "&amp;";
                case '<' -> replacement = "&lt;";
                case '>' -> replacement = "&gt;";
                case '"' -> replacement = attribute ? "&quot;" : null;
                case '\r' -> replacement = "&#13;";
                case '\n' -> replacement = attribute ? "&#10;" : null;
                case '\t' -> replacement = attribute ? "&#9;" : null;
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        replacement = "\uFFFD";
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        i++; // a valid pair stays as it is
                        replacement = null;
                    } else if (Character.isSurrogate(c)) {
                        replacement = "\uFFFD";
                    } else {
                        replacement = null;
                    }
                }
            }
            if (replacement != null) {
                sb.append(s, clean, i).append(replacement);
                clean = i + 1;
            }
        }
        sb.append(s, clean, n);
    }
}
