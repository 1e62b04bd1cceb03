package org.jcwmp.acs.auth;

import org.jcwmp.acs.store.UserStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Users, API tokens and web UI logins of the NBI. Passwords are PBKDF2 hashes; tokens and session cookies are
 * random secrets stored as SHA-256, looked up per call with a short cache so that an API call costs no KDF.
 */
public final class AuthService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Duration CACHE = Duration.ofSeconds(5);
    private static final int MIN_PASSWORD = 8;

    private final UserStore store;
    private final PasswordHasher hasher;
    private final Duration sessionLifetime;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Principal principal, long untilNanos) {
    }

    public AuthService(UserStore store, PasswordHasher hasher, Duration sessionLifetime) {
        this.store = store;
        this.hasher = hasher;
        this.sessionLifetime = sessionLifetime;
    }

    /**
     * Creates the first admin when there is no user at all.
     *
     * @param password the admin's password, or null to generate one
     * @return the generated password (to be shown once), or empty when none was generated or users existed
     */
    public Optional<String> ensureInitialAdmin(String username, String password) {
        if (!store.isEmpty()) {
            return Optional.empty();
        }
        String pw = password != null ? password : randomSecret(12);
        putUser(username, pw, Role.ADMIN);
        return password != null ? Optional.empty() : Optional.of(pw);
    }

    /** Creates a user or sets its password and role. */
    public void putUser(String username, String password, Role role) {
        checkUsername(username);
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD + " characters");
        }
        store.putUser(username, role, hasher.hash(password), Instant.now());
        cache.clear();
    }

    public boolean setRole(String username, Role role) {
        boolean changed = store.setRole(username, role);
        cache.clear();
        return changed;
    }

    public boolean deleteUser(String username) {
        boolean deleted = store.deleteUser(username);
        cache.clear();
        return deleted;
    }

    public List<User> users() {
        return store.users();
    }

    public Optional<User> user(String username) {
        return store.user(username);
    }

    /** Checks a password; spends the KDF's time even for unknown users. */
    public Optional<Principal> checkPassword(String username, String password) {
        Optional<String> hash = username == null ? Optional.empty() : store.passwordHash(username);
        if (hash.isEmpty() || password == null) {
            hasher.burn(password == null ? "" : password);
            return Optional.empty();
        }
        if (!hasher.verify(password, hash.get())) {
            return Optional.empty();
        }
        return store.user(username).map(u -> new Principal(u.username(), u.role(), "session"));
    }

    /** Logs in: a new session whose secret goes into an HttpOnly cookie. */
    public Optional<LoginSession> login(String username, String password) {
        return checkPassword(username, password).map(p -> {
            String secret = randomSecret(32);
            Instant now = Instant.now();
            Instant expires = now.plus(sessionLifetime);
            store.insertSession(sha256(secret), p.username(), now, expires);
            return new LoginSession(secret, p, expires);
        });
    }

    public void logout(String sessionSecret) {
        if (sessionSecret != null) {
            cache.remove("s:" + sha256(sessionSecret));
            store.deleteSession(sha256(sessionSecret));
        }
    }

    public Optional<Principal> bySession(String secret) {
        if (secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        String key = "s:" + sha256(secret);
        return cached(key, () -> store.sessionByHash(key.substring(2), Instant.now())
                .map(s -> new Principal(s.username(), s.role(), "session")));
    }

    public Optional<Principal> byToken(String secret) {
        if (secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        String key = "t:" + sha256(secret);
        return cached(key, () -> store.tokenByHash(key.substring(2)).map(o -> {
            store.touchToken(o.token().id(), Instant.now());
            Role role = o.token().role() == null || o.userRole().compareTo(o.token().role()) < 0
                    ? o.userRole() : o.token().role();
            return new Principal(o.token().username(), role, "token:" + o.token().id());
        }));
    }

    /**
     * Issues an API token for a user. role null: the token acts with the user's role; else with the lesser of both.
     */
    public IssuedToken createToken(String username, String label, Role role) {
        if (store.user(username).isEmpty()) {
            throw new IllegalArgumentException("no user \"" + username + "\"");
        }
        String secret = "jcwmp_" + randomSecret(32);
        ApiToken token = new ApiToken(HexFormat.of().formatHex(randomBytes(8)), username,
                label == null || label.isBlank() ? "token" : label, role, Instant.now(), null);
        store.insertToken(token, sha256(secret));
        return new IssuedToken(token, secret);
    }

    /** Replaces the user's tokens that carry this label by a new one (the demo does this on every start). */
    public IssuedToken replaceToken(String username, String label, Role role) {
        store.deleteTokens(username, label);
        cache.clear();
        return createToken(username, label, role);
    }

    public List<ApiToken> tokens(String usernameOrNull) {
        return store.tokens(usernameOrNull);
    }

    public boolean revokeToken(String id) {
        boolean deleted = store.deleteToken(id);
        cache.clear();
        return deleted;
    }

    private Optional<Principal> cached(String key, java.util.function.Supplier<Optional<Principal>> load) {
        long now = System.nanoTime();
        Cached c = cache.get(key);
        if (c != null && c.untilNanos - now > 0) {
            return Optional.of(c.principal);
        }
        Optional<Principal> p = load.get();
        if (p.isPresent()) {
            if (cache.size() > 10_000) {
                cache.clear();
            }
            cache.put(key, new Cached(p.get(), now + CACHE.toNanos()));
        } else {
            cache.remove(key);
        }
        return p;
    }

    private static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("a username is 1 to 64 letters, digits or . _ @ -");
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** URL-safe random text carrying n random bytes. */
    public static String randomSecret(int n) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(n));
    }
}
