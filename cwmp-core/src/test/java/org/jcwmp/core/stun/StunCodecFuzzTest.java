package org.jcwmp.core.stun;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Hostile datagrams for the STUN codec (issue 9): a datagram is refused with a {@link StunException} or decodes
 * to a message that encodes back to a datagram decoding to the same message. Seeds in
 * src/test/resources/org/jcwmp/core/stun/StunCodecFuzzTestInputs/decode.
 */
class StunCodecFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] datagram) {
        StunMessage message;
        try {
            message = StunCodec.decode(datagram);
        } catch (StunException refused) {
            return;
        }
        StunMessage again;
        try {
            again = StunCodec.decode(StunCodec.encode(message));
        } catch (StunException e) {
            throw new AssertionError("the codec cannot read what it wrote: " + e.getMessage(), e);
        }
        assertThat(again.type()).isEqualTo(message.type());
        assertThat(again.transactionId().bytes()).isEqualTo(message.transactionId().bytes());
        assertThat(again.attributes()).hasSameSizeAs(message.attributes());
    }
}
