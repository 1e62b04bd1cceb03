package org.jcwmp.core.udpcr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class UdpConnectionRequestTest {

    private static String hmacHex(String key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return HexFormat.of().withUpperCase().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signsTsIdUnCnWithTheConnectionRequestPassword() throws Exception {
        UdpConnectionRequest r = UdpConnectionRequest.sign("203.0.113.5:5060", 1120673700L, "1234", "CPE57689",
                "XTGRWIPC6D3IPXS3", "secret");
        assertThat(r.sig()).isEqualTo(hmacHex("secret", "11206737001234CPE57689XTGRWIPC6D3IPXS3"));
        assertThat(r.toMessage()).isEqualTo("GET http://203.0.113.5:5060?ts=1120673700&id=1234&un=CPE57689"
                + "&cn=XTGRWIPC6D3IPXS3&sig=" + r.sig() + " HTTP/1.1\r\nHost: 203.0.113.5:5060\r\n\r\n");
        assertThat(r.signatureMatches("secret")).isTrue();
        assertThat(r.signatureMatches("Secret")).isFalse();
    }

    @Test
    void roundTripsThroughTheDatagram() throws Exception {
        UdpConnectionRequest r = UdpConnectionRequest.create("[2001:db8::1]:7547", 1_700_000_000L, "user name&=é", "pw");
        assertThat(r.toMessage()).contains("un=user%20name%26%3D%C3%A9");
        byte[] d = r.toDatagram();
        UdpConnectionRequest back = UdpConnectionRequest.parse(d, 0, d.length);
        assertThat(back).isEqualTo(r);
        assertThat(back.signatureMatches("pw")).isTrue();
        assertThat(r.id()).matches("[0-9]+");
        assertThat(r.cn()).matches("[A-Z0-9]{16}");
    }

    @Test
    void readsWhatRealAcssSend() throws Exception {
        String sig = hmacHex("pw", "1700000000123" + "cpe" + "abc").toLowerCase();
        UdpConnectionRequest r = UdpConnectionRequest.parse("GET http://10.0.0.1/?cn=abc&sig=" + sig
                + "&un=cpe&ts=1700000000&id=123 HTTP/1.1\nUser-Agent: x\nHost: 10.0.0.1:5060\n\n");
        assertThat(r.authority()).isEqualTo("10.0.0.1");
        assertThat(r.signatureMatches("pw")).isTrue();

        String msSig = hmacHex("pw", "1700000000123" + "7" + "cpe" + "c");
        UdpConnectionRequest ms = UdpConnectionRequest.parse("\r\nget /?TS=1700000000123&ID=7&UN=cpe&CN=c&SIG=" + msSig
                + " HTTP/1.0\r\nhost: 192.0.2.1:7547\r\n\r\n");
        assertThat(ms.authority()).isEqualTo("192.0.2.1:7547");
        assertThat(ms.timestampMillis()).isEqualTo(1_700_000_000_123L);
        assertThat(ms.signatureMatches("pw")).isTrue();
        assertThat(UdpConnectionRequest.sign("h:1", 1_700_000_000L, "1", "u", "c", "p").timestampMillis())
                .isEqualTo(1_700_000_000_000L);

        UdpConnectionRequest noVersion = UdpConnectionRequest.parse("GET http://h:1?ts=1&id=2&un=3&cn=4&sig="
                + "A".repeat(40) + "&extra=1#frag");
        assertThat(noVersion.un()).isEqualTo("3");
    }

    @Test
    void saysWhatIsWrong() {
        String sig = "&sig=" + "0".repeat(40);
        List<List<String>> cases = List.of(
                List.of("", "empty"),
                List.of("POST http://h:1?ts=1&id=2&un=3&cn=4" + sig + " HTTP/1.1\r\n\r\n", "not a GET"),
                List.of("GET http://h:1 HTTP/1.1\r\n\r\n", "no query"),
                List.of("GET http://h:1?ts=1&id=2&un=3" + sig + " HTTP/1.1\r\n\r\n", "missing cn"),
                List.of("GET http://h:1?ts=1&id=2&un=3&cn=4&sig=abc HTTP/1.1\r\n\r\n", "40 hex"),
                List.of("GET http://h:1?ts=x1&id=2&un=3&cn=4" + sig + " HTTP/1.1\r\n\r\n", "ts is a number"),
                List.of("GET http://h:1?ts=1&ts=2&id=2&un=3&cn=4" + sig + " HTTP/1.1\r\n\r\n", "twice"),
                List.of("GET ftp://h:1?ts=1&id=2&un=3&cn=4" + sig + " HTTP/1.1\r\n\r\n", "not an http URL"),
                List.of("GET http://h:1?ts=1&id=2&un=3&cn=4" + sig + " SIP/2.0\r\n\r\n", "not HTTP"),
                List.of("GET http://h:1?ts=1&id=2&un=3&cn=4" + sig + " HTTP/1.1 x\r\n\r\n", "request line"),
                List.of("GET http://h:1?ts=1&id=2&un=3&cn=4" + sig + "&" + "x".repeat(5000), "longer than"));
        for (List<String> c : cases) {
            assertThatThrownBy(() -> UdpConnectionRequest.parse(c.get(0)))
                    .as(c.get(0)).isInstanceOf(UdpConnectionRequestException.class).hasMessageContaining(c.get(1));
        }
    }

    @Test
    void garbageOnlyEverRaisesTheDeclaredException() {
        Random random = new Random(7);
        byte[] valid = UdpConnectionRequest.create("h:1", 1, "u", "p").toDatagram();
        for (int round = 0; round < 20_000; round++) {
            byte[] b = valid.clone();
            for (int flips = 1 + random.nextInt(6); flips > 0; flips--) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            try {
                UdpConnectionRequest.parse(b, 0, random.nextInt(b.length + 1)).signatureMatches("p");
            } catch (UdpConnectionRequestException expected) {
                // fine
            }
        }
    }

    @Test
    void formatsAndParsesTheAddress() throws Exception {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 5060);
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 5060);
        assertThat(UdpConnectionRequestAddress.format(v4)).isEqualTo("203.0.113.7:5060");
        assertThat(UdpConnectionRequestAddress.format(v6)).isEqualTo("[2001:db8:0:0:0:0:0:1]:5060");
        assertThat(UdpConnectionRequestAddress.parse(" 203.0.113.7:5060 ")).isEqualTo(v4);
        assertThat(UdpConnectionRequestAddress.parse("[2001:db8::1]:5060")).isEqualTo(v6);
        for (String bad : new String[] {"", "h", "h:", ":1", "h:0", "h:70000", "2001:db8::1:5060", "h:x"}) {
            assertThatThrownBy(() -> UdpConnectionRequestAddress.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
