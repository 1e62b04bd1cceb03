package org.jcwmp.core.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jcwmp.core.rpc.ChangeDUState;
import org.jcwmp.core.rpc.CwmpMessage;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.Download;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.core.rpc.GetParameterNames;
import org.jcwmp.core.rpc.GetParameterValues;
import org.jcwmp.core.rpc.GetParameterValuesResponse;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.InstallOpStruct;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.SetParameterValuesFault;
import org.jcwmp.core.rpc.UninstallOpStruct;
import org.jcwmp.core.rpc.UpdateOpStruct;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** What the codec writes: the exact prefixes, headers, arrays and types that strict peers expect. */
class SoapCodecStrictWriteTest {

    private final SoapCodec codec = new SoapCodec();

    private String encode(Envelope e) {
        return new String(codec.encode(e), StandardCharsets.UTF_8);
    }

    private String encode(CwmpMessage m) {
        return encode(Envelope.of(CwmpVersion.V1_0, "1", m));
    }

    @Test
    void envelopeDeclaresTheFivePrefixesAndOnlyTheMethodIsQualified() {
        String xml = encode(Envelope.of(CwmpVersion.V1_2, "42", new GetParameterValues(List.of("Device."))));

        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:soap-enc=\"http://schemas.xmlsoap.org/soap/encoding/\""
                + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xmlns:cwmp=\"urn:dslforum-org:cwmp-1-2\">"
                + "<soap-env:Header><cwmp:ID soap-env:mustUnderstand=\"1\">42</cwmp:ID></soap-env:Header>"
                + "<soap-env:Body><cwmp:GetParameterValues>"
                + "<ParameterNames soap-enc:arrayType=\"xsd:string[1]\"><string>Device.</string></ParameterNames>"
                + "</cwmp:GetParameterValues></soap-env:Body></soap-env:Envelope>");
    }

    @Test
    void headersInOrderWithMustUnderstandWhereTheSchemaRequiresIt() {
        String xml = encode(new Envelope(CwmpVersion.V1_2, "7", false, 30, "1.0,1.4", "1.4",
                new GetParameterNames("Device.", false)));

        assertThat(xml).contains("<soap-env:Header>"
                + "<cwmp:ID soap-env:mustUnderstand=\"1\">7</cwmp:ID>"
                + "<cwmp:HoldRequests soap-env:mustUnderstand=\"1\">0</cwmp:HoldRequests>"
                + "<cwmp:SessionTimeout>30</cwmp:SessionTimeout>"
                + "<cwmp:SupportedCWMPVersions>1.0,1.4</cwmp:SupportedCWMPVersions>"
                + "<cwmp:UseCWMPVersion soap-env:mustUnderstand=\"1\">1.4</cwmp:UseCWMPVersion>"
                + "</soap-env:Header>");
        assertThat(xml).contains("<cwmp:GetParameterNames><ParameterPath>Device.</ParameterPath><NextLevel>0</NextLevel>");
        assertThat(encode(new Envelope(CwmpVersion.V1_0, null, true, null, null, null, new GetParameterNames("", true))))
                .contains("<cwmp:HoldRequests soap-env:mustUnderstand=\"1\">1</cwmp:HoldRequests>")
                .contains("<NextLevel>1</NextLevel>")
                .doesNotContain("cwmp:ID");
    }

    @Test
    void informArraysCarryArrayTypeAndValuesCarryXsiType() {
        String xml = encode(new Inform(new DeviceIdStruct("M", "00D09E", "P", "S"),
                List.of(new EventStruct("1 BOOT", "")), 1, Samples.T1, 0,
                List.of(new ParameterValueStruct("A", "1", "xsd:unsignedInt"),
                        new ParameterValueStruct("B", "x", null),
                        new ParameterValueStruct("C", "true", "xsd:boolean"))));

        assertThat(xml).contains("<cwmp:Inform><DeviceId><Manufacturer>M</Manufacturer><OUI>00D09E</OUI>"
                + "<ProductClass>P</ProductClass><SerialNumber>S</SerialNumber></DeviceId>"
                + "<Event soap-enc:arrayType=\"cwmp:EventStruct[1]\"><EventStruct><EventCode>1 BOOT</EventCode>"
                + "<CommandKey></CommandKey></EventStruct></Event>"
                + "<MaxEnvelopes>1</MaxEnvelopes><CurrentTime>" + Samples.T1 + "</CurrentTime><RetryCount>0</RetryCount>"
                + "<ParameterList soap-enc:arrayType=\"cwmp:ParameterValueStruct[3]\">"
                + "<ParameterValueStruct><Name>A</Name><Value xsi:type=\"xsd:unsignedInt\">1</Value></ParameterValueStruct>"
                + "<ParameterValueStruct><Name>B</Name><Value xsi:type=\"xsd:string\">x</Value></ParameterValueStruct>"
                + "<ParameterValueStruct><Name>C</Name><Value xsi:type=\"xsd:boolean\">true</Value></ParameterValueStruct>"
                + "</ParameterList></cwmp:Inform>");
    }

    @Test
    void everyArrayOfTheSamplesDeclaresItsLength() {
        for (CwmpMessage m : Samples.all()) {
            String xml = encode(m);
            int at = 0;
            while ((at = xml.indexOf("soap-enc:arrayType=\"", at)) >= 0) {
                int end = xml.indexOf('"', at + 20);
                String type = xml.substring(at + 20, end);
                assertThat(type).as(m.methodName()).matches("(cwmp:[A-Za-z]+Struct|xsd:string)\\[\\d+\\]");
                at = end;
            }
        }
    }

    @Test
    void faultIsASoapFaultWithCwmpDetail() {
        String client = encode(new Fault(9003, "Invalid arguments",
                List.of(new SetParameterValuesFault("Device.X", 9007, "Invalid parameter value"))));
        String server = encode(new Fault(FaultCode.CPE_INTERNAL_ERROR));

        assertThat(client).contains("<soap-env:Body><soap-env:Fault><faultcode>Client</faultcode>"
                + "<faultstring>CWMP fault</faultstring><detail><cwmp:Fault><FaultCode>9003</FaultCode>"
                + "<FaultString>Invalid arguments</FaultString><SetParameterValuesFault>"
                + "<ParameterName>Device.X</ParameterName><FaultCode>9007</FaultCode>"
                + "<FaultString>Invalid parameter value</FaultString></SetParameterValuesFault>"
                + "</cwmp:Fault></detail></soap-env:Fault></soap-env:Body>");
        assertThat(server).contains("<faultcode>Server</faultcode>").contains("<FaultCode>9002</FaultCode>")
                .doesNotContain("SetParameterValuesFault");
    }

    @Test
    void changeDuStateOperationsAreXsiTyped() {
        String xml = encode(new ChangeDUState(List.of(new InstallOpStruct("u", "", "", "", ""),
                new UpdateOpStruct("id", "", "", "", ""), new UninstallOpStruct("id", "", "")), "k"));

        assertThat(xml).contains("<cwmp:ChangeDUState><Operations xsi:type=\"cwmp:InstallOpStruct\"><URL>u</URL>")
                .contains("<Operations xsi:type=\"cwmp:UpdateOpStruct\"><UUID>id</UUID>")
                .contains("<Operations xsi:type=\"cwmp:UninstallOpStruct\"><UUID>id</UUID>")
                .contains("</Operations><CommandKey>k</CommandKey></cwmp:ChangeDUState>");
    }

    @Test
    void downloadElementsFollowTheSchemasOrder() {
        String xml = encode(new Download("k", "1 Firmware Upgrade Image", "http://u", "user", "pw", 10, "t", 5,
                "http://s", "http://f"));

        assertThat(xml).containsSubsequence("<CommandKey>", "<FileType>", "<URL>", "<Username>", "<Password>",
                "<FileSize>", "<TargetFileName>", "<DelaySeconds>", "<SuccessURL>", "<FailureURL>");
    }

    @Test
    void textIsEscapedAndWhatXmlCannotCarryIsReplaced() throws Exception {
        String awkward = "a&b<c>d\"e'f\r\ng\th\u0001i\uD800j\uD83D\uDE00";
        String xml = encode(new GetParameterValuesResponse(List.of(new ParameterValueStruct(awkward, awkward, "x\"<&"))));

        assertThat(xml).contains("<Name>a&amp;b&lt;c&gt;d\"e'f&#13;\ng\th\uFFFDi\uFFFDj\uD83D\uDE00</Name>")
                .contains("xsi:type=\"x&quot;&lt;&amp;\"");
        // well-formed and namespace-correct for an independent parser, too
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        Document doc = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element name = (Element) doc.getElementsByTagName("Name").item(0);
        assertThat(name.getTextContent()).isEqualTo("a&b<c>d\"e'f\r\ng\th\uFFFDi\uFFFDj\uD83D\uDE00");
        Element method = (Element) doc.getDocumentElement().getElementsByTagNameNS("*", "GetParameterValuesResponse").item(0);
        assertThat(method.getNamespaceURI()).isEqualTo("urn:dslforum-org:cwmp-1-0");
        assertThat(name.getNamespaceURI()).isNull();
    }

    @Test
    void everySampleIsWellFormedUtf8() throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        for (CwmpMessage m : Samples.all()) {
            byte[] xml = codec.encode(Envelope.of(CwmpVersion.V1_3, "x", m));
            Document doc = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
            Element body = (Element) doc.getDocumentElement().getElementsByTagNameNS(Namespaces.SOAP_ENV, "Body").item(0);
            Element first = (Element) body.getFirstChild();
            assertThat(first.getLocalName()).isEqualTo(m instanceof Fault ? "Fault" : m.methodName());
            assertThat(first.getNamespaceURI()).isEqualTo(m instanceof Fault ? Namespaces.SOAP_ENV : CwmpVersion.V1_3.namespace());
        }
    }
}
