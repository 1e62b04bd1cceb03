package org.jcwmp.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.acs.campaign.CampaignDevice;
import org.jcwmp.acs.campaign.CampaignDeviceState;
import org.jcwmp.acs.files.FileMetadata;
import org.jcwmp.acs.store.StoredParameter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of issue 5's campaigns: 200 simulated CPEs, one in ten of which fails every firmware Download (9010), get
 * a campaign through the NBI; it halts by itself at its 5% threshold, starts nobody after that, lets the running
 * Downloads finish, and the devices that succeeded report the new SoftwareVersion to the ACS.
 */
@Timeout(90)
class FirmwareCampaignFleetTest {
    private static final int DEVICES = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private AcsServer acs;
    private Fleet fleet;
    private String token;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).fileServer("127.0.0.1", 0)
                .stun("127.0.0.1", -1).dataDirectory(dir).cpeCredentials("cpe", "cpe-secret")
                .connectionRequestCredentials("acs", "cr-secret").initialAdmin("root", "root-password")
                .passwordHashIterations(1000).campaignInterval(Duration.ofMillis(200)).build().start();
        token = acs.auth().createToken("root", "campaign test", null).secret();
        acs.fileServer().orElseThrow().repository().putFile("sim-2.0.bin",
                new FileMetadata("1 Firmware Upgrade Image", null, null, "2.0"), new ByteArrayInputStream(new byte[512]),
                512);
    }

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
        acs.stop();
    }

    private JsonNode nbi(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(acs.nbiUrl() + path.substring(1)))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }

    private static boolean failing(String serial) {
        return serial.endsWith("0"); // SIM000010, SIM000020, ...: one in ten
    }

    @Test
    void aCampaignOverTwoHundredDevicesHaltsAtItsFailureThreshold() throws Exception {
        fleet = Fleet.builder().acsUrl(URI.create(acs.cwmpUrl())).devices(DEVICES).acsCredentials("cpe", "cpe-secret")
                .connectionRequestCredentials("acs", "cr-secret").bootStorm(true).maxConcurrentSessions(16)
                .transferTime(Duration.ofMillis(300)).failDownloads(FirmwareCampaignFleetTest::failing)
                .build().start();
        await().atMost(Duration.ofSeconds(40)).until(() -> fleet.bootstrapped() == DEVICES);

        JsonNode created = nbi("POST", "/campaigns", """
                {"name":"sim 2.0","query":{"_deviceId._ProductClass":"SimGateway"},"file":"sim-2.0.bin",
                 "batchSize":10,"maxConcurrent":20,"failureThreshold":0.05,"minSample":20,"connectionRequest":true}""");
        long id = created.get("id").asLong();
        assertThat(created.path("counts").path("targeted").asInt()).isEqualTo(DEVICES);

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                .until(() -> nbi("GET", "/campaigns/" + id, null).get("status").asText().equals("halted"));
        // the Downloads running at the halt finish; nothing new starts
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> nbi("GET", "/campaigns/" + id, null).path("counts").path("inProgress").asInt() == 0);
        Thread.sleep(1000); // five more runner rounds
        JsonNode c = nbi("GET", "/campaigns/" + id, null);
        assertThat(c.get("status").asText()).isEqualTo("halted");
        JsonNode n = c.get("counts");
        int pending = n.get("pending").asInt(), succeeded = n.get("succeeded").asInt(), failed = n.get("failed").asInt();
        assertThat(n.get("targeted").asInt()).isEqualTo(DEVICES);
        assertThat(pending + n.get("inProgress").asInt() + succeeded + failed + n.get("cancelled").asInt())
                .isEqualTo(DEVICES);
        assertThat(succeeded + failed).isGreaterThanOrEqualTo(20);
        assertThat((double) failed / (succeeded + failed)).isGreaterThan(0.05);
        assertThat(pending).as("the halt stopped the campaign well before the end").isGreaterThan(100);
        assertThat(c.get("reason").asText()).contains("more than the threshold 5.0%");
        System.out.printf("campaign over %d devices: %s; pending %d, succeeded %d, failed %d%n", DEVICES,
                c.get("reason").asText(), pending, succeeded, failed);

        var store = acs.operations().campaigns().store();
        var halted = store.find(id).orElseThrow().halted();
        List<CampaignDevice> devices = store.devices(id, null, 0, 1000);
        assertThat(devices).hasSize(DEVICES);
        for (CampaignDevice d : devices) {
            String serial = d.deviceId().substring(d.deviceId().lastIndexOf('-') + 1);
            switch (d.state()) {
                case PENDING -> {
                    assertThat(d.started()).isNull();
                    assertThat(acs.tasks().forDevice(d.deviceId())).as(d.deviceId()).isEmpty();
                }
                case SUCCEEDED -> {
                    assertThat(d.started()).isBeforeOrEqualTo(halted);
                    assertThat(failing(serial)).as(serial).isFalse();
                    assertThat(acs.devices().parameters(d.deviceId(), "Device.DeviceInfo.SoftwareVersion"))
                            .extracting(StoredParameter::value).as(d.deviceId()).containsExactly("2.0");
                    assertThat(fleet.bySerial(serial).value("Device.DeviceInfo.SoftwareVersion")).contains("2.0");
                }
                case FAILED -> {
                    assertThat(d.started()).isBeforeOrEqualTo(halted);
                    assertThat(failing(serial)).as(serial).isTrue();
                    assertThat(d.faultCode()).isEqualTo(9010);
                }
                default -> throw new AssertionError(d.deviceId() + " is " + d.state());
            }
        }
        assertThat(devices.stream().filter(d -> d.state() == CampaignDeviceState.FAILED)).hasSize(failed);
        JsonNode failedPage = nbi("GET", "/campaigns/" + id + "/devices?state=failed", null);
        assertThat(failedPage.get("total").asInt()).isEqualTo(failed);
        assertThat(fleet.stats().failed.sum()).as(fleet.stats().lastError == null ? "" : fleet.stats().lastError).isZero();
    }
}
