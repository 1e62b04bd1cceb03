package org.jcwmp.core.auth;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server side of HTTP Digest authentication (RFC 7616, compatible with RFC 2617 clients): the ACS uses it to
 * authenticate CPEs, the CPE to authenticate connection requests.
 *
 * <p>A nonce is a timestamp and random bytes signed with HMAC-SHA256 under a per-instance secret, so issuing one
 * keeps no state and a nonce from another instance (or a restarted one) is refused. Once an answer is accepted, its
 * nonce count is remembered until the nonce expires: a client may reuse the nonce with a higher count (saving the
 * 401 round trip on its next request), while a captured answer replayed is refused.
 *
 * <p>Thread-safe.
 */
public final class DigestAuthenticator {
    /** How long a nonce is accepted after it was issued. */
    public static final Duration DEFAULT_NONCE_VALIDITY = Duration.ofMinutes(5);

    private static final int TIMESTAMP_BYTES = 8;
    private static final int RANDOM_BYTES = 8;
    private static final int MAC_BYTES = 16;
    /** Clocks of one machine do not step back much; beyond this a "future" nonce is forged or foreign. */
    private static final long MAX_CLOCK_SKEW_MILLIS = 5_000;

    private final String realm;
    private final SecretKeySpec key;
    private final Duration nonceValidity;
    private final Clock clock;
    private final String opaque;
    private final SecureRandom random = new SecureRandom();
    private final NonceCounts counts = new NonceCounts();

    /** MD5 and SHA-256 (and their -sess forms), qop=auth, nonces valid for {@link #DEFAULT_NONCE_VALIDITY}. */
    public DigestAuthenticator(String realm) {
        this(realm, DEFAULT_NONCE_VALIDITY, Clock.systemUTC());
    }

    /** With a given nonce lifetime and clock (tests, or deployments with other needs). */
    public DigestAuthenticator(String realm, Duration nonceValidity, Clock clock) {
        this.realm = Objects.requireNonNull(realm, "realm");
        if (realm.indexOf('"') >= 0 || realm.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("realm must not contain quotes or backslashes");
        }
        this.nonceValidity = Objects.requireNonNull(nonceValidity, "nonceValidity");
        this.clock = Objects.requireNonNull(clock, "clock");
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.opaque = HexFormat.of().formatHex(mac(("opaque:" + realm).getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    public String realm() {
        return realm;
    }

    /** One {@code WWW-Authenticate} value with a fresh nonce, algorithm MD5 (what every CPE understands). */
    public String challenge() {
        return challenge(DigestAlgorithm.MD5, false);
    }

    /**
     * SHA-256 and MD5 challenges with fresh nonces, to send as two {@code WWW-Authenticate} headers, preferred
     * first (RFC 7616 section 3.7).
     */
    public List<String> challenges() {
        return challenges(false);
    }

    /**
     * Like {@link #challenges()}; with {@code stale} true the challenges say the client's credentials were right
     * but its nonce expired, so it retries with the new nonce instead of treating it as a failed login.
     */
    public List<String> challenges(boolean stale) {
        return List.of(challenge(DigestAlgorithm.SHA_256, stale), challenge(DigestAlgorithm.MD5, stale));
    }

    private String challenge(DigestAlgorithm algorithm, boolean stale) {
        return "Digest realm=\"" + realm + "\", qop=\"auth\", algorithm=" + algorithm.token()
                + ", nonce=\"" + newNonce() + "\", opaque=\"" + opaque + "\"" + (stale ? ", stale=true" : "");
    }

    /**
     * Returns the username when the Authorization header is a valid Digest answer for this method (and the uri
     * it names), else empty. Never throws for a bad header.
     *
     * @param passwordOf the password of a user, or null for an unknown user
     */
    public Optional<String> verify(String method, String authorizationHeader, Function<String, String> passwordOf) {
        return verify(method, null, authorizationHeader, passwordOf);
    }

    /**
     * Like {@link #verify(String, String, Function)}, and also checks that the header's uri is the request's
     * (given as sent on the request line: a path with query, or an absolute URI), so an answer computed for
     * another resource is refused.
     */
    public Optional<String> verify(String method, String requestUri, String authorizationHeader,
                                   Function<String, String> passwordOf) {
        DigestCredentials c;
        try {
            c = DigestCredentials.parse(authorizationHeader);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        DigestAlgorithm algorithm = DigestAlgorithm.of(c.algorithm());
        if (algorithm == null || method == null || !realm.equals(c.realm()) || !nonceIsFresh(c.nonce())) {
            return Optional.empty();
        }
        if (c.opaque() != null && !constantTimeEquals(opaque, c.opaque())) {
            return Optional.empty();
        }
        if (requestUri != null && !sameUri(requestUri, c.uri())) {
            return Optional.empty();
        }
        if (!answerMatches(c, algorithm, method, passwordOf)) {
            return Optional.empty();
        }
        boolean qopAuth = c.qop() != null;
        long count = qopAuth ? nonceCount(c.nc()) : -1;
        if (qopAuth && count < 1) {
            return Optional.empty();
        }
        long now = clock.millis();
        return counts.accept(c.nonce(), count, issuedMillis(signedNonce(c.nonce())), now - nonceValidity.toMillis())
                ? Optional.of(c.username())
                : Optional.empty(); // a replay: this nonce was already used with this count or a higher one
    }

    /** True when the answer's response is the one the user's password gives for its nonce, whoever issued that. */
    private boolean answerMatches(DigestCredentials c, DigestAlgorithm algorithm, String method,
                                  Function<String, String> passwordOf) {
        boolean qopAuth;
        if (c.qop() == null) {
            // RFC 2069 answer; some old CPE firmware still sends it.
            qopAuth = false;
            if (algorithm.session()) {
                return false;
            }
        } else if (c.qop().equalsIgnoreCase("auth")) {
            qopAuth = true;
            if (c.nc() == null || c.nc().isEmpty() || c.cnonce() == null || c.cnonce().isEmpty()) {
                return false;
            }
        } else {
            return false; // auth-int is not offered
        }
        String password = passwordOf.apply(c.username());
        if (password == null) {
            return false;
        }
        String ha1 = algorithm.hash(c.username() + ":" + realm + ":" + password);
        if (algorithm.session()) {
            ha1 = algorithm.hash(ha1 + ":" + c.nonce() + ":" + c.cnonce());
        }
        String ha2 = algorithm.hash(method + ":" + c.uri());
        String expected = qopAuth
                ? algorithm.hash(ha1 + ":" + c.nonce() + ":" + c.nc() + ":" + c.cnonce() + ":" + c.qop().toLowerCase(Locale.ROOT) + ":" + ha2)
                : algorithm.hash(ha1 + ":" + c.nonce() + ":" + ha2);
        return constantTimeEquals(expected, c.response().toLowerCase(Locale.ROOT));
    }

    /** The nc parameter: eight hex digits (RFC 7616), -1 when it is not a number. */
    private static long nonceCount(String nc) {
        if (nc.length() > 8) {
            return -1;
        }
        try {
            return Long.parseLong(nc, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Nonces this instance remembers as used (for tests and metrics). */
    int noncesInUse() {
        return counts.size();
    }

    /**
     * True when the header carries a nonce this instance issued that has expired: answer with
     * {@link #challenges(boolean) challenges(true)}.
     */
    public boolean isStale(String authorizationHeader) {
        try {
            byte[] raw = signedNonce(DigestCredentials.parse(authorizationHeader).nonce());
            return raw != null && !isFresh(raw);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Like {@link #isStale(String)}, and also true for a nonce this instance did not issue (another ACS node's, or
     * this one's before a restart) when the response is right for it: the client knows the password, and a client
     * that answers a remembered challenge at once (RFC 7616 3.4) should simply answer the new one (RFC 7616:
     * stale is set when the nonce is invalid but the response valid for it).
     */
    public boolean isStale(String method, String authorizationHeader, Function<String, String> passwordOf) {
        if (authorizationHeader == null) {
            return false;
        }
        if (isStale(authorizationHeader)) {
            return true;
        }
        DigestCredentials c;
        try {
            c = DigestCredentials.parse(authorizationHeader);
        } catch (IllegalArgumentException e) {
            return false;
        }
        DigestAlgorithm algorithm = DigestAlgorithm.of(c.algorithm());
        return algorithm != null && method != null && realm.equals(c.realm()) && signedNonce(c.nonce()) == null
                && answerMatches(c, algorithm, method, passwordOf);
    }

    private String newNonce() {
        ByteBuffer b = ByteBuffer.allocate(TIMESTAMP_BYTES + RANDOM_BYTES + MAC_BYTES);
        b.putLong(clock.millis());
        byte[] r = new byte[RANDOM_BYTES];
        random.nextBytes(r);
        b.put(r);
        b.put(mac(Arrays.copyOf(b.array(), TIMESTAMP_BYTES + RANDOM_BYTES)), 0, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    private boolean nonceIsFresh(String nonce) {
        byte[] raw = signedNonce(nonce);
        return raw != null && isFresh(raw);
    }

    /** The nonce's bytes when it carries our signature, else null. */
    private byte[] signedNonce(String nonce) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length != TIMESTAMP_BYTES + RANDOM_BYTES + MAC_BYTES) {
            return null;
        }
        byte[] mac = Arrays.copyOf(mac(Arrays.copyOf(raw, TIMESTAMP_BYTES + RANDOM_BYTES)), MAC_BYTES);
        byte[] sent = Arrays.copyOfRange(raw, TIMESTAMP_BYTES + RANDOM_BYTES, raw.length);
        return MessageDigest.isEqual(mac, sent) ? raw : null;
    }

    private static long issuedMillis(byte[] raw) {
        return ByteBuffer.wrap(raw).getLong();
    }

    private boolean isFresh(byte[] raw) {
        long age = clock.millis() - issuedMillis(raw);
        return age >= -MAX_CLOCK_SKEW_MILLIS && age <= nonceValidity.toMillis();
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK without HmacSHA256", e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Clients send the path as on the request line or, rarely, the absolute URI; both name the same resource. */
    private static boolean sameUri(String requestUri, String digestUri) {
        if (requestUri.equals(digestUri)) {
            return true;
        }
        return pathAndQuery(requestUri).equals(pathAndQuery(digestUri));
    }

    private static String pathAndQuery(String uri) {
        try {
            URI u = new URI(uri);
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            return u.getRawQuery() == null ? path : path + "?" + u.getRawQuery();
        } catch (Exception e) {
            return uri;
        }
    }
}
