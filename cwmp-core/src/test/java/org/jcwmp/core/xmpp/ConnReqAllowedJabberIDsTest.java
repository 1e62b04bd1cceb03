package org.jcwmp.core.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConnReqAllowedJabberIDsTest {
    @Test
    void theExampleOfTr181() {
        // TR-181 ConnReqAllowedJabberIDs, with the example's domains made consistent.
        ConnReqAllowedJabberIDs allowed = ConnReqAllowedJabberIDs.parse(
                "ACS1@tr069.example.com, ACS2@tr069.example.com/resource1");
        assertThat(allowed.allows("ACS1@tr069.example.com/resource1")).isTrue();
        assertThat(allowed.allows("ACS1@tr069.example.com/resource2")).isTrue();
        assertThat(allowed.allows("ACS2@tr069.example.com/resource1")).isTrue();
        assertThat(allowed.allows("ACS2@tr069.example.com/resource2")).isFalse();
        assertThat(allowed.allows("ACS@tr069.example.com/resource")).isFalse();
    }

    @Test
    void aBareEntryMatchesTheAccountOnlyAFullEntryExactly() {
        ConnReqAllowedJabberIDs bare = ConnReqAllowedJabberIDs.parse("acs@example.com");
        assertThat(bare.allows("acs@example.com")).isTrue();
        assertThat(bare.allows("acs@example.com/any")).isTrue();
        assertThat(bare.allows("acs@other.example.com/any")).isFalse();
        assertThat(bare.allows("acs2@example.com/any")).isFalse();
        ConnReqAllowedJabberIDs full = ConnReqAllowedJabberIDs.parse("acs@example.com/r1");
        assertThat(full.allows("acs@example.com/r1")).isTrue();
        assertThat(full.allows("ACS@EXAMPLE.com/r1")).isTrue();
        assertThat(full.allows("acs@example.com/R1")).isFalse();
        assertThat(full.allows("acs@example.com")).isFalse();
    }

    @Test
    void anEmptyListAllowsEverySenderEvenNone() {
        for (String empty : new String[] {null, "", "  ", " , "}) {
            ConnReqAllowedJabberIDs everyone = ConnReqAllowedJabberIDs.parse(empty);
            assertThat(everyone.allowsEveryone()).isTrue();
            assertThat(everyone.allows("anyone@anywhere.example/x")).isTrue();
            assertThat(everyone.allows((String) null)).isTrue();
        }
    }

    @Test
    void aNonEmptyListRefusesAMissingOrBrokenSender() {
        ConnReqAllowedJabberIDs allowed = ConnReqAllowedJabberIDs.parse("acs@example.com");
        assertThat(allowed.allows((String) null)).isFalse();
        assertThat(allowed.allows((JabberId) null)).isFalse();
        assertThat(allowed.allows("not a jid@")).isFalse();
    }

    @Test
    void enforcesTheParameterLimits() {
        String thirtyTwo = IntStream.range(0, 32).mapToObj(i -> "acs" + i + "@example.com")
                .collect(Collectors.joining(","));
        assertThat(ConnReqAllowedJabberIDs.parse(thirtyTwo).entries()).hasSize(32);
        assertThatThrownBy(() -> ConnReqAllowedJabberIDs.parse(thirtyTwo + ",one@more.example"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnReqAllowedJabberIDs.parse("a@" + "x".repeat(256)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnReqAllowedJabberIDs.parse("acs@example.com,@broken"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printsAsTheParameterValue() {
        assertThat(ConnReqAllowedJabberIDs.parse(" A@x.example , b@y.example/r ")).hasToString("a@x.example,b@y.example/r");
    }
}
