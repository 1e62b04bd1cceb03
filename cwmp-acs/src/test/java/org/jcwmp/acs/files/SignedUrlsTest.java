package org.jcwmp.acs.files;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class SignedUrlsTest {
    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private static String param(String query, String name) {
        for (String kv : query.split("&")) {
            if (kv.startsWith(name + "=")) {
                return kv.substring(name.length() + 1);
            }
        }
        return null;
    }

    @Test
    void aSignatureCoversTheNameAndExpires() {
        Instant now = Instant.parse("2026-11-21T12:00:00Z");
        SignedUrls signer = new SignedUrls(KEY, Clock.fixed(now, ZoneOffset.UTC));
        String q = signer.sign("files/fw.bin", Duration.ofHours(1));
        String expires = param(q, "expires");
        String signature = param(q, "signature");
        assertThat(expires).isEqualTo(String.valueOf(now.plusSeconds(3600).getEpochSecond()));
        assertThat(signer.valid("files/fw.bin", expires, signature)).isTrue();
        assertThat(signer.valid("files/fw.bin", expires, signature.toUpperCase())).isTrue();
        assertThat(signer.valid("files/other.bin", expires, signature)).isFalse();
        assertThat(signer.valid("files/fw.bin", String.valueOf(Long.parseLong(expires) + 1), signature)).isFalse();
        assertThat(signer.valid("files/fw.bin", "x", signature)).isFalse();
        assertThat(new SignedUrls(KEY.replace('0', '1'), Clock.fixed(now, ZoneOffset.UTC))
                .valid("files/fw.bin", expires, signature)).isFalse();
        SignedUrls later = new SignedUrls(KEY, Clock.fixed(now.plusSeconds(3601), ZoneOffset.UTC));
        assertThat(later.valid("files/fw.bin", expires, signature)).as("expired").isFalse();
    }

    @Test
    void rangesFollowRfc9110() {
        assertThat(ByteRange.parse("bytes=0-9", 100)).isEqualTo(new ByteRange(0, 10));
        assertThat(ByteRange.parse("bytes=90-", 100)).isEqualTo(new ByteRange(90, 10));
        assertThat(ByteRange.parse("bytes=90-500", 100)).isEqualTo(new ByteRange(90, 10));
        assertThat(ByteRange.parse("bytes=-5", 100)).isEqualTo(new ByteRange(95, 5));
        assertThat(ByteRange.parse("bytes=-500", 100)).isEqualTo(new ByteRange(0, 100));
        assertThat(ByteRange.parse("bytes=100-", 100)).isSameAs(ByteRange.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=-0", 100)).isSameAs(ByteRange.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=0-0", 0)).isSameAs(ByteRange.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=0-1,5-6", 100)).as("several: the whole").isNull();
        assertThat(ByteRange.parse("items=0-1", 100)).isNull();
        assertThat(ByteRange.parse("bytes=9-1", 100)).isNull();
        assertThat(ByteRange.parse("bytes=a-b", 100)).isNull();
    }

    @Test
    void namesAreOneSegment() {
        for (String bad : new String[] {"", ".", "..", "../x", "a/b", "a\\b", ".env", "x\u0000y", "x".repeat(256)}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> FileNames.check(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(FileNames.check("fw-2.0_final (1).bin")).isEqualTo("fw-2.0_final (1).bin");
        assertThat(FileNames.checkFileType("1 Firmware Upgrade Image")).isEqualTo("1 Firmware Upgrade Image");
        assertThat(FileNames.checkFileType("")).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FileNames.checkFileType("firmware"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
