package org.jcwmp.core.xmpp;

import java.util.ArrayList;
import java.util.List;

/**
 * Device.ManagementServer.ConnReqAllowedJabberIDs: who may send an XMPP connection request. A full JID entry matches
 * exactly one sender, a bare JID entry matches the account with any resource, and an empty list allows every sender
 * (TR-181; TR-069 Annex K).
 *
 * <p>The check relies on the "from" address that the CPE's XMPP server stamps on what it routes; a client cannot
 * choose it (RFC 6120 8.1.2.1).
 */
public final class ConnReqAllowedJabberIDs {
    /** The parameter's list size limit. */
    public static final int MAX_ITEMS = 32;
    /** The parameter's item size limit. */
    public static final int MAX_ITEM_LENGTH = 256;

    private static final ConnReqAllowedJabberIDs EVERYONE = new ConnReqAllowedJabberIDs(List.of());

    private final List<JabberId> entries;

    private ConnReqAllowedJabberIDs(List<JabberId> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The empty list: every sender is allowed. */
    public static ConnReqAllowedJabberIDs everyone() {
        return EVERYONE;
    }

    public static ConnReqAllowedJabberIDs of(List<JabberId> entries) {
        if (entries.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("at most " + MAX_ITEMS + " allowed Jabber IDs, got " + entries.size());
        }
        return entries.isEmpty() ? EVERYONE : new ConnReqAllowedJabberIDs(entries);
    }

    /**
     * Parses the parameter's value: a comma-separated list (TR-106), blanks around items ignored.
     *
     * @throws IllegalArgumentException for more than 32 items, an item over 256 characters or one that is not a JID
     */
    public static ConnReqAllowedJabberIDs parse(String value) {
        if (value == null || value.isBlank()) {
            return EVERYONE;
        }
        List<JabberId> list = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            String s = item.strip();
            if (s.isEmpty()) {
                continue; // "a, ,b" and a trailing comma are tolerated, as devices in the field write them
            }
            if (s.length() > MAX_ITEM_LENGTH) {
                throw new IllegalArgumentException("allowed Jabber ID longer than " + MAX_ITEM_LENGTH + " characters");
            }
            list.add(JabberId.parse(s));
        }
        return of(list);
    }

    public List<JabberId> entries() {
        return entries;
    }

    public boolean allowsEveryone() {
        return entries.isEmpty();
    }

    /** Whether a request from this sender may go on; a request without a sender only when the list is empty. */
    public boolean allows(JabberId from) {
        if (entries.isEmpty()) {
            return true;
        }
        if (from == null) {
            return false;
        }
        for (JabberId entry : entries) {
            if (entry.isFull() ? entry.equals(from) : entry.equals(from.bare())) {
                return true;
            }
        }
        return false;
    }

    /** {@link #allows(JabberId)} for a sender as text; one that is not a JID is refused unless the list is empty. */
    public boolean allows(String from) {
        if (entries.isEmpty()) {
            return true;
        }
        try {
            return from != null && allows(JabberId.parse(from));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The parameter value: entries joined by ",". */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (JabberId e : entries) {
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append(e);
        }
        return b.toString();
    }
}
