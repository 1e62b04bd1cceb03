package org.jcwmp.acs.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jcwmp.acs.xmpp.XmppConnectionRequestOutcome.Result;
import org.junit.jupiter.api.Test;

/** The outcome's wording, and a requester with no link. No server. */
class XmppConnectionRequestOutcomeTest {
    @Test
    void outcomesSayWhatHappened() {
        var refused = new XmppConnectionRequestOutcome(Result.REFUSED, "not-authorized", "cancel", Duration.ofMillis(3));
        assertThat(refused.delivered()).isFalse();
        assertThat(refused.detail()).isEqualTo("error not-authorized (cancel)");
        var delivered = new XmppConnectionRequestOutcome(Result.DELIVERED, null, null, Duration.ofMillis(2));
        var general = delivered.toConnectionRequestOutcome();
        assertThat(general.mechanism()).isEqualTo("xmpp");
        assertThat(general.delivered()).isTrue();
        assertThat(general.elapsed()).isEqualTo(Duration.ofMillis(2));
    }

    @Test
    void aRequesterWithoutALinkSaysSoAtOnce() {
        try (XmppConnectionRequester r = XmppConnectionRequester.builder().domain("example.com")
                .credentials("acs", "x").build()) {
            assertThat(r.connected()).isFalse();
            assertThat(r.request("cpe@example.com/c", "u", "p").result()).isEqualTo(Result.NOT_CONNECTED);
        }
    }
}
