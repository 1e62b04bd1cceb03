package org.jcwmp.core.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jcwmp.core.rpc.CwmpMessage;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.GetParameterValues;
import org.jcwmp.core.rpc.Inform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SoapCodecRoundTripTest {

    private final SoapCodec codec = new SoapCodec();

    static Stream<Arguments> messagesInEveryVersion() {
        return Samples.all().stream().flatMap(m -> Arrays.stream(CwmpVersion.values())
                .map(v -> Arguments.of(m.methodName(), v, m)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("messagesInEveryVersion")
    void everyMessageRoundTrips(String name, CwmpVersion version, CwmpMessage message) throws Exception {
        Envelope original = Envelope.of(version, "id-" + name, message);

        byte[] xml = codec.encode(original);
        Envelope decoded = codec.decode(xml);

        assertThat(decoded).isEqualTo(original);
        assertThat(decoded.body()).isEqualTo(message).isNotSameAs(message);
        assertThat(codec.decode(new ByteArrayInputStream(xml))).isEqualTo(original);
    }

    /** Guards "every message": a record added to the rpc package without a sample here fails this test. */
    @Test
    void samplesCoverEveryMessageRecord() throws Exception {
        URL dir = CwmpMessage.class.getResource("/org/jcwmp/core/rpc/");
        assertThat(dir).isNotNull();
        assertThat(dir.getProtocol()).isEqualTo("file");
        Set<String> records = new TreeSet<>();
        for (String file : Objects.requireNonNull(new File(dir.toURI()).list())) {
            if (file.endsWith(".class") && !file.contains("$")) {
                Class<?> c = Class.forName("org.jcwmp.core.rpc." + file.substring(0, file.length() - 6));
                if (c.isRecord() && CwmpMessage.class.isAssignableFrom(c)) {
                    records.add(c.getSimpleName());
                }
            }
        }
        Set<String> sampled = Samples.all().stream().map(m -> m.getClass().getSimpleName())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(records).hasSizeGreaterThanOrEqualTo(47);
        assertThat(sampled).isEqualTo(records);
    }

    @Test
    void allHeadersRoundTrip() throws Exception {
        Envelope original = new Envelope(CwmpVersion.V1_2, "  12 & <34> ", true, 90, "1.0,1.1,1.2,1.3,1.4", "1.4",
                new GetParameterValues(List.of("Device.")));

        Envelope decoded = codec.decode(codec.encode(original));

        // the ID is an identifier: surrounding whitespace is not kept
        assertThat(decoded).isEqualTo(new Envelope(CwmpVersion.V1_2, "12 & <34>", true, 90, "1.0,1.1,1.2,1.3,1.4",
                "1.4", original.body()));
    }

    @Test
    void holdRequestsFalseAndNoHeaderAtAllRoundTrip() throws Exception {
        Envelope hold = new Envelope(CwmpVersion.V1_0, "7", false, null, null, null, new Fault(8005, "Retry request", null));
        assertThat(codec.decode(codec.encode(hold))).isEqualTo(hold);

        Envelope bare = Envelope.of(CwmpVersion.V1_1, null, Samples.all().get(0));
        String xml = new String(codec.encode(bare), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(xml).doesNotContain("Header");
        assertThat(codec.decode(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(bare);
    }

    @ParameterizedTest
    @EnumSource(CwmpVersion.class)
    void everyNamespaceRoundTripsAndIsWritten(CwmpVersion version) throws Exception {
        Inform inform = (Inform) Samples.all().get(0);
        Envelope original = new Envelope(version, "1", null, 30, "1.0,1.1,1.2,1.3", null, inform);

        byte[] xml = codec.encode(original);

        assertThat(new String(xml, java.nio.charset.StandardCharsets.UTF_8))
                .contains("xmlns:cwmp=\"" + version.namespace() + "\"");
        Envelope decoded = codec.decode(xml);
        assertThat(decoded.version()).isEqualTo(version);
        assertThat(decoded).isEqualTo(original);
    }

    @Test
    void oneCodecServesManyThreads() throws Exception {
        List<CwmpMessage> samples = Samples.all();
        List<byte[]> encoded = samples.stream().map(m -> codec.encode(Envelope.of(CwmpVersion.V1_2, "t", m))).toList();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 300; i++) {
                        int k = (i + offset) % samples.size();
                        if (codec.decode(encoded.get(k)).body().equals(samples.get(k))
                                && Arrays.equals(codec.encode(Envelope.of(CwmpVersion.V1_2, "t", samples.get(k))), encoded.get(k))) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (var r : results) {
                assertThat(r.get()).isEqualTo(300);
            }
        }
    }
}
