package org.jcwmp.app;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import org.jcwmp.core.rpc.InformResponse;
import org.jcwmp.core.soap.CwmpVersion;
import org.jcwmp.core.soap.Envelope;
import org.jcwmp.core.soap.SoapCodec;
import org.jcwmp.core.soap.SoapException;
import org.jcwmp.sim.Fleet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmark of the CWMP codec on the two messages of every Inform session: the Inform as the simulator sends it
 * in a periodic session (home-gateway profile: 2 PERIODIC, 7 forced parameters, about 1,900 bytes) and the ACS's
 * InformResponse (about 520 bytes). Decoding runs once per
 * StAX implementation ({@code parser}); encoding does not use StAX and runs once. Run by {@code ./jcwmp bench codec}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {

    /** The StAX implementations compared; the codec's own choice is one of them. */
    public static final String[] PARSERS = {"jdk", "woodstox", "aalto"};

    static XMLInputFactory parser(String name) {
        return switch (name) {
            case "jdk" -> XMLInputFactory.newDefaultFactory();
            case "woodstox" -> new com.ctc.wstx.stax.WstxInputFactory();
            case "aalto" -> new com.fasterxml.aalto.stax.InputFactoryImpl();
            default -> throw new IllegalArgumentException("unknown parser " + name + ": jdk, woodstox or aalto");
        };
    }

    /** The Inform a simulated CPE sends in a periodic session, and the ACS's answer, as envelopes. */
    static Envelope[] messages() {
        try (Fleet fleet = Fleet.builder().acsUrl(URI.create("http://127.0.0.1:1/")).devices(1).build()) {
            Envelope inform = Envelope.of(CwmpVersion.V1_2, "1", fleet.device(0).periodicInform());
            Envelope response = Envelope.of(CwmpVersion.V1_2, "1", new InformResponse(1));
            return new Envelope[] {inform, response};
        }
    }

    @State(Scope.Benchmark)
    public static class Encoded {
        @Param({"jdk", "woodstox", "aalto"})
        public String parser;
        SoapCodec codec;
        byte[] inform;
        byte[] informResponse;

        @Setup
        public void setUp() throws SoapException {
            codec = SoapCodec.withParser(parser(parser), SoapCodec.DEFAULT_MAX_BYTES);
            Envelope[] m = messages();
            SoapCodec writer = new SoapCodec();
            inform = writer.encode(m[0]);
            informResponse = writer.encode(m[1]);
            // the same envelopes as the codec's own parser reads, or the benchmark would measure something else
            if (!codec.decode(inform).equals(writer.decode(inform))
                    || !codec.decode(informResponse).equals(writer.decode(informResponse))) {
                throw new IllegalStateException(parser + " reads the messages differently");
            }
        }
    }

    @State(Scope.Benchmark)
    public static class Decoded {
        final SoapCodec codec = new SoapCodec();
        Envelope inform;
        Envelope informResponse;

        @Setup
        public void setUp() {
            Envelope[] m = messages();
            inform = m[0];
            informResponse = m[1];
        }
    }

    @Benchmark
    public Envelope decodeInform(Encoded s) throws SoapException {
        return s.codec.decode(s.inform);
    }

    @Benchmark
    public Envelope decodeInformResponse(Encoded s) throws SoapException {
        return s.codec.decode(s.informResponse);
    }

    @Benchmark
    public byte[] encodeInform(Decoded s) {
        return s.codec.encode(s.inform);
    }

    @Benchmark
    public byte[] encodeInformResponse(Decoded s) {
        return s.codec.encode(s.informResponse);
    }
}
