package org.jcwmp.cpe.software;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Deployment unit UUIDs: the format TR-069 checks (9022) and the name-based version 5 UUID (RFC 4122, SHA-1) the
 * agent makes when an Install names none. Simplified from TR-181 Annex C: the name is "vendor:name" of the package
 * in a namespace of the agent's own, so installing the same package twice yields the same UUID (9026).
 */
public final class DeploymentUnitUuid {
    private static final Pattern FORMAT = Pattern.compile(
            "[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}");
    /** The agent's namespace for version 5 UUIDs (itself a random UUID, fixed forever). */
    static final UUID NAMESPACE = UUID.fromString("6a0f3c58-2f0e-4b6e-9d55-6c1f3b1e2a77");

    private DeploymentUnitUuid() {
    }

    public static boolean isValid(String uuid) {
        return uuid != null && FORMAT.matcher(uuid).matches();
    }

    /** The version 5 UUID of a package, lower case. */
    public static String of(String vendor, String name) {
        byte[] ns = toBytes(NAMESPACE);
        byte[] text = (vendor + ":" + name).getBytes(StandardCharsets.UTF_8);
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
        sha1.update(ns);
        sha1.update(text);
        byte[] h = sha1.digest();
        h[6] = (byte) ((h[6] & 0x0f) | 0x50); // version 5
        h[8] = (byte) ((h[8] & 0x3f) | 0x80); // RFC 4122 variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (h[i] & 0xff);
            lsb = (lsb << 8) | (h[i + 8] & 0xff);
        }
        return new UUID(msb, lsb).toString().toLowerCase(Locale.ROOT);
    }

    private static byte[] toBytes(UUID u) {
        byte[] b = new byte[16];
        long msb = u.getMostSignificantBits();
        long lsb = u.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (msb >>> (56 - 8 * i));
            b[i + 8] = (byte) (lsb >>> (56 - 8 * i));
        }
        return b;
    }
}
