package org.jcwmp.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestCredentialsTest {

    @Test
    void parsesQuotedAndBareValues() {
        DigestCredentials c = DigestCredentials.parse(
                "Digest username=\"cpe\", realm=\"jcwmp\", nonce=\"abc\", uri=\"/acs?x=1\", algorithm=SHA-256,"
                        + " response=\"0123\", qop=auth, nc=00000001, cnonce=\"c1\", opaque=\"op\"");
        assertThat(c).isEqualTo(new DigestCredentials("cpe", "jcwmp", "abc", "/acs?x=1", "0123", "SHA-256",
                "auth", "00000001", "c1", "op"));
    }

    @Test
    void toleratesSpacingCaseEmptyItemsAndCommasInsideQuotes() {
        DigestCredentials c = DigestCredentials.parse(
                "  digest   Username = \"a, \\\"b\\\"\" ,, REALM=\"r, s\",nonce=n ,uri=/ , response = ff ,  ");
        assertThat(c.username()).isEqualTo("a, \"b\"");
        assertThat(c.realm()).isEqualTo("r, s");
        assertThat(c.nonce()).isEqualTo("n");
        assertThat(c.uri()).isEqualTo("/");
        assertThat(c.response()).isEqualTo("ff");
        assertThat(c.qop()).isNull();
        assertThat(c.cnonce()).isNull();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
            "", "Digest", "Basic dXNlcjpwYXNz", "Digestusername=\"a\"",
            "Digest username=\"a", // unterminated quote
            "Digest username=\"a\" realm=\"r\", nonce=n, uri=/, response=f", // missing comma
            "Digest username", "Digest =x", "Digest username=a=b\"",
            "Digest realm=r, nonce=n, uri=/, response=f", // no username
            "Digest username=a, username=b, realm=r, nonce=n, uri=/, response=f", // repeated
            "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"/\", response=\"f\" garbage",
            "\u0000\u0001\u0002", "Digest ,,,,,"
    })
    void rejectsGarbage(String header) {
        assertThatThrownBy(() -> DigestCredentials.parse(header)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsHugeHeaders() {
        String header = "Digest username=\"" + "a".repeat(20_000) + "\", realm=r, nonce=n, uri=/, response=f";
        assertThatThrownBy(() -> DigestCredentials.parse(header)).isInstanceOf(IllegalArgumentException.class);
    }
}
