package org.jcwmp.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client's answers against our own verifier: each challenge it issues, answered, is accepted once per count. */
class DigestChallengeTest {
    private final DigestAuthenticatorTest.MutableClock clock = new DigestAuthenticatorTest.MutableClock();
    private final DigestAuthenticator auth = new DigestAuthenticator("jcwmp", Duration.ofMinutes(5), clock);
    private final Map<String, String> passwords = Map.of("cpe", "s3cret");

    @Test
    void answersBothOfferedAlgorithmsAndRaisesTheCount() {
        for (String offered : auth.challenges()) {
            DigestChallenge c = DigestChallenge.parse(offered);
            assertThat(c.qopAuth()).isTrue();
            assertThat(c.stale()).isFalse();
            String first = c.answer("cpe", "s3cret", "POST", "/acs?x=1", 1, "abcdef");
            assertThat(auth.verify("POST", "/acs?x=1", first, passwords::get)).contains("cpe");
            assertThat(auth.verify("POST", "/acs?x=1", first, passwords::get)).as("a replay").isEmpty();
            String second = c.answer("cpe", "s3cret", "POST", "/acs?x=1", 2, "abcdef");
            assertThat(auth.verify("POST", "/acs?x=1", second, passwords::get)).contains("cpe");
            assertThat(auth.verify("POST", "/acs?x=1", c.answer("cpe", "wrong", "POST", "/acs?x=1", 3, "abcdef"),
                    passwords::get)).isEmpty();
        }
    }

    @Test
    void readsStaleAndTheSessionAndLegacyForms() {
        clock.advance(Duration.ZERO);
        assertThat(DigestChallenge.parse(auth.challenges(true).get(0)).stale()).isTrue();
        DigestChallenge sess = DigestChallenge.parse(
                "Digest realm=\"jcwmp\", qop=\"auth,auth-int\", algorithm=MD5-sess, nonce=\"" + nonceOf(auth.challenge()) + "\"");
        assertThat(auth.verify("GET", "/", sess.answer("cpe", "s3cret", "GET", "/", 1, "c1"), passwords::get))
                .contains("cpe");
        DigestChallenge legacy = DigestChallenge.parse("Digest realm=\"jcwmp\", nonce=\"" + nonceOf(auth.challenge()) + "\"");
        assertThat(legacy.qopAuth()).isFalse();
        assertThat(legacy.answer("cpe", "s3cret", "GET", "/", 1, "c1")).doesNotContain("qop", "nc=", "cnonce");
        assertThat(auth.verify("GET", "/", legacy.answer("cpe", "s3cret", "GET", "/", 1, "c1"), passwords::get))
                .contains("cpe");
    }

    private static String nonceOf(String challenge) {
        return DigestChallenge.parse(challenge).nonce();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic realm=\"x\"", "Digest realm=\"x\"", "Digest nonce=\"n\"",
            "Digest realm=\"x\", nonce=\"n\", algorithm=SHA-512", "Digest realm=\"x\", nonce=\"n\", qop=\"auth-int\"",
            "Digest realm=\"x\", nonce=\"n\", algorithm=MD5-sess", "Digest realm=\"x, nonce=\"n\""})
    void refusesWhatItCannotAnswer(String header) {
        assertThatThrownBy(() -> DigestChallenge.parse(header)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void basicHeaderRoundTrips() {
        BasicCredentials c = new BasicCredentials("cpe", "pa:ss ü");
        assertThat(BasicCredentials.parse(c.header())).isEqualTo(c);
    }
}
