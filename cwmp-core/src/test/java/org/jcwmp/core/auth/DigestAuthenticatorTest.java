package org.jcwmp.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestAuthenticatorTest {
    private static final Function<String, String> USERS = Map.of("cpe", "s3cret", "ü ser", "pässword")::get;

    private final MutableClock clock = new MutableClock();
    private final DigestAuthenticator auth = new DigestAuthenticator("jcwmp", Duration.ofMinutes(5), clock);

    // ---- an independent client, straight from the RFC 2617 / 7616 formulas ----

    private static String h(String jcaAlgorithm, String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(jcaAlgorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String param(String challenge, String name) {
        int i = challenge.indexOf(name + "=");
        assertThat(i).as("%s in %s", name, challenge).isGreaterThanOrEqualTo(0);
        int start = i + name.length() + 1;
        if (challenge.charAt(start) == '"') {
            return challenge.substring(start + 1, challenge.indexOf('"', start + 1));
        }
        int end = challenge.indexOf(',', start);
        return challenge.substring(start, end < 0 ? challenge.length() : end).strip();
    }

    private static String answer(String challenge, String algorithm, String user, String password,
                                 String method, String uri) throws Exception {
        return answer(challenge, algorithm, user, password, method, uri, "00000001");
    }

    private static String answer(String challenge, String algorithm, String user, String password,
                                 String method, String uri, String nc) throws Exception {
        String jca = algorithm.startsWith("SHA-256") ? "SHA-256" : "MD5";
        String realm = param(challenge, "realm");
        String nonce = param(challenge, "nonce");
        String cnonce = "0a4f113b";
        String ha1 = h(jca, user + ":" + realm + ":" + password);
        if (algorithm.endsWith("-sess")) {
            ha1 = h(jca, ha1 + ":" + nonce + ":" + cnonce);
        }
        String ha2 = h(jca, method + ":" + uri);
        String response = h(jca, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", algorithm=" + algorithm + ", response=\"" + response + "\", qop=auth, nc=" + nc
                + ", cnonce=\"" + cnonce + "\", opaque=\"" + param(challenge, "opaque") + "\"";
    }

    private String md5Answer(String user, String password) throws Exception {
        return answer(auth.challenge(), "MD5", user, password, "POST", "/acs");
    }

    // ---- tests ----

    @Test
    void challengesOfferSha256FirstThenMd5WithQopAuth() {
        List<String> challenges = auth.challenges();
        assertThat(challenges).hasSize(2);
        assertThat(challenges.get(0)).startsWith("Digest ").contains("algorithm=SHA-256", "qop=\"auth\"", "realm=\"jcwmp\"");
        assertThat(challenges.get(1)).contains("algorithm=MD5");
        assertThat(param(challenges.get(0), "nonce")).isNotEqualTo(param(challenges.get(1), "nonce"));
        assertThat(auth.challenge()).contains("algorithm=MD5").doesNotContain("stale");
        assertThat(auth.challenges(true)).allSatisfy(c -> assertThat(c).contains("stale=true"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MD5", "SHA-256", "MD5-sess", "SHA-256-sess"})
    void acceptsACorrectAnswer(String algorithm) throws Exception {
        String challenge = auth.challenges().get(0);
        assertThat(auth.verify("POST", answer(challenge, algorithm, "cpe", "s3cret", "POST", "/acs"), USERS)).contains("cpe");
        assertThat(auth.verify("POST", "/acs", answer(auth.challenges().get(0), algorithm, "cpe", "s3cret", "POST", "/acs"),
                USERS)).contains("cpe");
    }

    @Test
    void aNonceMayBeReusedWithAHigherCountButAnAnswerReplayedIsRefused() throws Exception {
        String challenge = auth.challenge();
        String first = answer(challenge, "MD5", "cpe", "s3cret", "POST", "/acs", "00000001");
        assertThat(auth.verify("POST", first, USERS)).contains("cpe");
        assertThat(auth.verify("POST", first, USERS)).as("the same answer again").isEmpty();
        assertThat(auth.verify("POST", answer(challenge, "MD5", "cpe", "s3cret", "POST", "/acs", "00000003"), USERS))
                .as("the next request on the same nonce, counting up").contains("cpe");
        assertThat(auth.verify("POST", answer(challenge, "MD5", "cpe", "s3cret", "POST", "/acs", "00000002"), USERS))
                .as("a count below the highest seen").isEmpty();
        assertThat(auth.verify("POST", answer(challenge, "MD5", "cpe", "s3cret", "POST", "/acs", "zz"), USERS)).isEmpty();
        assertThat(auth.isStale(first)).isFalse(); // a replay is not asked to retry with a fresh nonce
    }

    @Test
    void aWrongAnswerDoesNotUseUpTheNonce() throws Exception {
        String challenge = auth.challenge();
        assertThat(auth.verify("POST", answer(challenge, "MD5", "cpe", "wrong", "POST", "/acs", "00000005"), USERS)).isEmpty();
        assertThat(auth.verify("POST", answer(challenge, "MD5", "cpe", "s3cret", "POST", "/acs", "00000001"), USERS))
                .contains("cpe");
    }

    @Test
    void usedNoncesAreForgottenOnceExpired() throws Exception {
        for (int i = 0; i < 5_000; i++) {
            assertThat(auth.verify("POST", md5Answer("cpe", "s3cret"), USERS)).isPresent();
            if (i == 999) {
                clock.advance(Duration.ofMinutes(6)); // the first thousand expire
            }
        }
        assertThat(auth.noncesInUse()).isEqualTo(4_000); // swept at the 4,096th new one
    }

    @Test
    void acceptsNonAsciiUsersAndPasswords() throws Exception {
        assertThat(auth.verify("POST", md5Answer("ü ser", "pässword"), USERS)).contains("ü ser");
    }

    @Test
    void acceptsAnRfc2069AnswerWithoutQop() throws Exception {
        String nonce = param(auth.challenge(), "nonce");
        String ha1 = h("MD5", "cpe:jcwmp:s3cret");
        String ha2 = h("MD5", "GET:/cr/x");
        String header = "Digest username=\"cpe\", realm=\"jcwmp\", nonce=\"" + nonce + "\", uri=\"/cr/x\", response=\""
                + h("MD5", ha1 + ":" + nonce + ":" + ha2) + "\"";
        assertThat(auth.verify("GET", header, USERS)).contains("cpe");
        assertThat(auth.verify("GET", header, USERS)).as("without a count, a nonce serves once").isEmpty();
    }

    @Test
    void rejectsAWrongPasswordAnUnknownUserAndAnotherMethodOrUri() throws Exception {
        assertThat(auth.verify("POST", md5Answer("cpe", "wrong"), USERS)).isEmpty();
        assertThat(auth.verify("POST", md5Answer("nobody", "s3cret"), USERS)).isEmpty();
        assertThat(auth.verify("GET", md5Answer("cpe", "s3cret"), USERS)).isEmpty();
        assertThat(auth.verify("POST", "/other", md5Answer("cpe", "s3cret"), USERS)).isEmpty();
        assertThat(auth.verify("POST", "http://acs.example:7547/acs", md5Answer("cpe", "s3cret"), USERS)).contains("cpe");
    }

    @Test
    void rejectsANonceFromAnotherInstance() throws Exception {
        DigestAuthenticator other = new DigestAuthenticator("jcwmp");
        String header = answer(other.challenge(), "MD5", "cpe", "s3cret", "POST", "/acs");
        assertThat(other.verify("POST", header, USERS)).contains("cpe");
        assertThat(auth.verify("POST", header, USERS)).isEmpty();
        assertThat(auth.isStale(header)).isFalse();
    }

    @Test
    void anotherInstancesNonceWithTheRightPasswordIsStaleSoTheClientSimplyAnswersAgain() throws Exception {
        DigestAuthenticator otherNode = new DigestAuthenticator("jcwmp");
        String right = answer(otherNode.challenge(), "MD5", "cpe", "s3cret", "POST", "/acs");
        String wrong = answer(otherNode.challenge(), "MD5", "cpe", "guess", "POST", "/acs");
        assertThat(auth.verify("POST", right, USERS)).isEmpty();
        assertThat(auth.isStale("POST", right, USERS)).isTrue();
        assertThat(auth.isStale("POST", wrong, USERS)).isFalse();
        assertThat(auth.isStale("POST", null, USERS)).isFalse();
        assertThat(auth.isStale("POST", md5Answer("cpe", "guess"), USERS)).as("our fresh nonce, wrong password").isFalse();
    }

    @Test
    void rejectsAnExpiredNonceAndCallsItStale() throws Exception {
        String header = md5Answer("cpe", "s3cret");
        clock.advance(Duration.ofMinutes(4));
        assertThat(auth.verify("POST", header, USERS)).contains("cpe");
        assertThat(auth.isStale(header)).isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(auth.verify("POST", header, USERS)).isEmpty();
        assertThat(auth.isStale(header)).isTrue();
    }

    @Test
    void rejectsATamperedNonce() throws Exception {
        String challenge = auth.challenge();
        String nonce = param(challenge, "nonce");
        char[] chars = nonce.toCharArray();
        chars[3] = chars[3] == 'A' ? 'B' : 'A'; // inside the timestamp
        String tampered = challenge.replace(nonce, new String(chars));
        String header = answer(tampered, "MD5", "cpe", "s3cret", "POST", "/acs");
        assertThat(auth.verify("POST", header, USERS)).isEmpty();
        assertThat(auth.verify("POST", answer(challenge.replace(nonce, "bm9uY2U"), "MD5", "cpe", "s3cret", "POST", "/acs"), USERS)).isEmpty();
    }

    @Test
    void rejectsMissingNcOrCnonceWithQopAuthAndOtherRealmsOrAlgorithms() throws Exception {
        String good = md5Answer("cpe", "s3cret");
        assertThat(auth.verify("POST", good.replace(", nc=00000001", ""), USERS)).isEmpty();
        assertThat(auth.verify("POST", good.replace(", cnonce=\"0a4f113b\"", ""), USERS)).isEmpty();
        assertThat(auth.verify("POST", good.replace("qop=auth", "qop=auth-int"), USERS)).isEmpty();
        assertThat(auth.verify("POST", good.replace("algorithm=MD5", "algorithm=SHA-512"), USERS)).isEmpty();
        String otherRealm = answer(auth.challenge().replace("realm=\"jcwmp\"", "realm=\"other\""), "MD5", "cpe", "s3cret", "POST", "/acs");
        assertThat(auth.verify("POST", otherRealm, USERS)).isEmpty();
        assertThat(auth.verify("POST", good.replaceAll("opaque=\"[^\"]*\"", "opaque=\"x\""), USERS)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Basic Y3BlOnMzY3JldA==", "Digest", "Digest username=\"cpe\"", "Digest \"\"\"",
            "Digest username=cpe, realm=jcwmp, nonce=%%%, uri=/acs, response=00, qop=auth, nc=1, cnonce=x"})
    void rejectsGarbageWithoutThrowing(String header) {
        assertThat(auth.verify("POST", header, USERS)).isEmpty();
        assertThat(auth.isStale(header)).isFalse();
    }

    @Test
    void rejectsANullHeader() {
        assertThat(auth.verify("POST", null, USERS)).isEmpty();
        assertThat(auth.verify("POST", null, null, USERS)).isEqualTo(Optional.empty());
    }

    /** A clock the test moves forward. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
