package org.jcwmp.core.udpcr;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A UDP connection request (TR-069 Annex G): one datagram holding
 * {@code GET http://host:port?ts=..&id=..&un=..&cn=..&sig=.. HTTP/1.1}, a Host header and a blank line. The
 * components carry Annex G's names.
 *
 * @param authority the {@code host:port} the ACS sent to (the CPE's UDPConnectionRequestAddress); "" when a
 *                  received request named none
 * @param ts        seconds since the Unix epoch as sent (some ACSs send milliseconds; {@link #timestampMillis()}
 *                  tells them apart); kept as text because the signature covers the text
 * @param id        the message id, new for every request (its copies share it)
 * @param un        the ConnectionRequestUsername
 * @param cn        a random cnonce
 * @param sig       hex(HMAC-SHA1(key = ConnectionRequestPassword, ts + id + un + cn)), either case
 */
public record UdpConnectionRequest(String authority, String ts, String id, String un, String cn, String sig) {
    /** A connection request is a line and a header; anything much longer is not one. */
    public static final int MAX_DATAGRAM_LENGTH = 4096;
    /**
     * Below this a ts is seconds (until the year 5138), above it milliseconds (after 1973): the two readings never
     * overlap for any real clock.
     */
    static final long MILLISECONDS_THRESHOLD = 100_000_000_000L;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CNONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final List<String> FIELDS = List.of("ts", "id", "un", "cn", "sig");

    public UdpConnectionRequest {
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(un, "un");
        Objects.requireNonNull(cn, "cn");
        Objects.requireNonNull(sig, "sig");
        if (ts == null || ts.isEmpty() || ts.length() > 18 || !ts.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("ts is a number of seconds, not " + ts);
        }
        for (int i = 0; i < authority.length(); i++) {
            char c = authority.charAt(i);
            if (c <= ' ' || c == '/' || c == '?' || c == '#' || c == '@' || c == 0x7f) {
                throw new IllegalArgumentException("not a host:port: " + authority);
            }
        }
    }

    /** A signed request with a random id and cnonce. */
    public static UdpConnectionRequest create(String authority, long tsSeconds, String un, String password) {
        return sign(authority, tsSeconds, Long.toUnsignedString(RANDOM.nextLong() >>> 1), un, randomCnonce(), password);
    }

    /** A request signed with the ConnectionRequestPassword. */
    public static UdpConnectionRequest sign(String authority, long ts, String id, String un, String cn,
                                            String password) {
        if (ts < 0) {
            throw new IllegalArgumentException("ts " + ts);
        }
        String t = Long.toString(ts);
        return new UdpConnectionRequest(authority, t, id, un, cn, signature(password, t, id, un, cn));
    }

    /** Upper-case hex of HMAC-SHA1(key = password, ts + id + un + cn), as in Annex G's example. */
    public static String signature(String password, String ts, String id, String un, String cn) {
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        if (key.length == 0) {
            key = new byte[1]; // HMAC pads keys with zeros, so "" equals one zero byte; the JDK refuses empty keys
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] text = (ts + id + un + cn).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().withUpperCase().formatHex(mac.doFinal(text));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    /** Whether sig is right for this password; compares the HMACs in constant time, hex in either case. */
    public boolean signatureMatches(String password) {
        byte[] given;
        try {
            given = HexFormat.of().parseHex(sig.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = HexFormat.of().parseHex(signature(password, ts, id, un, cn));
        return MessageDigest.isEqual(given, expected);
    }

    /** ts in milliseconds since the epoch, whichever unit the sender used. */
    public long timestampMillis() {
        long t = Long.parseLong(ts);
        return t >= MILLISECONDS_THRESHOLD ? t : t * 1000;
    }

    /** The datagram's text; values are percent-encoded where they hold more than unreserved characters. */
    public String toMessage() {
        return "GET http://" + authority + "?ts=" + ts + "&id=" + encode(id) + "&un=" + encode(un) + "&cn="
                + encode(cn) + "&sig=" + sig + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n";
    }

    public byte[] toDatagram() {
        return toMessage().getBytes(StandardCharsets.UTF_8);
    }

    public static UdpConnectionRequest parse(String message) throws UdpConnectionRequestException {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    /**
     * Reads a received datagram leniently: CRLF or LF, any extra headers, {@code http://host:port?},
     * {@code http://host/path?} or an origin-form {@code /?} target, parameters in any order and letter case,
     * percent-encoded values. The Host header gives the authority when the target has none.
     *
     * @throws UdpConnectionRequestException saying what is wrong, for anything that is not a connection request
     */
    public static UdpConnectionRequest parse(byte[] datagram, int off, int len) throws UdpConnectionRequestException {
        Objects.checkFromIndexSize(off, len, datagram.length);
        if (len > MAX_DATAGRAM_LENGTH) {
            throw new UdpConnectionRequestException("longer than " + MAX_DATAGRAM_LENGTH + " bytes");
        }
        String text = new String(datagram, off, len, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].strip().isEmpty()) {
            first++;
        }
        if (first == lines.length) {
            throw new UdpConnectionRequestException("empty");
        }
        String[] requestLine = lines[first].strip().split("[ \t]+");
        if (requestLine.length < 2 || requestLine.length > 3) {
            throw new UdpConnectionRequestException("not an HTTP request line");
        }
        if (!requestLine[0].equalsIgnoreCase("GET")) {
            throw new UdpConnectionRequestException("not a GET");
        }
        if (requestLine.length == 3 && !requestLine[2].toUpperCase(Locale.ROOT).startsWith("HTTP/")) {
            throw new UdpConnectionRequestException("not HTTP: " + requestLine[2]);
        }
        String target = requestLine[1];
        int hash = target.indexOf('#');
        if (hash >= 0) {
            target = target.substring(0, hash);
        }
        int query = target.indexOf('?');
        if (query < 0) {
            throw new UdpConnectionRequestException("the request has no query");
        }
        String authority = "";
        if (target.regionMatches(true, 0, "http://", 0, 7)) {
            int endOfAuthority = 7;
            while (endOfAuthority < query && target.charAt(endOfAuthority) != '/') {
                endOfAuthority++;
            }
            authority = target.substring(7, endOfAuthority);
        } else if (!target.startsWith("/") && query != 0) {
            throw new UdpConnectionRequestException("not an http URL: " + target);
        }
        if (authority.isEmpty()) {
            for (int i = first + 1; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty()) {
                    break;
                }
                if (line.regionMatches(true, 0, "Host:", 0, 5)) {
                    authority = line.substring(5).strip();
                    break;
                }
            }
        }
        Map<String, String> values = new HashMap<>();
        for (String pair : target.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (FIELDS.contains(name) && values.put(name, decode(eq < 0 ? "" : pair.substring(eq + 1))) != null) {
                throw new UdpConnectionRequestException(name + " appears twice");
            }
        }
        List<String> missing = FIELDS.stream().filter(f -> !values.containsKey(f)).toList();
        if (!missing.isEmpty()) {
            throw new UdpConnectionRequestException("missing " + String.join(", ", missing));
        }
        String sig = values.get("sig");
        if (sig.length() != 40 || !sig.chars().allMatch(
                c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            throw new UdpConnectionRequestException("sig is not 40 hex digits");
        }
        try {
            return new UdpConnectionRequest(authority, values.get("ts"), values.get("id"), values.get("un"),
                    values.get("cn"), sig);
        } catch (IllegalArgumentException e) {
            throw new UdpConnectionRequestException(e.getMessage());
        }
    }

    private static String randomCnonce() {
        StringBuilder sb = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            sb.append(CNONCE_ALPHABET.charAt(RANDOM.nextInt(CNONCE_ALPHABET.length())));
        }
        return sb.toString();
    }

    private static String encode(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append(c);
            } else {
                sb.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return sb.toString();
    }

    /** Percent-decoding; a % not followed by two hex digits stays as it is. */
    private static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        byte[] raw = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && Character.digit(raw[i + 1], 16) >= 0
                    && Character.digit(raw[i + 2], 16) >= 0) {
                out.write(Character.digit(raw[i + 1], 16) << 4 | Character.digit(raw[i + 2], 16));
                i += 2;
            } else {
                out.write(raw[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
