package org.jcwmp.core.xmpp;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * An XMPP address (RFC 7622): {@code [localpart@]domainpart[/resourcepart]}. A full JID has a resource, a bare JID
 * does not.
 *
 * <p>Comparison follows XMPP's rules closely enough for allow-lists: localpart and domainpart are case-insensitive
 * (lower-cased here, a simplification of PRECIS case mapping), the resourcepart is compared exactly.
 *
 * @param localpart    the account name, empty for a server or component address
 * @param domainpart   the domain, never empty
 * @param resourcepart the resource, empty for a bare JID
 */
public record JabberId(String localpart, String domainpart, String resourcepart) {
    /** RFC 7622: each part is at most 1023 octets. */
    private static final int MAX_PART_BYTES = 1023;

    public JabberId {
        localpart = Objects.requireNonNull(localpart, "localpart").toLowerCase(Locale.ROOT);
        domainpart = Objects.requireNonNull(domainpart, "domainpart").toLowerCase(Locale.ROOT);
        resourcepart = Objects.requireNonNull(resourcepart, "resourcepart");
        if (domainpart.endsWith(".")) {
            domainpart = domainpart.substring(0, domainpart.length() - 1); // "example.com." is "example.com"
        }
        if (domainpart.isEmpty()) {
            throw new IllegalArgumentException("a JID needs a domainpart");
        }
        check(localpart, "localpart");
        check(domainpart, "domainpart");
        check(resourcepart, "resourcepart");
        if (localpart.indexOf('@') >= 0 || localpart.indexOf('/') >= 0 || domainpart.indexOf('@') >= 0
                || domainpart.indexOf('/') >= 0) {
            throw new IllegalArgumentException("'@' and '/' are not allowed in a localpart or domainpart");
        }
    }

    private static void check(String part, String name) {
        if (part.getBytes(StandardCharsets.UTF_8).length > MAX_PART_BYTES) {
            throw new IllegalArgumentException(name + " longer than " + MAX_PART_BYTES + " octets");
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                if (!(name.equals("resourcepart") && c == ' ')) { // RFC 7622 allows spaces in a resource only
                    throw new IllegalArgumentException("whitespace or control character in the " + name);
                }
            }
        }
    }

    /**
     * Parses {@code [localpart@]domainpart[/resourcepart]}. The first '/' starts the resource (which may itself
     * hold '@' and '/'); an '@' before it ends the localpart.
     *
     * @throws IllegalArgumentException when the text is not a JID
     */
    public static JabberId parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        String resource = "";
        int slash = s.indexOf('/');
        if (slash >= 0) {
            resource = s.substring(slash + 1);
            s = s.substring(0, slash);
            if (resource.isEmpty()) {
                throw new IllegalArgumentException("empty resourcepart in '" + text + "'");
            }
        }
        String local = "";
        int at = s.indexOf('@');
        if (at >= 0) {
            local = s.substring(0, at);
            s = s.substring(at + 1);
            if (local.isEmpty()) {
                throw new IllegalArgumentException("empty localpart in '" + text + "'");
            }
        }
        try {
            return new JabberId(local, s, resource);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a JID: '" + text + "': " + e.getMessage(), e);
        }
    }

    public static JabberId of(String localpart, String domainpart, String resourcepart) {
        return new JabberId(localpart == null ? "" : localpart, domainpart, resourcepart == null ? "" : resourcepart);
    }

    public boolean isFull() {
        return !resourcepart.isEmpty();
    }

    /** This address without its resource. */
    public JabberId bare() {
        return isFull() ? new JabberId(localpart, domainpart, "") : this;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (!localpart.isEmpty()) {
            b.append(localpart).append('@');
        }
        b.append(domainpart);
        if (!resourcepart.isEmpty()) {
            b.append('/').append(resourcepart);
        }
        return b.toString();
    }
}
