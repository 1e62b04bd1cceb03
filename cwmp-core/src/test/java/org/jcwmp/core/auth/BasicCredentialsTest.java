package org.jcwmp.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BasicCredentialsTest {

    private static String basic(String text) {
        return "Basic " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void splitsAtTheFirstColon() {
        assertThat(BasicCredentials.parse(basic("cpe:pa:ss")))
                .isEqualTo(new BasicCredentials("cpe", "pa:ss"));
        assertThat(BasicCredentials.parse("  basic  " + Base64.getEncoder().encodeToString("ü:".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(new BasicCredentials("ü", ""));
    }

    @Test
    void hidesThePasswordInToString() {
        assertThat(new BasicCredentials("u", "secret").toString()).doesNotContain("secret");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Basic", "Basic !!!", "Digest dXNlcjpwYXNz", "Basic dXNlcg==" /* "user", no colon */})
    void rejectsGarbage(String header) {
        assertThatThrownBy(() -> BasicCredentials.parse(header)).isInstanceOf(IllegalArgumentException.class);
    }
}
