package org.jcwmp.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Hostile Authorization headers (issue 9): parsing refuses them with IllegalArgumentException or gives
 * credentials, the verifier never throws and never lets a header in without a nonce it issued, and a Basic
 * header is refused with IllegalArgumentException or parsed. Seeds in
 * src/test/resources/org/jcwmp/core/auth/DigestHeaderFuzzTestInputs/verify.
 */
class DigestHeaderFuzzTest {
    private static final DigestAuthenticator DIGEST = new DigestAuthenticator("jcwmp");

    @FuzzTest(maxDuration = "30s")
    void verify(FuzzedDataProvider data) {
        String method = data.pickValue(new String[] {"GET", "POST", ""});
        String header = data.consumeRemainingAsString();
        try {
            DigestCredentials.parse(header);
        } catch (IllegalArgumentException refused) {
            // a clear refusal is fine
        }
        assertThat(DIGEST.verify(method, "/", header, user -> "password of " + user)).isEmpty();
        try {
            assertThat(BasicCredentials.parse(header).username()).isNotNull();
        } catch (IllegalArgumentException refused) {
            // not Basic, or not base64 of user:password
        }
    }
}
