package org.jcwmp.core.udpcr;

import static org.assertj.core.api.Assertions.assertThat;

import org.jcwmp.core.udpcr.UdpConnectionRequestVerifier.Verdict;
import org.junit.jupiter.api.Test;

class UdpConnectionRequestVerifierTest {
    private final UdpConnectionRequestVerifier verifier = new UdpConnectionRequestVerifier();

    private static UdpConnectionRequest request(long ts, String id, String un, String password) {
        return UdpConnectionRequest.sign("h:1", ts, id, un, "cnonce", password);
    }

    private Verdict verify(UdpConnectionRequest r) {
        return verifier.verify(r, "cpe", "pw");
    }

    @Test
    void acceptsAFreshSignedRequestOnceAndRefusesItsCopies() {
        UdpConnectionRequest r = request(1000, "1", "cpe", "pw");
        assertThat(verify(r)).isEqualTo(Verdict.ACCEPTED);
        assertThat(verify(r)).isEqualTo(Verdict.STALE_TIMESTAMP);
        assertThat(verify(request(1001, "2", "cpe", "pw"))).isEqualTo(Verdict.ACCEPTED);
        assertThat(verifier.lastAcceptedTimestampMillis()).hasValue(1_001_000);
        assertThat(verifier.lastAcceptedId()).hasValue("2");
    }

    @Test
    void refusesOldSameSecondAndRepeatedId() {
        assertThat(verify(request(1000, "1", "cpe", "pw"))).isEqualTo(Verdict.ACCEPTED);
        assertThat(verify(request(999, "2", "cpe", "pw"))).isEqualTo(Verdict.STALE_TIMESTAMP);
        assertThat(verify(request(1000, "2", "cpe", "pw"))).isEqualTo(Verdict.STALE_TIMESTAMP);
        assertThat(verify(request(1001, "1", "cpe", "pw"))).isEqualTo(Verdict.REPEATED_ID);
    }

    @Test
    void refusesWrongUsernameAndForgedSignatureWithoutMovingTheState() {
        assertThat(verify(request(5000, "9", "other", "pw"))).isEqualTo(Verdict.UNKNOWN_USERNAME);
        assertThat(verify(request(9_000_000, "9", "cpe", "guess"))).isEqualTo(Verdict.BAD_SIGNATURE);
        UdpConnectionRequest good = request(1000, "1", "cpe", "pw");
        UdpConnectionRequest flipped = new UdpConnectionRequest(good.authority(), good.ts(), good.id(), good.un(),
                good.cn(), (good.sig().charAt(0) == 'A' ? "B" : "A") + good.sig().substring(1));
        assertThat(verify(flipped)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(verifier.lastAcceptedId()).isEmpty();
        assertThat(verify(good)).isEqualTo(Verdict.ACCEPTED);
        UdpConnectionRequest tsChanged = new UdpConnectionRequest(good.authority(), "2000", good.id(), good.un(),
                good.cn(), good.sig());
        assertThat(verify(tsChanged)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void anEmptyConnectionRequestUsernameRefusesEveryone() {
        assertThat(verifier.verify(request(1000, "1", "", ""), "", "")).isEqualTo(Verdict.UNKNOWN_USERNAME);
    }

    @Test
    void comparesSecondsAndMillisecondsOnOneScale() {
        assertThat(verify(request(1_700_000_000L, "1", "cpe", "pw"))).isEqualTo(Verdict.ACCEPTED);
        assertThat(verify(request(1_700_000_000_000L, "2", "cpe", "pw"))).isEqualTo(Verdict.STALE_TIMESTAMP);
        assertThat(verify(request(1_700_000_000_001L, "3", "cpe", "pw"))).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void goesOnFromASavedState() {
        UdpConnectionRequestVerifier restored = new UdpConnectionRequestVerifier(1_000_000, "1");
        assertThat(restored.verify(request(1000, "2", "cpe", "pw"), "cpe", "pw")).isEqualTo(Verdict.STALE_TIMESTAMP);
        assertThat(restored.verify(request(1001, "2", "cpe", "pw"), "cpe", "pw")).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void takesTheSamePasswordCallbackAsTheHttpListener() {
        assertThat(verifier.verify(request(1000, "1", "cpe", "pw"), un -> un.equals("cpe") ? "pw" : null))
                .isEqualTo(Verdict.ACCEPTED);
        assertThat(verifier.verify(request(1001, "2", "x", "pw"), un -> un.equals("cpe") ? "pw" : null))
                .isEqualTo(Verdict.UNKNOWN_USERNAME);
    }
}
