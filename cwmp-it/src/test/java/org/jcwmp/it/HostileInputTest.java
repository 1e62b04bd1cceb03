package org.jcwmp.it;

import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.soap.CwmpVersion;
import org.jcwmp.core.soap.Envelope;
import org.jcwmp.core.soap.SoapCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bodies no CPE should send: each gets a CWMP fault or an HTTP 4xx, and the ACS keeps serving. */
class HostileInputTest {
    private static final SoapCodec CODEC = new SoapCodec();

    @TempDir
    Path dir;
    private AcsServer acs;
    private CloseableHttpClient http;

    record Reply(int status, String body) {
    }

    @BeforeEach
    void start() {
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).dataDirectory(dir)
                .cpeCredentials("cpe", "pw").maxBodyBytes(64 * 1024).build().start();
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(new AuthScope("127.0.0.1", acs.cwmpPort()),
                new UsernamePasswordCredentials("cpe", "pw".toCharArray()));
        http = HttpClients.custom().setDefaultCredentialsProvider(credentials).build();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        acs.stop();
    }

    private Reply post(byte[] body) throws Exception {
        HttpPost post = new HttpPost(URI.create(acs.cwmpUrl()));
        post.setEntity(new ByteArrayEntity(body, ContentType.TEXT_XML));
        return http.execute(post, r -> new Reply(r.getCode(),
                r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8)));
    }

    private Reply inform(String serial) throws Exception {
        Inform inform = new Inform(new DeviceIdStruct("jcwmp", "00D09E", "Box", serial),
                List.of(new EventStruct("1 BOOT", "")), 1, "2026-11-21T10:00:00Z", 0,
                List.of(new ParameterValueStruct("Device.ManagementServer.ConnectionRequestURL", "http://127.0.0.1:1/", "xsd:string")));
        return post(CODEC.encode(Envelope.of(CwmpVersion.V1_0, "i1", inform)));
    }

    private void assertStillServing(String serial) throws Exception {
        Reply r = inform(serial);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("InformResponse");
        assertThat(acs.devices().find("00D09E-Box-" + serial)).isPresent();
    }

    @Test
    void malformedSoapGets400() throws Exception {
        Reply r = post("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><cwmp:Inform"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).startsWith("not a CWMP message");
        assertStillServing("S1");
    }

    @Test
    void unknownRpcGetsFault8000WithTheSameId() throws Exception {
        assertThat(inform("S2").status()).isEqualTo(200);
        Reply r = post("""
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-0">
                  <soap:Header><cwmp:ID soap:mustUnderstand="1">odd-7</cwmp:ID></soap:Header>
                  <soap:Body><cwmp:X_Vendor_SelfDestruct><Now>1</Now></cwmp:X_Vendor_SelfDestruct></soap:Body>
                </soap:Envelope>""".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("<FaultCode>8000</FaultCode>").contains("odd-7");
        assertStillServing("S3");
    }

    @Test
    void oversizedBodyIsRefused() throws Exception {
        byte[] huge = ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "x".repeat(200 * 1024) + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
        Reply r = post(huge);
        assertThat(r.status()).isBetween(400, 499);
        assertStillServing("S4");
    }

    @Test
    void entityExpansionIsRefused() throws Exception {
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-0">
                <soap:Body><cwmp:Inform><DeviceId><Manufacturer>&lol3;</Manufacturer></DeviceId></cwmp:Inform></soap:Body>
                </soap:Envelope>""";
        Reply r = post(laughs.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("lollol");
        String external = """
                <?xml version="1.0"?>
                <!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-0">
                <soap:Body><cwmp:Inform><DeviceId><Manufacturer>&xxe;</Manufacturer></DeviceId></cwmp:Inform></soap:Body>
                </soap:Envelope>""";
        Reply r2 = post(external.getBytes(StandardCharsets.UTF_8));
        assertThat(r2.status()).isEqualTo(400);
        assertThat(r2.body()).doesNotContain("root:");
        assertStillServing("S5");
    }

    @Test
    void sessionMustStartWithInform() throws Exception {
        Reply empty = post(new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("starts with an Inform");
        assertStillServing("S6");
    }
}
