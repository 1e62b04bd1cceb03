package org.jcwmp.core.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jcwmp.core.rpc.AutonOpResultStruct;
import org.jcwmp.core.rpc.AutonomousDUStateChangeComplete;
import org.jcwmp.core.rpc.ChangeDUState;
import org.jcwmp.core.rpc.CwmpDateTime;
import org.jcwmp.core.rpc.DUStateChangeComplete;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.Download;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.FaultStruct;
import org.jcwmp.core.rpc.GetParameterNamesResponse;
import org.jcwmp.core.rpc.GetParameterValues;
import org.jcwmp.core.rpc.GetParameterValuesResponse;
import org.jcwmp.core.rpc.GetRPCMethodsResponse;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.InformResponse;
import org.jcwmp.core.rpc.InstallOpStruct;
import org.jcwmp.core.rpc.OpResultStruct;
import org.jcwmp.core.rpc.ParameterInfoStruct;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.SetParameterValuesFault;
import org.jcwmp.core.rpc.TransferComplete;
import org.jcwmp.core.rpc.UninstallOpStruct;
import org.jcwmp.core.rpc.UpdateOpStruct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Envelopes as real peers send them: the codec reads them although they are not what it writes. */
class SoapCodecLenientReadTest {

    private final SoapCodec codec = new SoapCodec();

    private Envelope decode(String xml) throws SoapException {
        return codec.decode(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String soap(String header, String body) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xmlns:cwmp=\"urn:dslforum-org:cwmp-1-2\">"
                + (header == null ? "" : "<soapenv:Header>" + header + "</soapenv:Header>")
                + "<soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
    }

    @Test
    void informAsARealCpeSendsIt() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"
                    xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/"
                    xmlns:xsd="http://www.w3.org/2001/XMLSchema"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xmlns:cwmp="urn:dslforum-org:cwmp-1-0">
                  <SOAP-ENV:Header>
                    <cwmp:ID SOAP-ENV:mustUnderstand="1">
                       1234
                    </cwmp:ID>
                  </SOAP-ENV:Header>
                  <SOAP-ENV:Body SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">
                    <!-- sent by firmware 1.0 -->
                    <cwmp:Inform>
                      <DeviceId>
                        <Manufacturer> ACME </Manufacturer>
                        <OUI>00D09E</OUI>
                        <ProductClass>IGD</ProductClass>
                        <SerialNumber>
                          SN0001
                        </SerialNumber>
                      </DeviceId>
                      <Event>
                        <EventStruct>
                          <EventCode> 0 BOOTSTRAP </EventCode>
                          <CommandKey></CommandKey>
                        </EventStruct>
                        <EventStruct>
                          <EventCode>1 BOOT</EventCode>
                          <CommandKey/>
                        </EventStruct>
                      </Event>
                      <MaxEnvelopes> 1 </MaxEnvelopes>
                      <CurrentTime>2024-05-06T07:08:09+00:00</CurrentTime>
                      <RetryCount>
                        2
                      </RetryCount>
                      <ParameterList>
                        <ParameterValueStruct>
                          <Name>InternetGatewayDevice.DeviceInfo.HardwareVersion</Name>
                          <Value>HW 1.0</Value>
                        </ParameterValueStruct>
                        <ParameterValueStruct>
                          <Name>
                            InternetGatewayDevice.ManagementServer.ConnectionRequestURL
                          </Name>
                          <Value xsi:type="xsd:string">http://10.0.0.1:7547/cr</Value>
                        </ParameterValueStruct>
                        <ParameterValueStruct>
                          <Name>InternetGatewayDevice.DeviceInfo.UpTime</Name>
                          <Value xsi:type="xsd:unsignedInt">
                            42
                          </Value>
                        </ParameterValueStruct>
                      </ParameterList>
                      <X_ACME_Extra><Nested>1</Nested></X_ACME_Extra>
                    </cwmp:Inform>
                  </SOAP-ENV:Body>
                </SOAP-ENV:Envelope>
                """;

        Envelope e = decode(xml);

        assertThat(e.version()).isEqualTo(CwmpVersion.V1_0);
        assertThat(e.id()).isEqualTo("1234");
        assertThat(e.holdRequests()).isNull();
        assertThat(e.body()).isEqualTo(new Inform(new DeviceIdStruct("ACME", "00D09E", "IGD", "SN0001"),
                List.of(new EventStruct("0 BOOTSTRAP", ""), new EventStruct("1 BOOT", "")),
                1, "2024-05-06T07:08:09+00:00", 2,
                List.of(new ParameterValueStruct("InternetGatewayDevice.DeviceInfo.HardwareVersion", "HW 1.0", null),
                        new ParameterValueStruct("InternetGatewayDevice.ManagementServer.ConnectionRequestURL",
                                "http://10.0.0.1:7547/cr", "xsd:string"),
                        new ParameterValueStruct("InternetGatewayDevice.DeviceInfo.UpTime", "42", "xsd:unsignedInt"))));
    }

    @Test
    void defaultNamespacesAndNoPrefixes() throws Exception {
        String xml = """
                <Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/">
                  <Header><ID xmlns="urn:dslforum-org:cwmp-1-2" mustUnderstand="1">abc</ID></Header>
                  <Body>
                    <GetParameterValuesResponse xmlns="urn:dslforum-org:cwmp-1-2">
                      <ParameterList>
                        <ParameterValueStruct>
                          <Name>Device.A</Name>
                          <Value xmlns:xs="http://www.w3.org/2001/XMLSchema"
                                 xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type="xs:int">5</Value>
                        </ParameterValueStruct>
                        <ParameterValueStruct><Name>Device.B</Name><Value> spaced </Value></ParameterValueStruct>
                      </ParameterList>
                    </GetParameterValuesResponse>
                  </Body>
                </Envelope>
                """;

        Envelope e = decode(xml);

        assertThat(e.version()).isEqualTo(CwmpVersion.V1_2);
        assertThat(e.id()).isEqualTo("abc");
        assertThat(e.body()).isEqualTo(new GetParameterValuesResponse(List.of(
                new ParameterValueStruct("Device.A", "5", "xsd:int"),
                new ParameterValueStruct("Device.B", " spaced ", null))));
    }

    @Test
    void otherPrefixesQualifiedChildrenCdataAndComments() throws Exception {
        String xml = "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/' xmlns:c='urn:dslforum-org:cwmp-1-1'>"
                + "<s:Body><c:GetRPCMethodsResponse><c:MethodList><c:string>Inform</c:string>"
                + "<string><![CDATA[Transfer]]><!-- x -->Complete</string><xsd:string xmlns:xsd='x'> GetRPCMethods </xsd:string>"
                + "</c:MethodList></c:GetRPCMethodsResponse></s:Body></s:Envelope>";

        Envelope e = decode(xml);

        assertThat(e.version()).isEqualTo(CwmpVersion.V1_1);
        assertThat(e.id()).isNull();
        assertThat(e.body()).isEqualTo(new GetRPCMethodsResponse(List.of("Inform", "TransferComplete", "GetRPCMethods")));
    }

    @Test
    void versionComesFromTheHeaderWhenTheMethodIsUnqualified() throws Exception {
        String xml = "<e:Envelope xmlns:e='http://schemas.xmlsoap.org/soap/envelope/'><e:Header>"
                + "<ID xmlns='urn:dslforum-org:cwmp-1-3' e:mustUnderstand='1'>9</ID></e:Header>"
                + "<e:Body><InformResponse><MaxEnvelopes>1</MaxEnvelopes></InformResponse></e:Body></e:Envelope>";

        Envelope e = decode(xml);

        assertThat(e.version()).isEqualTo(CwmpVersion.V1_3);
        assertThat(e.body()).isEqualTo(new InformResponse(1));
    }

    @Test
    void versionFallsBackToTheDeclaredCwmpPrefix() throws Exception {
        String xml = "<e:Envelope xmlns:e='http://schemas.xmlsoap.org/soap/envelope/' xmlns:cwmp='urn:dslforum-org:cwmp-1-1'>"
                + "<e:Body><InformResponse/></e:Body></e:Envelope>";

        Envelope e = decode(xml);

        assertThat(e.version()).isEqualTo(CwmpVersion.V1_1);
        assertThat(e.body()).isEqualTo(new InformResponse(1)); // MaxEnvelopes missing: 1
    }

    @Test
    void theMethodNamespaceWinsOverTheHeader() throws Exception {
        String xml = "<e:Envelope xmlns:e='http://schemas.xmlsoap.org/soap/envelope/'><e:Header>"
                + "<c:ID xmlns:c='urn:dslforum-org:cwmp-1-0'>1</c:ID></e:Header>"
                + "<e:Body><c:InformResponse xmlns:c='urn:dslforum-org:cwmp-1-2'/></e:Body></e:Envelope>";

        assertThat(decode(xml).version()).isEqualTo(CwmpVersion.V1_2);
    }

    @ParameterizedTest
    @CsvSource({
            "urn:dslforum-org:cwmp-1-0, V1_0",
            "urn:dslforum-org:cwmp-1-1, V1_1",
            "urn:dslforum-org:cwmp-1-2, V1_2",
            "urn:dslforum-org:cwmp-1-3, V1_3",
            "urn:dslforum-org:cwmp-1-4, V1_3",
            "URN:DSLFORUM-ORG:CWMP-1-2, V1_2",
    })
    void cwmpNamespacesMapLeniently(String namespace, CwmpVersion expected) throws Exception {
        String xml = "<e:Envelope xmlns:e='http://schemas.xmlsoap.org/soap/envelope/' xmlns:c='" + namespace + "'>"
                + "<e:Body><c:GetParameterValues><ParameterNames><string>Device.</string></ParameterNames>"
                + "</c:GetParameterValues></e:Body></e:Envelope>";

        Envelope e = decode(xml);

        assertThat(e.version()).isEqualTo(expected);
        assertThat(e.body()).isEqualTo(new GetParameterValues(List.of("Device.")));
    }

    @Test
    void headersAreReadWithAnyPrefixAndBooleanSpelling() throws Exception {
        String xml = soap("<cwmp:ID soapenv:mustUnderstand='1'>x</cwmp:ID>"
                        + "<cwmp:HoldRequests soapenv:mustUnderstand='1'> TRUE </cwmp:HoldRequests>"
                        + "<cwmp:SessionTimeout>60</cwmp:SessionTimeout>"
                        + "<cwmp:SupportedCWMPVersions>1.0,1.4</cwmp:SupportedCWMPVersions>"
                        + "<cwmp:UseCWMPVersion soapenv:mustUnderstand='1'>1.4</cwmp:UseCWMPVersion>"
                        + "<other:Thing xmlns:other='urn:x'>ignored</other:Thing>",
                "<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>");

        Envelope e = decode(xml);

        assertThat(e).isEqualTo(new Envelope(CwmpVersion.V1_2, "x", true, 60, "1.0,1.4", "1.4", new InformResponse(1)));
    }

    @Test
    void elementsInAnyOrderMissingOnesDefaultedUnknownOnesSkipped() throws Exception {
        String xml = soap(null, "<cwmp:Download><X_Vendor><a/><b>text</b></X_Vendor>"
                + "<URL> http://f.example/fw </URL><DelaySeconds>5</DelaySeconds><FileType>1 Firmware Upgrade Image</FileType>"
                + "<CommandKey>k</CommandKey></cwmp:Download>");

        assertThat(decode(xml).body()).isEqualTo(
                new Download("k", "1 Firmware Upgrade Image", "http://f.example/fw", "", "", 0, "", 5, "", ""));
    }

    @Test
    void missingStructsGetNeutralDefaults() throws Exception {
        Envelope inform = decode(soap(null, "<cwmp:Inform/>"));
        assertThat(inform.body()).isEqualTo(
                new Inform(new DeviceIdStruct("", "", "", ""), List.of(), 1, CwmpDateTime.UNKNOWN, 0, List.of()));

        Envelope tc = decode(soap(null, "<cwmp:TransferComplete><CommandKey>c</CommandKey></cwmp:TransferComplete>"));
        assertThat(tc.body()).isEqualTo(
                new TransferComplete("c", new FaultStruct(0, ""), CwmpDateTime.UNKNOWN, CwmpDateTime.UNKNOWN));
    }

    @ParameterizedTest
    @CsvSource({"1, true", "0, false", "true, true", "false, false", "TRUE, true", "False, false", "' 1 ', true", "'', false"})
    void booleansInEverySpelling(String text, boolean expected) throws Exception {
        String xml = soap(null, "<cwmp:GetParameterNamesResponse><ParameterList>"
                + "<ParameterInfoStruct><Name>Device.A</Name><Writable>" + text + "</Writable></ParameterInfoStruct>"
                + "</ParameterList></cwmp:GetParameterNamesResponse>");

        assertThat(decode(xml).body())
                .isEqualTo(new GetParameterNamesResponse(List.of(new ParameterInfoStruct("Device.A", expected))));
    }

    @Test
    void setParameterValuesFaultAsACpeSendsIt() throws Exception {
        String xml = """
                <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"
                                   xmlns:cwmp="urn:dslforum-org:cwmp-1-0">
                  <SOAP-ENV:Header><cwmp:ID SOAP-ENV:mustUnderstand="1">spv-3</cwmp:ID></SOAP-ENV:Header>
                  <SOAP-ENV:Body>
                    <SOAP-ENV:Fault>
                      <faultcode>Client</faultcode>
                      <faultstring>CWMP fault</faultstring>
                      <detail>
                        <cwmp:Fault>
                          <FaultCode>9003</FaultCode>
                          <FaultString>Invalid arguments</FaultString>
                          <SetParameterValuesFault>
                            <ParameterName>InternetGatewayDevice.Time.NTPServer1</ParameterName>
                            <FaultCode>9007</FaultCode>
                            <FaultString>Invalid parameter value</FaultString>
                          </SetParameterValuesFault>
                          <SetParameterValuesFault>
                            <FaultCode> 9008 </FaultCode>
                            <ParameterName>InternetGatewayDevice.DeviceInfo.SerialNumber</ParameterName>
                          </SetParameterValuesFault>
                        </cwmp:Fault>
                      </detail>
                    </SOAP-ENV:Fault>
                  </SOAP-ENV:Body>
                </SOAP-ENV:Envelope>
                """;

        Envelope e = decode(xml);

        assertThat(e.id()).isEqualTo("spv-3");
        assertThat(e.version()).isEqualTo(CwmpVersion.V1_0);
        assertThat(e.body()).isEqualTo(new Fault(9003, "Invalid arguments", List.of(
                new SetParameterValuesFault("InternetGatewayDevice.Time.NTPServer1", 9007, "Invalid parameter value"),
                new SetParameterValuesFault("InternetGatewayDevice.DeviceInfo.SerialNumber", 9008, ""))));
        assertThat(((Fault) e.body()).soapFaultCode()).isEqualTo("Client");
    }

    @Test
    void soapFaultWithoutCwmpDetailKeepsItsText() throws Exception {
        String xml = soap(null, "<soapenv:Fault><faultcode>soapenv:Server</faultcode>"
                + "<faultstring>Out of memory</faultstring></soapenv:Fault>");

        assertThat(decode(xml).body()).isEqualTo(new Fault(0, "Out of memory", List.of()));
    }

    @Test
    void changeDuStateInEveryShape() throws Exception {
        String xml = soap(null, "<cwmp:ChangeDUState>"
                // the schema's shape: xsi:type'd Operations (with another prefix for cwmp)
                + "<Operations xmlns:c='urn:dslforum-org:cwmp-1-2' xsi:type='c:InstallOpStruct'>"
                + "<URL>http://f/a</URL><UUID>u1</UUID><ExecutionEnvRef>EE1</ExecutionEnvRef></Operations>"
                + "<Operations xsi:type='cwmp:UninstallOpStruct'><UUID>u2</UUID></Operations>"
                // the struct named inside Operations
                + "<Operations><UpdateOpStruct><UUID>u3</UUID><Version>2</Version></UpdateOpStruct></Operations>"
                // the struct directly in the method
                + "<UninstallOpStruct><UUID>u4</UUID><Version>1</Version></UninstallOpStruct>"
                // untyped: guessed from the fields
                + "<Operations><URL>http://f/b</URL></Operations>"
                + "<CommandKey>ck</CommandKey></cwmp:ChangeDUState>");

        assertThat(decode(xml).body()).isEqualTo(new ChangeDUState(List.of(
                new InstallOpStruct("http://f/a", "u1", "", "", "EE1"),
                new UninstallOpStruct("u2", "", ""),
                new UpdateOpStruct("u3", "2", "", "", ""),
                new UninstallOpStruct("u4", "1", ""),
                new InstallOpStruct("http://f/b", "", "", "", "")), "ck"));
    }

    @Test
    void duStateChangeCompleteInTheSchemasShape() throws Exception {
        // cwmp-1-2.xsd: Results is repeated and is itself the OpResultStruct
        String xml = soap(null, "<cwmp:DUStateChangeComplete>"
                + "<Results><UUID>u1</UUID><DeploymentUnitRef>DU.1</DeploymentUnitRef><Version>1</Version>"
                + "<CurrentState>Installed</CurrentState><Resolved>true</Resolved><ExecutionUnitRefList>EU.1</ExecutionUnitRefList>"
                + "<StartTime>" + Samples.T1 + "</StartTime><CompleteTime>" + Samples.T2 + "</CompleteTime>"
                + "<Fault><FaultCode>0</FaultCode><FaultString></FaultString></Fault></Results>"
                + "<Results><UUID>u2</UUID><CurrentState>Failed</CurrentState>"
                + "<Fault><FaultCode>9018</FaultCode></Fault></Results>"
                + "<CommandKey>ck</CommandKey></cwmp:DUStateChangeComplete>");

        assertThat(decode(xml).body()).isEqualTo(new DUStateChangeComplete(List.of(
                new OpResultStruct("u1", "DU.1", "1", "Installed", true, "EU.1", Samples.T1, Samples.T2,
                        new FaultStruct(0, "")),
                new OpResultStruct("u2", "", "", "Failed", false, "", CwmpDateTime.UNKNOWN, CwmpDateTime.UNKNOWN,
                        new FaultStruct(9018, ""))), "ck"));
    }

    @Test
    void autonomousDuStateChangeCompleteInTheSchemasShape() throws Exception {
        String xml = soap(null, "<cwmp:AutonomousDUStateChangeComplete>"
                + "<Results><UUID>u1</UUID><OperationPerformed>Uninstall</OperationPerformed>"
                + "<CurrentState>Uninstalled</CurrentState><Resolved>1</Resolved></Results>"
                + "</cwmp:AutonomousDUStateChangeComplete>");

        assertThat(decode(xml).body()).isEqualTo(new AutonomousDUStateChangeComplete(List.of(
                new AutonOpResultStruct("u1", "", "", "Uninstalled", true, "", CwmpDateTime.UNKNOWN,
                        CwmpDateTime.UNKNOWN, new FaultStruct(0, ""), "Uninstall"))));
    }

    @Test
    void extraBodyElementsAfterTheMethodAreIgnored() throws Exception {
        String xml = soap(null, "<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>"
                + "<cwmp:Whatever/>");

        assertThat(decode(xml).body()).isEqualTo(new InformResponse(1));
    }

    @Test
    void latin1DeclaredEncodingIsHonoured() throws Exception {
        String xml = "<?xml version='1.0' encoding='ISO-8859-1'?>" + soap(null,
                "<cwmp:GetParameterValues><ParameterNames><string>Caf\u00e9.</string></ParameterNames></cwmp:GetParameterValues>");

        Envelope e = codec.decode(xml.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(e.body()).isEqualTo(new GetParameterValues(List.of("Caf\u00e9.")));
    }

    @Test
    void unknownMethodCarriesIdAndVersion() {
        String xml = "<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/' xmlns:cwmp='urn:dslforum-org:cwmp-1-1'>"
                + "<soap:Header><cwmp:ID soap:mustUnderstand='1'>req-77</cwmp:ID></soap:Header>"
                + "<soap:Body><cwmp:X_ACME_Frobnicate><Level>3</Level></cwmp:X_ACME_Frobnicate></soap:Body></soap:Envelope>";

        SoapException e = catchThrowableOfType(SoapException.class, () -> decode(xml));

        assertThat(e.unknownMethod()).isTrue();
        assertThat(e.id()).isEqualTo("req-77");
        assertThat(e.version()).isEqualTo(CwmpVersion.V1_1);
        assertThat(e.getMessage()).contains("X_ACME_Frobnicate");
    }

    @Test
    void aStandardMethodWithoutARecordIsUnknownToo() {
        SoapException e = catchThrowableOfType(SoapException.class,
                () -> decode(soap("<cwmp:ID>q</cwmp:ID>", "<cwmp:GetQueuedTransfers/>")));

        assertThat(e.unknownMethod()).isTrue();
        assertThat(e.id()).isEqualTo("q");
        assertThat(e.version()).isEqualTo(CwmpVersion.V1_2);
    }
}
