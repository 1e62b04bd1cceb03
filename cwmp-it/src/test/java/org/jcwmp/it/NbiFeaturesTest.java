package org.jcwmp.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.cpe.CpeAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operator's NBI against real agents: search, tags, GenieACS-shaped calls, bulk tasks, live events, metrics. */
class NbiFeaturesTest {
    private static final String OUI = "00D09E";

    @TempDir
    Path dir;
    private AcsServer acs;
    private Nbi nbi;
    private String token;
    private final InformRecorder informs = new InformRecorder();
    private final List<CpeAgent> agents = new ArrayList<>();

    @BeforeEach
    void start() {
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).dataDirectory(dir.resolve("acs"))
                .cpeCredentials("cpe", "cpe-secret").connectionRequestCredentials("acs", "cr-secret")
                .passwordHashIterations(1000).build().start();
        acs.addListener(informs);
        token = acs.auth().createToken("admin", "it", null).secret();
        nbi = new Nbi(acs.nbiUrl(), token);
    }

    @AfterEach
    void stop() {
        agents.forEach(CpeAgent::stop);
        acs.stop();
    }

    private CpeAgent agent(String productClass, String serial, String softwareVersion) {
        CpeAgent a = CpeAgent.builder().acsUrl(URI.create(acs.cwmpUrl())).acsCredentials("cpe", "cpe-secret")
                .stateDirectory(dir.resolve("cpe").resolve(serial))
                .deviceId(new DeviceIdStruct("jcwmp", OUI, productClass, serial)).softwareVersion(softwareVersion)
                .connectionRequestCredentials("acs", "cr-secret").connectionRequestAddress("127.0.0.1", 0)
                .periodicInformInterval(Duration.ofHours(1)).build();
        agents.add(a);
        long t0 = System.nanoTime();
        a.start();
        informs.waitFor(OUI + "-" + productClass + "-" + serial, EventCode.BOOTSTRAP, t0);
        return a;
    }

    private List<String> serials(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("devices").forEach(d -> out.add(d.get("serialNumber").asText()));
        return out;
    }

    @Test
    void searchTagsGenieAcsCallsBulkTasksAndMetrics() throws Exception {
        agent("HomeGateway", "S1", "1.0");
        agent("HomeGateway", "S2", "1.0");
        agent("SetTopBox", "S3", "2.0");
        String s1 = OUI + "-HomeGateway-S1";

        assertThat(serials(nbi.get("devices?query=" + Nbi.encode("{\"softwareVersion\": \"2.0\"}")).body())).containsExactly("S3");
        assertThat(serials(nbi.get("devices?query=" + Nbi.encode("{\"_deviceId._ProductClass\": \"HomeGateway\"}")).body()))
                .containsExactly("S1", "S2");
        assertThat(serials(nbi.get("devices?query=" + Nbi.encode("{\"_lastInform\": {\"$gt\": \"-5m\"}}")
                + "&sort=-serialNumber").body())).containsExactly("S3", "S2", "S1");
        Nbi.Answer page = nbi.get("devices?sort=serialNumber&offset=1&limit=1");
        assertThat(page.body().get("total").asInt()).isEqualTo(3);
        assertThat(serials(page.body())).containsExactly("S2");

        assertThat(nbi.post("devices/" + s1 + "/tags/lab", "").status()).isEqualTo(200);
        assertThat(serials(nbi.get("devices?query=" + Nbi.encode("{\"_tags\": \"lab\"}")).body())).containsExactly("S1");
        assertThat(serials(nbi.get("devices?q=S2").body())).containsExactly("S2");
        assertThat(nbi.get("devices/" + s1).body().get("tags").get(0).asText()).isEqualTo("lab");

        // GenieACS's shapes on its paths.
        Nbi.Answer genie = nbi.get("devices/?query=" + Nbi.encode("{\"_deviceId._SerialNumber\": \"S1\"}")
                + "&projection=_deviceId,Device.DeviceInfo.SoftwareVersion");
        assertThat(genie.body().isArray()).isTrue();
        assertThat(genie.body().get(0).get("_id").asText()).isEqualTo(s1);
        assertThat(genie.body().get(0).at("/_deviceId/_SerialNumber").asText()).isEqualTo("S1");
        assertThat(genie.body().get(0).at("/Device/DeviceInfo/SoftwareVersion/_value").asText()).isEqualTo("1.0");
        assertThat(genie.body().get(0).has("_lastInform")).isFalse();
        assertThat(nbi.get("files/").body().isArray()).isTrue();
        assertThat(nbi.get("files/").body()).isEmpty();
        Nbi.Answer refresh = nbi.post("devices/" + s1 + "/tasks?connection_request&timeout=15000",
                "{\"name\": \"refreshObject\", \"objectName\": \"Device.Time.\"}");
        assertThat(refresh.status()).isEqualTo(200);
        assertThat(refresh.body().toString()).contains("Device.Time.NTPServer1");
        JsonNode genieTasks = nbi.get("tasks/?query=" + Nbi.encode("{\"device\": \"" + s1 + "\"}")).body();
        assertThat(genieTasks.get(0).get("name").asText()).isEqualTo("getParameterValues");
        assertThat(genieTasks.get(0).get("device").asText()).isEqualTo(s1);

        // One task for every HomeGateway, with connection requests.
        Nbi.Answer bulk = nbi.post("tasks?connection_request&query=" + Nbi.encode("{\"productClass\": \"HomeGateway\"}"),
                "{\"name\": \"getParameterValues\", \"parameterNames\": [\"Device.DeviceInfo.UpTime\"]}");
        assertThat(bulk.status()).isEqualTo(202);
        assertThat(bulk.body().get("queued").asInt()).isEqualTo(2);
        for (JsonNode t : bulk.body().get("tasks")) {
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    nbi.get("tasks/" + t.get("id").asLong()).body().get("status").asText().equals("done"));
        }

        String metrics = nbi.get("metrics").text();
        assertThat(metrics).contains("jcwmp_informs_total{event=\"0 BOOTSTRAP\"}", "jcwmp_sessions_total",
                "jcwmp_rpc_total{fault=\"\",method=\"GetParameterValues\",outcome=\"ok\"}",
                "jcwmp_connection_request_seconds_bucket{delivered=\"true\",mechanism=\"http\"",
                "jcwmp_store_seconds_count{operation=\"device_search\"}", "hikaricp_connections_usage_seconds");
        assertThat(new Nbi(acs.nbiUrl(), null).get("metrics").status()).isEqualTo(401);
    }

    @Test
    void liveEventsArriveFilteredByDevice() throws Exception {
        agent("HomeGateway", "E1", "1.0");
        agent("HomeGateway", "E2", "1.0");
        String e1 = OUI + "-HomeGateway-E1";
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        var stream = http.sendAsync(HttpRequest.newBuilder(URI.create(acs.nbiUrl() + "events?device=" + e1))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = stream.get();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Thread reader = Thread.ofVirtual().start(() -> response.body().forEach(lines::add));
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().anyMatch(l -> l.startsWith(":")));
            nbi.post("devices/" + OUI + "-HomeGateway-E2/connection-request", "");
            Nbi.Answer set = nbi.post("devices/" + e1 + "/tasks?connection_request&timeout=15000",
                    "{\"name\": \"setParameterValues\", \"parameterValues\": [[\"Device.Time.NTPServer1\", \"ntp.live.test\"]]}");
            assertThat(set.body().get("status").asText()).isEqualTo("done");
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event: values"));
            String all = String.join("\n", lines);
            assertThat(all).contains("event: connection-request", "event: inform", "6 CONNECTION REQUEST", "event: task",
                    "ntp.live.test");
            assertThat(all).doesNotContain("HomeGateway-E2");
        } finally {
            reader.interrupt();
            response.body().close();
        }
    }
}
