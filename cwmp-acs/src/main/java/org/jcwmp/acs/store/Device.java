package org.jcwmp.acs.store;

import org.jcwmp.core.rpc.DeviceIdStruct;

import java.time.Instant;

/**
 * A CPE as the ACS knows it, with what it takes to reach it: ConnectionRequestURL (HTTP),
 * UDPConnectionRequestAddress (UDP via STUN), ConnReqJabberID (XMPP), and the credentials the ACS holds for it. The id is OUI-ProductClass-SerialNumber, each part percent-encoded
 * (as GenieACS forms it, so that scripts carry over).
 */
public record Device(String id, DeviceIdStruct deviceId, Instant firstContact, Instant lastContact, Instant lastBoot,
                     String connectionRequestUrl, String connectionRequestUsername, String connectionRequestPassword,
                     String udpConnectionRequestAddress, String jabberId, String stunUsername, String stunPassword) {

    public static String idOf(DeviceIdStruct d) {
        return encode(d.oui()) + "-" + encode(d.productClass()) + "-" + encode(d.serialNumber());
    }

    private static String encode(String part) {
        StringBuilder sb = new StringBuilder(part.length());
        for (byte b : part.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.') {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
