package org.jcwmp.core.udpcr;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Hostile datagrams for the UDP connection-request parser and verifier (issue 9): a datagram is refused with an
 * {@link UdpConnectionRequestException} or parses; a parsed request is never accepted unless its signature was made
 * with the password, which a fuzzer does not know. Seeds in
 * src/test/resources/org/jcwmp/core/udpcr/UdpConnectionRequestFuzzTestInputs/parse.
 */
class UdpConnectionRequestFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] datagram) {
        UdpConnectionRequest request;
        try {
            request = UdpConnectionRequest.parse(datagram, 0, datagram.length);
        } catch (UdpConnectionRequestException refused) {
            return;
        }
        var verdict = new UdpConnectionRequestVerifier().verify(request, "cpe", "a password no input knows 7f3a");
        assertThat(verdict.accepted()).as("forged request accepted: %s", request).isFalse();
    }
}
