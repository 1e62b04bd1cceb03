package org.jcwmp.cpe.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jcwmp.cpe.connreq.RateLimit;
import org.jcwmp.cpe.xmpp.ConnectionRequestCheck.Verdict;
import org.junit.jupiter.api.Test;

class ConnectionRequestCheckTest {
    private final AtomicReference<String> allowed = new AtomicReference<>("acs@example.com");
    private final AtomicReference<String> password = new AtomicReference<>("crpass");
    private final ConnectionRequestCheck check = new ConnectionRequestCheck(allowed::get, () -> "cruser", password::get,
            new RateLimit(2, Duration.ofHours(1)));

    @Test
    void theSenderIsCheckedBeforeTheCredentials() {
        assertThat(check.check("intruder@example.com/x", "cruser", "wrong")).isEqualTo(Verdict.SENDER_NOT_ALLOWED);
        assertThat(check.check(null, "cruser", "crpass")).isEqualTo(Verdict.SENDER_NOT_ALLOWED);
        assertThat(check.check("acs@example.com/node1", "cruser", "wrong")).isEqualTo(Verdict.NOT_AUTHORIZED);
        assertThat(check.check("acs@example.com/node1", "CRUSER", "crpass")).isEqualTo(Verdict.NOT_AUTHORIZED);
        assertThat(check.check("acs@example.com/node1", "cruser", null)).isEqualTo(Verdict.NOT_AUTHORIZED);
        assertThat(check.check("acs@example.com/node1", "cruser", "crpass")).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void onlyAcceptedRequestsCountAgainstTheRateLimit() {
        for (int i = 0; i < 10; i++) {
            check.check("acs@example.com/a", "cruser", "wrong");
            check.check("other@example.com/a", "cruser", "crpass");
        }
        assertThat(check.check("acs@example.com/a", "cruser", "crpass")).isEqualTo(Verdict.ACCEPTED);
        assertThat(check.check("acs@example.com/a", "cruser", "crpass")).isEqualTo(Verdict.ACCEPTED);
        assertThat(check.check("acs@example.com/a", "cruser", "crpass")).isEqualTo(Verdict.RATE_LIMITED);
    }

    @Test
    void readsTheParametersOnEveryRequest() {
        assertThat(check.check("acs@example.com/a", "cruser", "new")).isEqualTo(Verdict.NOT_AUTHORIZED);
        password.set("new");
        assertThat(check.check("acs@example.com/a", "cruser", "new")).isEqualTo(Verdict.ACCEPTED);
        allowed.set("acs@example.com/b");
        assertThat(check.check("acs@example.com/a", "cruser", "new")).isEqualTo(Verdict.SENDER_NOT_ALLOWED);
        allowed.set("");
        assertThat(check.check("anyone@example.org/z", "cruser", "new")).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void aBrokenAllowListLetsNobodyIn() {
        allowed.set("acs@example.com, @broken");
        assertThat(check.check("acs@example.com/a", "cruser", "crpass")).isEqualTo(Verdict.SENDER_NOT_ALLOWED);
    }
}
