package org.jcwmp.acs.files;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/** Download URLs that carry their own permission: {@code expires} (epoch seconds) and an HMAC-SHA256 over name and expiry. */
final class SignedUrls {
    private final SecretKeySpec key;
    private final Clock clock;

    SignedUrls(String secretHex, Clock clock) {
        this.key = new SecretKeySpec(HexFormat.of().parseHex(secretHex), "HmacSHA256");
        this.clock = clock;
    }

    /** The query string (without "?") that lets this resource ("files/NAME", "uploads/DEVICE/NAME") be used this long. */
    String sign(String resource, Duration validity) {
        long expires = clock.instant().plus(validity).getEpochSecond();
        return "expires=" + expires + "&signature=" + mac(resource, expires);
    }

    boolean valid(String resource, String expires, String signature) {
        if (expires == null || signature == null || !expires.matches("[0-9]{1,12}")) {
            return false;
        }
        long e = Long.parseLong(expires);
        if (e < clock.instant().getEpochSecond()) {
            return false;
        }
        return MessageDigest.isEqual(mac(resource, e).getBytes(StandardCharsets.US_ASCII),
                signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String resource, long expires) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return HexFormat.of().formatHex(m.doFinal((resource + "\n" + expires).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
