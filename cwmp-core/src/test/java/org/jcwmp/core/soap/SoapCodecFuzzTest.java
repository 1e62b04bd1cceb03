package org.jcwmp.core.soap;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Hostile bodies for the SOAP decoder (issue 9). Whatever arrives, decoding either refuses it with a
 * {@link SoapException} or gives an envelope that the strict writer can encode, and what it writes reads back to
 * an envelope it writes the same way (the lenient reader may fill in what was missing, e.g. an unknown xsi:type,
 * so the check is on the second pass). Any other exception, or a hang, is a finding. The seeds and the inputs found so far are in
 * src/test/resources/org/jcwmp/core/soap/SoapCodecFuzzTestInputs/decode; every build replays them, and
 * {@code .ci/run} fuzzes for a bounded time.
 */
class SoapCodecFuzzTest {
    private static final SoapCodec CODEC = new SoapCodec(64 * 1024);

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] body) {
        Envelope envelope;
        try {
            envelope = CODEC.decode(body);
        } catch (SoapException refused) {
            return;
        }
        byte[] written = CODEC.encode(envelope);
        Envelope again;
        try {
            again = CODEC.decode(written);
        } catch (SoapException e) {
            throw new AssertionError("the codec cannot read what it wrote: " + e.getMessage(), e);
        }
        assertThat(CODEC.encode(again)).as("written twice").isEqualTo(written);
        assertThat(again.body().getClass()).isEqualTo(envelope.body().getClass());
    }
}
