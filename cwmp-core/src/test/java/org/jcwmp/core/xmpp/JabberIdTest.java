package org.jcwmp.core.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JabberIdTest {
    @Test
    void parsesFullBareAndDomainAddresses() {
        JabberId full = JabberId.parse("cpe-0001@xmpp.example.com/cwmp");
        assertThat(full.localpart()).isEqualTo("cpe-0001");
        assertThat(full.domainpart()).isEqualTo("xmpp.example.com");
        assertThat(full.resourcepart()).isEqualTo("cwmp");
        assertThat(full.isFull()).isTrue();
        assertThat(full.bare()).isEqualTo(JabberId.parse("cpe-0001@xmpp.example.com"));
        assertThat(full.bare().isFull()).isFalse();
        assertThat(JabberId.parse("example.com").localpart()).isEmpty();
        assertThat(full).hasToString("cpe-0001@xmpp.example.com/cwmp");
    }

    @Test
    void theResourceMayHoldAtAndSlash() {
        JabberId jid = JabberId.parse("acs@example.com/node@1/a");
        assertThat(jid.localpart()).isEqualTo("acs");
        assertThat(jid.resourcepart()).isEqualTo("node@1/a");
    }

    @Test
    void localAndDomainIgnoreCaseTheResourceDoesNot() {
        assertThat(JabberId.parse("ACS@Example.COM/R1")).isEqualTo(JabberId.parse("acs@example.com/R1"));
        assertThat(JabberId.parse("acs@example.com/R1")).isNotEqualTo(JabberId.parse("acs@example.com/r1"));
        assertThat(JabberId.parse("acs@example.com.")).isEqualTo(JabberId.parse("acs@example.com"));
    }

    @Test
    void refusesWhatIsNotAJid() {
        assertThatThrownBy(() -> JabberId.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JabberId.parse("@example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JabberId.parse("acs@")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JabberId.parse("acs@example.com/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JabberId.parse("a@b@example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JabberId.parse("a b@example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JabberId.parse("x".repeat(1024) + "@example.com"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
