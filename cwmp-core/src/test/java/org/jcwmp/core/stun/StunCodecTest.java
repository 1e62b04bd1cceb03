package org.jcwmp.core.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class StunCodecTest {
    private static final byte[] TID = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

    private static InetSocketAddress addr(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void writesTheTr111BindingRequestByteForByte() {
        StunMessage m = new StunMessage(StunMessageType.BINDING_REQUEST, new TransactionId(TID),
                List.of(new ConnectionRequestBinding(), new Username("cpe-1"), new BindingChange()));
        byte[] wire = StunCodec.encode(m);
        String expected = "0001" + "0028" + "000102030405060708090a0b0c0d0e0f"
                + "c001" + "0014" + HexFormat.of().formatHex("dslforum.org/TR-111 ".getBytes(StandardCharsets.US_ASCII))
                + "0006" + "0008" + HexFormat.of().formatHex("cpe-1".getBytes(StandardCharsets.US_ASCII)) + "000000"
                + "c002" + "0000";
        assertThat(HexFormat.of().formatHex(wire)).isEqualTo(expected);
    }

    @Test
    void writesAddressesChangeRequestAndErrorsAsRfc3489LaysThemOut() throws Exception {
        StunMessage m = new StunMessage(StunMessageType.BINDING_ERROR_RESPONSE, new TransactionId(TID), List.of(
                new MappedAddress(addr("192.0.2.1", 0x1234)), new ChangeRequest(true, true),
                new ErrorCode(420, "Unknown Attribute"), new UnknownAttributes(List.of(0x0042))));
        String hex = HexFormat.of().formatHex(StunCodec.encode(m));
        assertThat(hex).startsWith("0111");
        assertThat(hex).contains("0001000800011234c0000201"); // MAPPED-ADDRESS: 0, family 1, port, IPv4
        assertThat(hex).contains("0003000400000006"); // CHANGE-REQUEST: change IP (4) and port (2)
        // ERROR-CODE: class 4, number 20, "Unknown Attribute" (17 bytes) padded with spaces to 20
        assertThat(hex).contains("0009001800000414" + HexFormat.of().formatHex(
                "Unknown Attribute   ".getBytes(StandardCharsets.US_ASCII)));
        assertThat(hex).endsWith("000a000400420042"); // one unknown type, repeated to fill the word
    }

    @Test
    void roundTripsEveryAttribute() throws Exception {
        List<StunAttribute> all = List.of(
                new MappedAddress(addr("203.0.113.9", 40000)), new ResponseAddress(addr("198.51.100.1", 1)),
                new ChangeRequest(false, true), new SourceAddress(addr("2001:db8::1", 3478)),
                new ChangedAddress(addr("192.0.2.2", 3479)), new Username("abc"), new Password("secret!"),
                new ErrorCode(401, "Unauthorized"), new UnknownAttributes(List.of(0x0030, 0x0031)),
                new ReflectedFrom(addr("10.0.0.1", 65535)), new ConnectionRequestBinding(), new BindingChange(),
                new OtherAttribute(0x8022, "srv".getBytes(StandardCharsets.US_ASCII)));
        StunMessage m = new StunMessage(StunMessageType.BINDING_RESPONSE, TransactionId.random(), all);
        StunMessage back = StunCodec.decode(StunCodec.encode(m));
        assertThat(back).isEqualTo(m);
        assertThat(back.username()).isEqualTo("abc");
        assertThat(back.attribute(MappedAddress.class).orElseThrow().address()).isEqualTo(addr("203.0.113.9", 40000));
    }

    @Test
    void integrityIsHmacSha1OverThePaddedMessageWithTheLengthCountingIt() throws Exception {
        StunMessage m = new StunMessage(StunMessageType.BINDING_REQUEST, new TransactionId(TID),
                List.of(new ConnectionRequestBinding(), new Username("cpe-1")));
        byte[] wire = StunCodec.encode(m, "pa55");

        // Built by hand: header with the length counting the 24-byte MESSAGE-INTEGRITY, then the attributes.
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.writeBytes(HexFormat.of().parseHex("0001" + "003c")); // 24 + 12 + 24
        text.writeBytes(TID);
        text.writeBytes(HexFormat.of().parseHex("c0010014"));
        text.writeBytes("dslforum.org/TR-111 ".getBytes(StandardCharsets.US_ASCII));
        text.writeBytes(HexFormat.of().parseHex("00060008"));
        text.writeBytes("cpe-1\0\0\0".getBytes(StandardCharsets.US_ASCII));
        byte[] before = text.toByteArray();
        assertThat(before.length).isEqualTo(56);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec("pa55".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        byte[] hmac = mac.doFinal(Arrays.copyOf(before, 64)); // zero-padded to a multiple of 64

        assertThat(Arrays.copyOf(wire, 56)).isEqualTo(before);
        assertThat(Arrays.copyOfRange(wire, 56, 60)).isEqualTo(HexFormat.of().parseHex("00080014"));
        assertThat(Arrays.copyOfRange(wire, 60, 80)).isEqualTo(hmac);
        assertThat(wire).hasSize(80);

        assertThat(MessageIntegrity.check(wire, 0, wire.length, "pa55")).isEqualTo(MessageIntegrity.Check.VALID);
        assertThat(MessageIntegrity.check(wire, 0, wire.length, "pa56")).isEqualTo(MessageIntegrity.Check.INVALID);
        byte[] tampered = wire.clone();
        tampered[30] ^= 1;
        assertThat(MessageIntegrity.check(tampered, 0, tampered.length, "pa55"))
                .isEqualTo(MessageIntegrity.Check.INVALID);
        byte[] plain = StunCodec.encode(m);
        assertThat(MessageIntegrity.check(plain, 0, plain.length, "pa55")).isEqualTo(MessageIntegrity.Check.ABSENT);
        assertThat(StunCodec.decode(wire).attribute(MessageIntegrity.class).orElseThrow().hmac()).isEqualTo(hmac);
    }

    @Test
    void acceptsTheUnpaddedIntegrityOfClassicStacksToo() throws Exception {
        StunMessage m = new StunMessage(StunMessageType.BINDING_REQUEST, new TransactionId(TID),
                List.of(new Username("cpe-1")));
        byte[] wire = StunCodec.encode(m, "pw");
        int at = wire.length - 24;
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec("pw".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        System.arraycopy(mac.doFinal(Arrays.copyOf(wire, at)), 0, wire, at + 4, 20);
        assertThat(MessageIntegrity.check(wire, 0, wire.length, "pw")).isEqualTo(MessageIntegrity.Check.VALID);
        assertThat(MessageIntegrity.check(wire, 0, wire.length, "px")).isEqualTo(MessageIntegrity.Check.INVALID);
    }

    @Test
    void anEmptyPasswordStillSigns() throws Exception {
        byte[] wire = StunCodec.encode(StunMessage.bindingRequest(new Username("u")), "");
        assertThat(MessageIntegrity.check(wire, 0, wire.length, "")).isEqualTo(MessageIntegrity.Check.VALID);
        assertThat(MessageIntegrity.check(wire, 0, wire.length, "x")).isEqualTo(MessageIntegrity.Check.INVALID);
    }

    @Test
    void readsLeniently() throws Exception {
        // RFC 5389-style padding after a 3-byte username, a CONNECTION-REQUEST-BINDING without its trailing space,
        // and bytes after the message.
        String hex = "0001" + "0020" + "000102030405060708090a0b0c0d0e0f"
                + "0006" + "0003" + "616263" + "00"
                + "c001" + "0013" + HexFormat.of().formatHex("dslforum.org/TR-111".getBytes(StandardCharsets.US_ASCII))
                + "00" + "ffff";
        StunMessage m = StunCodec.decode(HexFormat.of().parseHex(hex));
        assertThat(m.username()).isEqualTo("abc");
        assertThat(m.has(ConnectionRequestBinding.class)).isTrue();
    }

    @Test
    void dropsAttributesAfterIntegrity() throws Exception {
        byte[] signed = StunCodec.encode(StunMessage.bindingRequest(new Username("u")), "p");
        byte[] more = Arrays.copyOf(signed, signed.length + 4);
        more[3] += 4;
        System.arraycopy(HexFormat.of().parseHex("c0020000"), 0, more, signed.length, 4);
        StunMessage m = StunCodec.decode(more);
        assertThat(m.has(BindingChange.class)).isFalse();
        assertThat(m.attributes().getLast()).isInstanceOf(MessageIntegrity.class);
    }

    @Test
    void namesTheMandatoryAttributesItDoesNotKnow() throws Exception {
        StunMessage m = StunMessage.bindingRequest(new OtherAttribute(0x0024, new byte[4]),
                new OtherAttribute(0x8022, new byte[4]), new OtherAttribute(0x0024, new byte[4]));
        assertThat(StunCodec.decode(StunCodec.encode(m)).unknownRequiredAttributes()).containsExactly(0x0024);
    }

    @Test
    void tellsStunFromAConnectionRequest() {
        byte[] stun = StunCodec.encode(StunMessage.bindingRequest());
        byte[] get = "GET http://h:1?ts=1 HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(StunCodec.looksLikeStun(stun, 0, stun.length)).isTrue();
        assertThat(StunCodec.looksLikeStun(get, 0, get.length)).isFalse();
        assertThat(StunCodec.looksLikeStun(stun, 0, 19)).isFalse();
    }

    @Test
    void refusesMalformedMessages() {
        String tid = "000102030405060708090a0b0c0d0e0f";
        for (String hex : List.of(
                "0001000000",                                    // shorter than a header
                "4745540000000000000000000000000000000000",      // not STUN
                "0003" + "0000" + tid,                           // unknown type
                "0001" + "0008" + tid,                           // announces more than there is
                "0001" + "0004" + tid + "000100",               // fewer bytes than announced
                "0001" + "0004" + tid + "00010004",              // attribute overruns
                "0001" + "0008" + tid + "0001000400010001",      // address too short
                "0001" + "000c" + tid + "000100080003000102030405", // unknown family
                "0001" + "0008" + tid + "0003000300000000",      // CHANGE-REQUEST of 3 bytes
                "0001" + "0010" + tid + "0008000c" + "000000000000000000000000", // short MESSAGE-INTEGRITY
                "0111" + "0008" + tid + "0009000400000464",      // error number 100
                "0111" + "0008" + tid + "0009000400000014",      // error class 0
                "0111" + "0008" + tid + "000a000300010000",      // odd UNKNOWN-ATTRIBUTES
                "0001" + "000c" + tid + "000600086162006300000000")) { // NUL inside a username
            byte[] b = HexFormat.of().parseHex(hex);
            assertThatThrownBy(() -> StunCodec.decode(b)).as(hex).isInstanceOf(StunException.class);
        }
    }

    @Test
    void hostileInputOnlyEverRaisesStunException() {
        Random random = new Random(42);
        byte[] valid = StunCodec.encode(StunMessage.bindingRequest(new ConnectionRequestBinding(),
                new Username("someone"), new BindingChange()), "pw");
        for (int round = 0; round < 20_000; round++) {
            byte[] b;
            if (round % 2 == 0) {
                b = valid.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                b = Arrays.copyOf(b, random.nextInt(b.length + 8));
            } else {
                b = new byte[random.nextInt(120)];
                random.nextBytes(b);
                if (b.length > 1) {
                    b[0] = (byte) (random.nextInt(2));
                }
            }
            try {
                StunCodec.decode(b);
            } catch (StunException expected) {
                // fine
            }
            try {
                MessageIntegrity.check(b, 0, b.length, "pw");
            } catch (StunException expected) {
                // fine
            }
        }
    }

    @Test
    void refusesWhatCannotGoOnTheWire() {
        assertThatThrownBy(() -> new MappedAddress(InetSocketAddress.createUnresolved("example.org", 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ErrorCode(99, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StunCodec.encode(StunMessage.bindingRequest(new MessageIntegrity(new byte[20])), "p"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransactionId(new byte[12])).isInstanceOf(IllegalArgumentException.class);
    }
}
