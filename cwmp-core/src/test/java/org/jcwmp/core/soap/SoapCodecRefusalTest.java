package org.jcwmp.core.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jcwmp.core.rpc.InformResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bodies the codec refuses: malformed, not SOAP, DTDs and entities, too large, values that do not parse. */
class SoapCodecRefusalTest {

    private final SoapCodec codec = new SoapCodec();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private SoapException refused(String xml) {
        SoapException e = catchThrowableOfType(SoapException.class, () -> codec.decode(utf8(xml)));
        assertThat(e).as("refused: %s", xml).isNotNull();
        return e;
    }

    private static final String ENVELOPE_START = "<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'"
            + " xmlns:cwmp='urn:dslforum-org:cwmp-1-0'>";

    @ParameterizedTest
    @ValueSource(strings = {
            "hello",
            "<",
            "<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><soap:Body>",
            "<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><soap:Body></soap:Envelope>",
            "<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><soap:Body><cwmp:Inform/></soap:Body></soap:Envelope>",
            "<a/>",
            "<Envelope/>",
            "<x:Envelope xmlns:x='urn:not-soap'><x:Body><InformResponse/></x:Body></x:Envelope>",
            "<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'></soap:Envelope>",
            "<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><soap:Body/></soap:Envelope>",
            "<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><soap:Body>  <!-- nothing --> </soap:Body></soap:Envelope>",
            "<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><soap:Body><InformResponse/></soap:Body></soap:Envelope>trailing",
    })
    void malformedOrNotSoapIsNotAnUnknownMethod(String xml) {
        SoapException e = refused(xml);

        assertThat(e.unknownMethod()).isFalse();
    }

    @Test
    void aBodyThatIsNotValidUtf8IsRefusedQuietly() {
        byte[] broken = utf8(ENVELOPE_START + "<soap:Body><cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes>"
                + "</cwmp:InformResponse></soap:Body></soap:Envelope>");
        broken[broken.length - 20] = (byte) 0xC3; // a lead byte without its continuation
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(printed));
        try {
            assertThatThrownBy(() -> codec.decode(broken)).isInstanceOf(SoapException.class).hasMessageContaining("UTF-8");
        } finally {
            System.setErr(err);
        }
        assertThat(printed.toString()).as("nothing on standard error").isEmpty();
    }

    @Test
    void aDeclaredLatin1BodyIsStillRead() throws Exception {
        byte[] latin1 = ("<?xml version='1.0' encoding='ISO-8859-1'?>" + ENVELOPE_START
                + "<soap:Header><cwmp:ID soap:mustUnderstand='1'>caf\u00e9</cwmp:ID></soap:Header>"
                + "<soap:Body><cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse></soap:Body>"
                + "</soap:Envelope>").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThat(codec.decode(latin1).id()).isEqualTo("caf\u00e9");
    }

    @Test
    void aUtf16BodyWithAByteOrderMarkIsRead() throws Exception {
        String xml = "\uFEFF" + ENVELOPE_START + "<soap:Header><cwmp:ID>caf\u00e9</cwmp:ID></soap:Header>"
                + "<soap:Body><cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse></soap:Body>"
                + "</soap:Envelope>";

        assertThat(codec.decode(xml.getBytes(StandardCharsets.UTF_16BE)).id()).isEqualTo("caf\u00e9");
        assertThat(codec.decode(xml.getBytes(StandardCharsets.UTF_16LE)).id()).isEqualTo("caf\u00e9");
    }

    /** As JDK 25's own parser: 100 levels of elements and 200 attributes on one element, no more. */
    @Test
    void theLimitsOfTheJdksParserHold() throws Exception {
        String depth100 = ENVELOPE_START + "<soap:Body><cwmp:InformResponse>" + "<x>".repeat(97) + "</x>".repeat(97)
                + "<MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse></soap:Body></soap:Envelope>";
        String attributes200 = ENVELOPE_START.replace("<soap:Envelope", "<soap:Envelope"
                + IntStream.range(0, 200).mapToObj(i -> " a" + i + "='1'").collect(Collectors.joining()))
                + "<soap:Body><cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse></soap:Body></soap:Envelope>";

        assertThat(codec.decode(utf8(depth100)).body()).isEqualTo(new InformResponse(1));
        assertThat(codec.decode(utf8(attributes200)).body()).isEqualTo(new InformResponse(1));
        assertThat(refused(depth100.replaceFirst("<x>", "<x><y>").replaceFirst("</x>", "</y></x>")).getMessage())
                .contains("Depth");
        assertThat(refused(attributes200.replace(" a0=", " b='2' a0=")).getMessage()).contains("Attribute limit");
    }

    /** Bodies within the size limit that a parser without limits takes seconds over (Aalto: 4 s and 30 s). */
    @ParameterizedTest
    @ValueSource(strings = {"depth", "attributes", "namespaces"})
    void bodiesThatOnlyCostTimeAreRefusedOrReadQuickly(String kind) {
        StringBuilder xml = new StringBuilder(ENVELOPE_START).append("<soap:Body><cwmp:GetParameterValues");
        switch (kind) {
            case "depth" -> xml.append('>').append("<x>".repeat(200_000));
            case "attributes" -> {
                for (int i = 0; i < 100_000; i++) {
                    xml.append(" a").append(i).append("='1'");
                }
                xml.append("/>");
            }
            default -> {
                for (int i = 0; i < 50_000; i++) {
                    xml.append(" xmlns:p").append(i).append("='urn:").append(i).append('\'');
                }
                xml.append("/>");
            }
        }
        xml.append("</soap:Body></soap:Envelope>");

        long start = System.nanoTime();
        refused(xml.toString());

        assertThat(System.nanoTime() - start).isLessThan(3_000_000_000L);
    }

    @Test
    void emptyBodyBytesAreRefused() {
        assertThatThrownBy(() -> codec.decode(new byte[0])).isInstanceOf(SoapException.class);
        assertThatThrownBy(() -> codec.decode(InputStream.nullInputStream())).isInstanceOf(SoapException.class);
    }

    @Test
    void envelopeWithoutBodyStillReportsTheId() {
        SoapException e = refused(ENVELOPE_START + "<soap:Header><cwmp:ID>h-1</cwmp:ID></soap:Header></soap:Envelope>");

        assertThat(e.unknownMethod()).isFalse();
        assertThat(e.getMessage()).contains("Body");
        assertThat(e.id()).isEqualTo("h-1");
        assertThat(e.version()).isEqualTo(CwmpVersion.V1_0);
    }

    @Test
    void truncatedMessageAfterTheHeaderReportsTheId() {
        SoapException e = refused(ENVELOPE_START + "<soap:Header><cwmp:ID>h-2</cwmp:ID></soap:Header><soap:Body><cwmp:Inform>");

        assertThat(e.unknownMethod()).isFalse();
        assertThat(e.id()).isEqualTo("h-2");
    }

    @Test
    void billionLaughsIsRefusedWithoutExpansion() {
        StringBuilder dtd = new StringBuilder("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" '");
            dtd.append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10));
            dtd.append("'>");
        }
        dtd.append("]>");
        String xml = dtd + ENVELOPE_START + "<soap:Header><cwmp:ID>&lol9;</cwmp:ID></soap:Header>"
                + "<soap:Body><cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse></soap:Body></soap:Envelope>";

        long start = System.nanoTime();
        SoapException e = refused(xml);

        assertThat(e.getMessage()).contains("DOCTYPE");
        assertThat(e.unknownMethod()).isFalse();
        assertThat(e.id()).isNull(); // nothing was read, let alone expanded
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void externalEntityIsRefusedAndNothingIsRead() {
        String xml = "<?xml version='1.0'?><!DOCTYPE foo [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
                + ENVELOPE_START + "<soap:Header><cwmp:ID>&xxe;</cwmp:ID></soap:Header>"
                + "<soap:Body><cwmp:X_Unknown/></soap:Body></soap:Envelope>";

        SoapException e = refused(xml);

        assertThat(e.getMessage()).contains("DOCTYPE").doesNotContain("root:");
        assertThat(e.unknownMethod()).isFalse();
        assertThat(e.id()).isNull();
    }

    @Test
    void externalParameterEntityIsRefused() {
        String xml = "<?xml version='1.0'?><!DOCTYPE foo [<!ENTITY % p SYSTEM 'file:///etc/passwd'> %p;]>"
                + ENVELOPE_START + "<soap:Body><cwmp:InformResponse/></soap:Body></soap:Envelope>";

        assertThat(refused(xml).getMessage()).contains("DOCTYPE");
    }

    @Test
    void entityReferenceWithoutDtdIsRefused() {
        SoapException e = refused(ENVELOPE_START + "<soap:Header><cwmp:ID>e-1</cwmp:ID></soap:Header>"
                + "<soap:Body><cwmp:GetParameterValues><ParameterNames><string>&foo;</string></ParameterNames>"
                + "</cwmp:GetParameterValues></soap:Body></soap:Envelope>");

        assertThat(e.getMessage()).contains("foo");
        assertThat(e.id()).isEqualTo("e-1");
    }

    @Test
    void oversizedBodyIsRefusedAndExactlyTheLimitIsAccepted() throws Exception {
        byte[] valid = codec.encode(Envelope.of(CwmpVersion.V1_0, "1", new InformResponse(1)));
        SoapCodec small = new SoapCodec(valid.length + 10);
        byte[] atLimit = java.util.Arrays.copyOf(valid, valid.length + 10);
        java.util.Arrays.fill(atLimit, valid.length, atLimit.length, (byte) ' ');
        byte[] overLimit = java.util.Arrays.copyOf(atLimit, atLimit.length + 1);
        overLimit[overLimit.length - 1] = ' ';

        assertThat(small.decode(atLimit).body()).isEqualTo(new InformResponse(1));
        assertThat(small.decode(new ByteArrayInputStream(atLimit)).body()).isEqualTo(new InformResponse(1));
        assertThatThrownBy(() -> small.decode(overLimit)).isInstanceOf(SoapException.class).hasMessageContaining("larger");
        assertThatThrownBy(() -> small.decode(new ByteArrayInputStream(overLimit)))
                .isInstanceOf(SoapException.class).hasMessageContaining("larger");
    }

    @Test
    void streamIsReadNoFurtherThanTheLimitPlusOne() {
        int limit = 1000;
        long[] read = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read[0]++;
                return ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) ' ');
                read[0] += len;
                return len;
            }
        };

        assertThatThrownBy(() -> new SoapCodec(limit).decode(endless)).isInstanceOf(SoapException.class)
                .hasMessageContaining("larger than 1000");
        assertThat(read[0]).isEqualTo(limit + 1);
    }

    @Test
    void defaultLimitIsFourMebibytes() {
        assertThat(SoapCodec.DEFAULT_MAX_BYTES).isEqualTo(4 * 1024 * 1024);
        assertThat(new SoapCodec().maxBodyBytes()).isEqualTo(SoapCodec.DEFAULT_MAX_BYTES);
        byte[] big = new byte[SoapCodec.DEFAULT_MAX_BYTES + 1];
        assertThatThrownBy(() -> codec.decode(big)).isInstanceOf(SoapException.class).hasMessageContaining("larger");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<cwmp:ScheduleInform><DelaySeconds>soon</DelaySeconds></cwmp:ScheduleInform>|DelaySeconds",
            "<cwmp:InformResponse><MaxEnvelopes>1.5</MaxEnvelopes></cwmp:InformResponse>|MaxEnvelopes",
            "<cwmp:AddObjectResponse><InstanceNumber>3</InstanceNumber><Status>99999999999</Status></cwmp:AddObjectResponse>|Status",
            "<cwmp:GetParameterNames><NextLevel>yes</NextLevel></cwmp:GetParameterNames>|NextLevel",
            "<cwmp:TransferComplete><FaultStruct><FaultCode>x9010</FaultCode></FaultStruct></cwmp:TransferComplete>|FaultCode",
    })
    void valuesThatDoNotParseNameTheirElementAndKeepTheId(String bodyAndElement) {
        String[] parts = bodyAndElement.split("\\|");
        SoapException e = refused(ENVELOPE_START + "<soap:Header><cwmp:ID>n-1</cwmp:ID></soap:Header>"
                + "<soap:Body>" + parts[0] + "</soap:Body></soap:Envelope>");

        assertThat(e.unknownMethod()).isFalse();
        assertThat(e.getMessage()).contains(parts[1]);
        assertThat(e.id()).isEqualTo("n-1");
        assertThat(e.version()).isEqualTo(CwmpVersion.V1_0);
    }

    @Test
    void limitMustBePositive() {
        assertThatThrownBy(() -> new SoapCodec(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
