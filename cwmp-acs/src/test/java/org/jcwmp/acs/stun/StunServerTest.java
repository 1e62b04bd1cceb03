package org.jcwmp.acs.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jcwmp.core.stun.BindingChange;
import org.jcwmp.core.stun.ChangeRequest;
import org.jcwmp.core.stun.ConnectionRequestBinding;
import org.jcwmp.core.stun.ErrorCode;
import org.jcwmp.core.stun.MappedAddress;
import org.jcwmp.core.stun.MessageIntegrity;
import org.jcwmp.core.stun.OtherAttribute;
import org.jcwmp.core.stun.ReflectedFrom;
import org.jcwmp.core.stun.ResponseAddress;
import org.jcwmp.core.stun.SourceAddress;
import org.jcwmp.core.stun.StunCodec;
import org.jcwmp.core.stun.StunMessage;
import org.jcwmp.core.stun.StunMessageType;
import org.jcwmp.core.stun.TransactionId;
import org.jcwmp.core.stun.UnknownAttributes;
import org.jcwmp.core.stun.Username;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class StunServerTest {
    record Learned(String user, InetSocketAddress address, boolean changed) {
    }

    private final List<Learned> learned = new CopyOnWriteArrayList<>();
    private final Map<String, String> passwords = Map.of("secure-cpe", "s3cret");
    private StunServer server;
    private InetSocketAddress at;
    private RawStunClient client;

    @BeforeEach
    void start() throws Exception {
        server = StunServer.builder().bindAddress("127.0.0.1", 0).passwordOfStunUser(passwords::get)
                .bindingListener((u, a, c) -> learned.add(new Learned(u, a, c))).build();
        server.start();
        at = server.localAddress();
        client = new RawStunClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static ErrorCode error(StunMessage m) {
        assertThat(m.type()).isEqualTo(StunMessageType.BINDING_ERROR_RESPONSE);
        return m.attribute(ErrorCode.class).orElseThrow();
    }

    @Test
    void answersMappedAndSourceAddress() throws Exception {
        StunMessage r = client.exchange(StunMessage.bindingRequest(), null, at);
        assertThat(r.type()).isEqualTo(StunMessageType.BINDING_RESPONSE);
        assertThat(r.attribute(MappedAddress.class).orElseThrow().address()).isEqualTo(client.address());
        assertThat(r.attribute(SourceAddress.class).orElseThrow().address()).isEqualTo(at);
        assertThat(learned).isEmpty(); // no CONNECTION-REQUEST-BINDING, no USERNAME: nothing to learn
    }

    @Test
    void learnsTheConnectionRequestBindingOfADeviceWithoutCredentials() throws Exception {
        client.exchange(StunMessage.bindingRequest(new ConnectionRequestBinding(), new Username("plain-cpe")), null, at);
        assertThat(learned).containsExactly(new Learned("plain-cpe", client.address(), false));
        assertThat(server.binding("plain-cpe").orElseThrow().publicAddress()).isEqualTo(client.address());
        assertThat(server.binding("plain-cpe").orElseThrow().authenticated()).isFalse();

        client.exchange(StunMessage.bindingRequest(new ConnectionRequestBinding(), new Username("plain-cpe")), null, at);
        assertThat(learned).hasSize(1); // a keep-alive that changes nothing is not reported

        client.exchange(StunMessage.bindingRequest(new ConnectionRequestBinding(), new Username("")), null, at);
        assertThat(learned).hasSize(1);
    }

    @Test
    void asksForIntegrityThenAcceptsTheRightPassword() throws Exception {
        StunMessage first = client.exchange(StunMessage.bindingRequest(new ConnectionRequestBinding(),
                new Username("secure-cpe")), null, at);
        assertThat(error(first).code()).isEqualTo(401);
        assertThat(learned).isEmpty();

        StunMessage second = client.exchange(StunMessage.bindingRequest(new ConnectionRequestBinding(),
                new Username("secure-cpe")), "s3cret", at);
        assertThat(second.type()).isEqualTo(StunMessageType.BINDING_RESPONSE);
        assertThat(second.attribute(MappedAddress.class).orElseThrow().address()).isEqualTo(client.address());
        assertThat(MessageIntegrity.check(client.lastRaw, 0, client.lastRaw.length, "s3cret"))
                .isEqualTo(MessageIntegrity.Check.VALID);
        assertThat(learned).containsExactly(new Learned("secure-cpe", client.address(), false));
        assertThat(server.binding("secure-cpe").orElseThrow().authenticated()).isTrue();
    }

    @Test
    void refusesWrongPasswordMissingUsernameAndUnknownUserWithIntegrity() throws Exception {
        assertThat(error(client.exchange(StunMessage.bindingRequest(new ConnectionRequestBinding(),
                new Username("secure-cpe")), "guess", at)).code()).isEqualTo(431);
        assertThat(error(client.exchange(StunMessage.bindingRequest(new ConnectionRequestBinding()), "x", at))
                .code()).isEqualTo(432);
        assertThat(error(client.exchange(StunMessage.bindingRequest(new ConnectionRequestBinding(),
                new Username("nobody")), "x", at)).code()).isEqualTo(430);
        assertThat(learned).isEmpty();
        assertThat(server.bindings()).isEmpty();
    }

    @Test
    void bindingChangeAndAMovedAddressAreReportedAtOnce() throws Exception {
        client.exchange(StunMessage.bindingRequest(new ConnectionRequestBinding(), new Username("cpe")), null, at);
        client.exchange(StunMessage.bindingRequest(new ConnectionRequestBinding(), new BindingChange(),
                new Username("cpe")), null, at);
        try (RawStunClient moved = new RawStunClient()) {
            moved.exchange(StunMessage.bindingRequest(new ConnectionRequestBinding(), new Username("cpe")), null, at);
            assertThat(learned).containsExactly(new Learned("cpe", client.address(), false),
                    new Learned("cpe", client.address(), true), new Learned("cpe", moved.address(), true));
            assertThat(server.binding("cpe").orElseThrow().publicAddress()).isEqualTo(moved.address());
        }
    }

    @Test
    void refusesUnknownMandatoryAttributesWith420() throws Exception {
        StunMessage r = client.exchange(StunMessage.bindingRequest(new OtherAttribute(0x0030, new byte[4]),
                new OtherAttribute(0x8030, new byte[4])), null, at);
        assertThat(error(r).code()).isEqualTo(420);
        assertThat(r.attribute(UnknownAttributes.class).orElseThrow().types()).containsExactly(0x0030);
    }

    @Test
    void cannotChangeAddressSoStaysSilent() throws Exception {
        client.send(StunCodec.encode(StunMessage.bindingRequest(new ChangeRequest(false, true))), at);
        assertThat(client.silentFor(300)).isTrue();
        StunMessage r = client.exchange(StunMessage.bindingRequest(new ChangeRequest(false, false)), null, at);
        assertThat(r.type()).isEqualTo(StunMessageType.BINDING_RESPONSE);
    }

    @Test
    void honoursResponseAddressOnTheRequestersOwnIp() throws Exception {
        try (RawStunClient other = new RawStunClient()) {
            client.send(StunCodec.encode(StunMessage.bindingRequest(
                    new ResponseAddress(other.address()))), at);
            StunMessage r = other.receive();
            assertThat(r.attribute(MappedAddress.class).orElseThrow().address()).isEqualTo(client.address());
            assertThat(r.attribute(ReflectedFrom.class).orElseThrow().address()).isEqualTo(client.address());
            assertThat(client.silentFor(100)).isTrue();
        }
    }

    @Test
    void survivesGarbage() throws Exception {
        client.send(new byte[0], at);
        client.send("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII), at);
        client.send(new byte[] {0, 1, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}, at);
        client.send(StunCodec.encode(StunMessage.bindingResponse(
                TransactionId.random())), at);
        assertThat(client.silentFor(200)).isTrue();
        assertThat(client.exchange(StunMessage.bindingRequest(), null, at).type())
                .isEqualTo(StunMessageType.BINDING_RESPONSE);
    }

    @Test
    void aFailingPasswordLookupIsAServerError() throws Exception {
        try (StunServer failing = StunServer.builder().bindAddress("127.0.0.1", 0)
                .passwordOfStunUser(u -> { throw new IllegalStateException("store down"); }).build()) {
            failing.start();
            StunMessage r = client.exchange(StunMessage.bindingRequest(new Username("cpe")), null,
                    failing.localAddress());
            assertThat(error(r).code()).isEqualTo(500);
        }
    }

    @Test
    void learnsOnlyAuthenticatedDevicesWhenAskedTo() throws Exception {
        try (StunServer strict = StunServer.builder().bindAddress("127.0.0.1", 0).learnUnknownUsers(false).build()) {
            strict.start();
            client.exchange(StunMessage.bindingRequest(new ConnectionRequestBinding(), new Username("cpe")), null,
                    strict.localAddress());
            assertThat(strict.bindings()).isEmpty();
        }
    }
}
