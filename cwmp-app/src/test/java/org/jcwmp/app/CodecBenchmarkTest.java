package org.jcwmp.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.soap.SoapCodec;
import org.junit.jupiter.api.Test;

/** The codec benchmark's messages and states, without JMH: each parser reads the messages as the codec does. */
class CodecBenchmarkTest {

    @Test
    void everyParserReadsTheSimulatorsInform() throws Exception {
        for (String parser : CodecBenchmark.PARSERS) {
            CodecBenchmark.Encoded s = new CodecBenchmark.Encoded();
            s.parser = parser;
            s.setUp();
            CodecBenchmark b = new CodecBenchmark();
            Inform inform = (Inform) b.decodeInform(s).body();

            assertThat(inform.parameterList()).as(parser).hasSizeGreaterThan(5);
            assertThat(b.decodeInformResponse(s).body()).as(parser).isNotNull();
        }
        CodecBenchmark.Decoded d = new CodecBenchmark.Decoded();
        d.setUp();
        assertThat(new SoapCodec().decode(new CodecBenchmark().encodeInform(d))).isEqualTo(d.inform);
    }

    @Test
    void theCodecsOwnParserIsAmongTheCompared() {
        assertThat(SoapCodec.parserName()).isEqualTo(CodecBenchmark.parser("woodstox").getClass().getName());
    }
}
