package org.jcwmp.core.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the comma-separated {@code name=value} list of an HTTP authentication header (RFC 7235 auth-param).
 * Lenient where real peers vary (spaces, quoted or bare values, empty items), strict where it matters for
 * security: an unterminated quote, a missing '=' or a repeated name is rejected rather than guessed at.
 */
final class AuthParams {
    /** Far above any real header; stops a peer from making us parse megabytes. */
    static final int MAX_HEADER_LENGTH = 8192;

    private AuthParams() {
    }

    /** Splits "Scheme params" and checks the scheme; returns the params text. */
    static String stripScheme(String header, String scheme) {
        if (header == null) {
            throw new IllegalArgumentException("no header");
        }
        if (header.length() > MAX_HEADER_LENGTH) {
            throw new IllegalArgumentException("header too long");
        }
        String h = header.strip();
        int end = 0;
        while (end < h.length() && !isWhitespace(h.charAt(end))) {
            end++;
        }
        if (!h.substring(0, end).equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("not a " + scheme + " header");
        }
        return h.substring(end);
    }

    /** Names are lower-cased; values are unquoted and unescaped. */
    static Map<String, String> parse(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && (isWhitespace(text.charAt(i)) || text.charAt(i) == ',')) {
                i++;
            }
            if (i >= n) {
                return params;
            }
            int nameStart = i;
            while (i < n && isTokenChar(text.charAt(i))) {
                i++;
            }
            if (i == nameStart) {
                throw new IllegalArgumentException("expected a parameter name at " + i);
            }
            String name = text.substring(nameStart, i).toLowerCase(Locale.ROOT);
            i = skipWhitespace(text, i);
            if (i >= n || text.charAt(i) != '=') {
                throw new IllegalArgumentException("expected '=' after " + name);
            }
            i = skipWhitespace(text, i + 1);
            String value;
            if (i < n && text.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = text.charAt(i++);
                    if (c == '\\' && i < n) {
                        sb.append(text.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        sb.append(c);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated quoted value for " + name);
                }
                value = sb.toString();
                i = skipWhitespace(text, i);
                if (i < n && text.charAt(i) != ',') {
                    throw new IllegalArgumentException("expected ',' after " + name);
                }
            } else {
                int valueStart = i;
                while (i < n && text.charAt(i) != ',') {
                    char c = text.charAt(i);
                    if (c == '"' || Character.isISOControl(c)) {
                        throw new IllegalArgumentException("bad character in value of " + name);
                    }
                    i++;
                }
                value = text.substring(valueStart, i).strip();
            }
            if (params.putIfAbsent(name, value) != null) {
                // Two different values for one name would let a peer choose which one we check.
                throw new IllegalArgumentException("repeated parameter " + name);
            }
        }
    }

    private static int skipWhitespace(String s, int i) {
        while (i < s.length() && isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isTokenChar(char c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
