package org.jcwmp.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpHead;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.jcwmp.acs.auth.Role;
import org.jcwmp.acs.files.FileServer;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.store.StoredFile;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.RequestDownload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file server end to end: operators store files through the NBI, CPEs download them with Digest (HEAD, Range,
 * ETag), CPEs upload to the upload target and operators see it; limits and bad names. Runs on H2 and PostgreSQL.
 */
@Timeout(60)
abstract class FileServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIRMWARE = "1 Firmware Upgrade Image";

    @TempDir
    Path dir;
    private TestDatabases.TestStore testStore;
    private AcsServer acs;
    private FileServer files;
    private String operator;
    private String readOnly;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** "h2" or "postgresql". */
    abstract String store();

    @BeforeEach
    void start() {
        testStore = TestDatabases.open(store(), dir.resolve("db"));
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).dataDirectory(dir).database(testStore.db())
                .initialAdmin("root", "root-password").passwordHashIterations(1000).build();
        files = FileServer.builder().dataDirectory(dir).database(testStore.db()).bind("127.0.0.1", 0)
                .passwordOf(u -> u.equals("cpe") ? "cpe-secret" : null).maxFileBytes(2_000_000).maxUploadBytes(1_000)
                .build().start();
        acs.operations().fileServer(files); // what AcsServer does when it runs a file server
        acs.start();
        acs.auth().putUser("olga", "operator-pw", Role.OPERATOR);
        acs.auth().putUser("rita", "reader-pw", Role.READ_ONLY);
        operator = acs.auth().createToken("olga", "t", null).secret();
        readOnly = acs.auth().createToken("rita", "t", null).secret();
    }

    @AfterEach
    void stop() {
        files.stop();
        acs.stop();
        testStore.close();
    }

    record Answer(int status, Map<String, String> headers, byte[] body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /** An NBI call with a bearer token; body null: none; chunked: no Content-Length. */
    private Answer nbi(String token, String method, String path, byte[] body, boolean chunked, String... headers)
            throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(acs.nbiUrl() + path.substring(1)))
                .timeout(Duration.ofSeconds(20)).method(method, publisher).header("Authorization", "Bearer " + token);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, String> h = new HashMap<>();
        r.headers().map().forEach((k, v) -> h.put(k.toLowerCase(), v.getFirst()));
        return new Answer(r.statusCode(), h, r.body());
    }

    /** A CPE's call to the file server with Apache HttpClient (Digest when credentials are given). */
    private static Answer cpe(HttpUriRequestBase request, String user, String password) throws Exception {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        if (user != null) {
            credentials.setCredentials(new AuthScope(null, -1), new UsernamePasswordCredentials(user, password.toCharArray()));
        }
        try (CloseableHttpClient client = HttpClients.custom().setDefaultCredentialsProvider(credentials).build()) {
            return client.execute(request, response -> {
                Map<String, String> h = new HashMap<>();
                for (Header header : response.getHeaders()) {
                    h.putIfAbsent(header.getName().toLowerCase(), header.getValue());
                }
                byte[] body = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
                return new Answer(response.getCode(), h, body);
            });
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private Device device(String serial) {
        return acs.devices().recordInform(new Inform(new DeviceIdStruct("Acme", "00D09E", "Box", serial),
                List.of(new EventStruct("0 BOOTSTRAP", "")), 1, "2026-11-21T10:00:00Z", 0,
                List.of(new ParameterValueStruct("Device.DeviceInfo.SoftwareVersion", "1.0", "xsd:string"))),
                java.time.Instant.now());
    }

    private long filesOnDisk() throws Exception {
        try (Stream<Path> s = Files.walk(dir.resolve("files"))) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void operatorsStoreFilesThatCpesDownloadWithDigestHeadRangeAndEtag() throws Exception {
        byte[] image = random(10_000, 1);
        String put = "/files/fw-2.0.bin?fileType=1%20Firmware%20Upgrade%20Image&oui=00D09E&productClass=Box&version=2.0";
        assertThat(nbi(readOnly, "PUT", put, image, false).status()).isEqualTo(403);
        Answer stored = nbi(operator, "PUT", put, image, false);
        assertThat(stored.status()).isEqualTo(201);
        assertThat(stored.json().get("sha256").asText()).isEqualTo(sha256(image));
        assertThat(stored.json().get("size").asLong()).isEqualTo(10_000);
        String url = stored.json().get("url").asText();
        assertThat(url).isEqualTo(files.url("fw-2.0.bin")).startsWith("http://127.0.0.1:" + files.port() + "/files/");

        JsonNode list = nbi(readOnly, "GET", "/files", null, false).json();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("name").asText()).isEqualTo("fw-2.0.bin");
        assertThat(list.get(0).get("fileType").asText()).isEqualTo(FIRMWARE);
        assertThat(list.get(0).get("oui").asText()).isEqualTo("00D09E");
        assertThat(list.get(0).get("productClass").asText()).isEqualTo("Box");
        assertThat(list.get(0).get("version").asText()).isEqualTo("2.0");
        assertThat(list.get(0).get("created").asText()).isNotEmpty();
        JsonNode genie = nbi(readOnly, "GET", "/files/", null, false).json();
        assertThat(genie.get(0).get("_id").asText()).isEqualTo("fw-2.0.bin");
        assertThat(genie.get(0).get("length").asLong()).isEqualTo(10_000);
        assertThat(genie.get(0).get("metadata").get("fileType").asText()).isEqualTo(FIRMWARE);
        assertThat(nbi(readOnly, "GET", "/files/fw-2.0.bin", null, false).json().get("version").asText()).isEqualTo("2.0");

        Answer whole = cpe(new HttpGet(url), "cpe", "cpe-secret");
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(image);
        assertThat(whole.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(whole.header("Content-Length")).isEqualTo("10000");
        String etag = whole.header("ETag");
        assertThat(etag).isEqualTo("\"" + sha256(image) + "\"");

        Answer head = cpe(new HttpHead(url), "cpe", "cpe-secret");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo("10000");
        assertThat(head.header("ETag")).isEqualTo(etag);
        assertThat(head.body()).isEmpty();

        HttpGet range = new HttpGet(url);
        range.addHeader("Range", "bytes=100-199");
        Answer part = cpe(range, "cpe", "cpe-secret");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 100-199/10000");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(image, 100, 200));
        HttpGet suffix = new HttpGet(url);
        suffix.addHeader("Range", "bytes=-10");
        assertThat(cpe(suffix, "cpe", "cpe-secret").body()).isEqualTo(Arrays.copyOfRange(image, 9_990, 10_000));
        HttpGet beyond = new HttpGet(url);
        beyond.addHeader("Range", "bytes=10000-");
        Answer unsatisfiable = cpe(beyond, "cpe", "cpe-secret");
        assertThat(unsatisfiable.status()).isEqualTo(416);
        assertThat(unsatisfiable.header("Content-Range")).isEqualTo("bytes */10000");

        HttpGet cached = new HttpGet(url);
        cached.addHeader("If-None-Match", etag);
        Answer notModified = cpe(cached, "cpe", "cpe-secret");
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();

        assertThat(cpe(new HttpGet(url), "cpe", "wrong").status()).isEqualTo(401);
        assertThat(cpe(new HttpGet(url), "nobody", "cpe-secret").status()).isEqualTo(401);
        Answer anonymous = cpe(new HttpGet(url), null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Digest ");

        // GenieACS's way of replacing a file: the metadata as headers
        byte[] image2 = random(5_000, 2);
        Answer replaced = nbi(operator, "PUT", "/files/fw-2.0.bin", image2, false, "fileType", FIRMWARE,
                "oui", "00D09E", "productClass", "Box", "version", "2.1");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("version").asText()).isEqualTo("2.1");
        assertThat(cpe(new HttpGet(url), "cpe", "cpe-secret").body()).isEqualTo(image2);
        assertThat(filesOnDisk()).as("the replaced content is gone").isEqualTo(1);

        assertThat(nbi(readOnly, "DELETE", "/files/fw-2.0.bin", null, false).status()).isEqualTo(403);
        assertThat(nbi(operator, "DELETE", "/files/fw-2.0.bin", null, false).status()).isEqualTo(204);
        assertThat(nbi(operator, "DELETE", "/files/fw-2.0.bin", null, false).status()).isEqualTo(404);
        assertThat(cpe(new HttpGet(url), "cpe", "cpe-secret").status()).isEqualTo(404);
        assertThat(nbi(readOnly, "GET", "/files/fw-2.0.bin", null, false).status()).isEqualTo(404);
        assertThat(nbi(readOnly, "GET", "/files", null, false).json()).isEmpty();
        assertThat(filesOnDisk()).isZero();
    }

    @Test
    void cpesUploadToTheUploadTargetAndOperatorsSeeIt() throws Exception {
        Device d = device("UP1");
        byte[] backup = "{\"Device.ManagementServer.PeriodicInformInterval\": 300}".getBytes();
        HttpPut put = new HttpPut(files.uploadUrl(d.id(), "config-backup.json", "1 Vendor Configuration File"));
        put.setEntity(new ByteArrayEntity(backup, null));
        assertThat(cpe(put, "cpe", "wrong").status()).isEqualTo(401);
        Answer sent = cpe(put, "cpe", "cpe-secret");
        assertThat(sent.status()).isEqualTo(201);
        assertThat(acs.operations().events().bus().recent(e -> e.type().equals("upload"), 10))
                .singleElement().satisfies(e -> {
                    assertThat(e.device()).isEqualTo(d.id());
                    assertThat(e.data().get("name").asText()).isEqualTo("config-backup.json");
                });

        Answer list = nbi(readOnly, "GET", "/devices/" + FileServerTestSupport.path(d.id()) + "/uploads", null, false);
        assertThat(list.status()).isEqualTo(200);
        JsonNode uploads = list.json();
        assertThat(uploads).hasSize(1);
        JsonNode u = uploads.get(0);
        assertThat(u.get("device").asText()).isEqualTo(d.id());
        assertThat(u.get("name").asText()).isEqualTo("config-backup.json");
        assertThat(u.get("fileType").asText()).isEqualTo("1 Vendor Configuration File");
        assertThat(u.get("size").asLong()).isEqualTo(backup.length);
        assertThat(u.get("created").asText()).isNotEmpty();

        Answer content = nbi(readOnly, "GET", "/uploads/" + u.get("id").asLong(), null, false);
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.body()).isEqualTo(backup);
        assertThat(content.header("Content-Disposition")).contains("config-backup.json");

        HttpPut stranger = new HttpPut(files.uploadUrl("00D09E-Box-NOBODY", "log.txt", "2 Vendor Log File"));
        stranger.setEntity(new ByteArrayEntity(backup, null));
        assertThat(cpe(stranger, "cpe", "cpe-secret").status()).isEqualTo(404);

        // an upload task without url gets the upload target's signed URL: the CPE needs no credentials for it
        Answer task = nbi(operator, "POST", "/devices/" + FileServerTestSupport.path(d.id()) + "/tasks",
                "{\"name\": \"upload\", \"fileType\": \"2 Vendor Log File\"}".getBytes(), false,
                "Content-Type", "application/json");
        assertThat(task.status()).isEqualTo(202);
        String signedUrl = task.json().get("request").get("url").asText();
        assertThat(signedUrl).startsWith(files.uploadUrl(d.id(), "vendor-log-file", "2 Vendor Log File") + "&expires=");
        HttpPut signedPut = new HttpPut(signedUrl);
        signedPut.setEntity(new ByteArrayEntity("log line".getBytes(), null));
        assertThat(cpe(signedPut, null, null).status()).isEqualTo(201);
        HttpPut otherDevice = new HttpPut(signedUrl.replace(FileServerTestSupport.path(d.id()),
                FileServerTestSupport.path(device("UP2").id())));
        otherDevice.setEntity(new ByteArrayEntity("log line".getBytes(), null));
        assertThat(cpe(otherDevice, null, null).status()).as("the signature names the device").isEqualTo(401);
        JsonNode both = nbi(readOnly, "GET", "/devices/" + FileServerTestSupport.path(d.id()) + "/uploads", null, false)
                .json();
        assertThat(both).hasSize(2);
        assertThat(both.get(0).get("name").asText()).isEqualTo("vendor-log-file");
        assertThat(both.get(0).get("fileType").asText()).isEqualTo("2 Vendor Log File");
        assertThat(nbi(operator, "DELETE", "/uploads/" + both.get(0).get("id").asLong(), null, false).status())
                .isEqualTo(204);

        assertThat(nbi(readOnly, "DELETE", "/uploads/" + u.get("id").asLong(), null, false).status()).isEqualTo(403);
        assertThat(nbi(operator, "DELETE", "/uploads/" + u.get("id").asLong(), null, false).status()).isEqualTo(204);
        assertThat(nbi(readOnly, "GET", "/uploads/" + u.get("id").asLong(), null, false).status()).isEqualTo(404);
        assertThat(filesOnDisk()).isZero();
    }

    @Test
    void sizeLimitsAreEnforcedAndNothingIsStored() throws Exception {
        Device d = device("BIG1");
        HttpPut put = new HttpPut(files.uploadUrl(d.id(), "huge.log", "2 Vendor Log File"));
        put.setEntity(new ByteArrayEntity(random(2_000, 3), null));
        assertThat(cpe(put, "cpe", "cpe-secret").status()).isEqualTo(413);
        assertThat(nbi(readOnly, "GET", "/devices/" + FileServerTestSupport.path(d.id()) + "/uploads", null, false).json())
                .isEmpty();

        assertThat(nbi(operator, "PUT", "/files/big.bin", random(2_500_000, 4), false).status()).isEqualTo(413);
        // without Content-Length the limit is found while streaming
        assertThat(nbi(operator, "PUT", "/files/big.bin", random(2_500_000, 4), true).status()).isEqualTo(413);
        assertThat(nbi(readOnly, "GET", "/files", null, false).json()).isEmpty();
        assertThat(filesOnDisk()).isZero();
        // refused callers' files are not read (nor kept in memory for the audit log)
        assertThat(nbi(readOnly, "PUT", "/files/big.bin", random(1_500_000, 4), false).status()).isEqualTo(403);
        assertThat(nbi(readOnly, "PUT", "/files/big.bin", random(1_500_000, 4), true).status()).isEqualTo(403);
        assertThat(nbi("jcwmp_nope", "PUT", "/files/big.bin", random(1_500_000, 4), false).status()).isEqualTo(401);
        // at the limit, chunked, beyond what the NBI reads into memory for JSON bodies (1 MB): stored
        byte[] ok = random(2_000_000, 5);
        assertThat(nbi(operator, "PUT", "/files/ok.bin", ok, true).status()).isEqualTo(201);
        assertThat(cpe(new HttpGet(files.url("ok.bin")), "cpe", "cpe-secret").body()).isEqualTo(ok);
    }

    @Test
    void namesThatAreNotOneSegmentAreRefused() throws Exception {
        byte[] b = random(10, 6);
        for (String name : List.of("..%2Fx", "a%2Fb", "..", ".hidden", "a%5Cb", "x%00y")) {
            assertThat(nbi(operator, "PUT", "/files/" + name, b, false).status()).as(name).isEqualTo(400);
            assertThat(cpe(new HttpGet("http://127.0.0.1:" + files.port() + "/files/" + name), "cpe", "cpe-secret")
                    .status()).as(name).isEqualTo(400);
        }
        assertThat(nbi(operator, "PUT", "/files/", b, false).status()).isEqualTo(400);
        Device d = device("NAME1");
        HttpPut put = new HttpPut("http://127.0.0.1:" + files.port() + "/uploads/" + FileServerTestSupport.path(d.id())
                + "/..%2Fx");
        put.setEntity(new ByteArrayEntity(b, null));
        assertThat(cpe(put, "cpe", "cpe-secret").status()).isEqualTo(400);
        assertThat(nbi(readOnly, "GET", "/files", null, false).json()).isEmpty();
        assertThat(filesOnDisk()).isZero();
    }

    @Test
    void aRequestDownloadIsAnsweredWithTheBestFittingFile() throws Exception {
        nbi(operator, "PUT", "/files/any.bin?fileType=1%20Firmware%20Upgrade%20Image&version=1.5", random(100, 7), false);
        nbi(operator, "PUT", "/files/box.bin?fileType=1%20Firmware%20Upgrade%20Image&oui=00D09E&productClass=Box"
                + "&version=2.0", random(200, 8), false);
        nbi(operator, "PUT", "/files/other.bin?fileType=1%20Firmware%20Upgrade%20Image&oui=ABCDEF&version=3.0",
                random(300, 9), false);
        RequestDownload firmware = new RequestDownload(FIRMWARE, List.of());
        assertThat(files.offers().match(FIRMWARE, "00D09E", "Box", "1.0")).map(StoredFile::name).hasValue("box.bin");
        assertThat(files.offers().match(FIRMWARE, "00D09E", "Box", "2.0")).as("already runs 2.0")
                .map(StoredFile::name).hasValue("any.bin");
        assertThat(files.offers().match(FIRMWARE, "00D09E", "Other", null)).map(StoredFile::name).hasValue("any.bin");
        assertThat(files.offers().match("3 Vendor Configuration File", "00D09E", "Box", null)).isEmpty();
        JsonNode task = files.offers().downloadTask(firmware, "00D09E", "Box", "1.0").orElseThrow();
        assertThat(task.get("name").asText()).isEqualTo("download");
        assertThat(task.get("url").asText()).startsWith(files.url("box.bin") + "?expires=");
        assertThat(task.get("fileSize").asLong()).isEqualTo(200);
        assertThat(task.get("fileType").asText()).isEqualTo(FIRMWARE);
        // what a preset's or campaign's wanted softwareVersion would download
        assertThat(files.offers().firmware("00D09E", "Box", "1.5")).map(StoredFile::name).hasValue("any.bin");
        assertThat(files.offers().firmware("00D09E", "Box", "3.0")).as("other.bin is for another OUI").isEmpty();
        assertThat(files.offers().downloadTask(files.offers().firmware("00D09E", "Box", "2.0").orElseThrow(), "ck")
                .get("commandKey").asText()).isEqualTo("ck");
        // what the session engine calls: the device's OUI, ProductClass and SoftwareVersion (1.0) from the store
        Device d = device("RD1");
        JsonNode forDevice = files.offers().downloadTaskFor(d.id(), firmware).orElseThrow();
        assertThat(forDevice.get("targetFileName").asText()).isEqualTo("box.bin");
        assertThat(files.offers().downloadTaskFor("00D09E-Box-UNKNOWN", firmware)).isEmpty();
        // the task is one the ACS queues as it is
        assertThat(acs.tasks().queue(d.id(), forDevice).name()).isEqualTo("download");
    }

    @Test
    void genieAcsDownloadsOfStoredFilesGetTheirUrlAndEveryFileRouteIsDescribed() throws Exception {
        nbi(operator, "PUT", "/files/fw.bin", random(1234, 10), false, "fileType", FIRMWARE, "version", "3.0");
        Device d = device("G1");
        Answer queued = nbi(operator, "POST", "/devices/" + FileServerTestSupport.path(d.id()) + "/tasks",
                "{\"name\": \"download\", \"file\": \"fw.bin\"}".getBytes(), false, "Content-Type", "application/json");
        assertThat(queued.status()).isEqualTo(202);
        JsonNode request = queued.json().get("request");
        String signedUrl = request.get("url").asText();
        assertThat(signedUrl).startsWith(files.url("fw.bin") + "?expires=");
        assertThat(cpe(new HttpGet(signedUrl), null, null).status()).as("signed: no credentials needed").isEqualTo(200);
        assertThat(cpe(new HttpGet(signedUrl.replace("fw.bin", "fw2.bin")), null, null).status()).isEqualTo(401);
        assertThat(cpe(new HttpGet(signedUrl.substring(0, signedUrl.length() - 2) + "00"), null, null).status())
                .isEqualTo(401);
        assertThat(request.get("fileType").asText()).isEqualTo(FIRMWARE);
        assertThat(request.get("fileSize").asLong()).isEqualTo(1234);
        assertThat(nbi(operator, "POST", "/devices/" + FileServerTestSupport.path(d.id()) + "/tasks",
                "{\"name\": \"download\", \"file\": \"nope.bin\"}".getBytes(), false, "Content-Type", "application/json")
                .status()).isEqualTo(404);

        String doc = new String(nbi(readOnly, "GET", "/openapi.yaml", null, false).body());
        List<org.jcwmp.acs.nbi.RouteTable.Route> routes = acs.operations().routeList();
        for (org.jcwmp.acs.nbi.RouteTable.Route r : routes) {
            if (!r.path().startsWith("/ui")) {
                assertThat(doc).as(r.method() + " " + r.path()).contains("\n  " + r.path() + ":\n");
            }
            if (r.path().startsWith("/files") || r.path().contains("uploads")) {
                assertThat(r.access()).as(r.method() + " " + r.path()).isEqualTo(r.method().equals("GET")
                        ? org.jcwmp.acs.nbi.Access.READ : org.jcwmp.acs.nbi.Access.WRITE);
            }
        }
        assertThat(routes).extracting(r -> r.method() + " " + r.path()).contains("GET /files", "GET /files/",
                "GET /files/{name}", "PUT /files/{name}", "DELETE /files/{name}", "GET /devices/{id}/uploads",
                "GET /uploads/{id}", "DELETE /uploads/{id}");
        // the audit log has the upload's size, not its bytes
        JsonNode audit = nbi(acs.auth().createToken("root", "t", null).secret(), "GET", "/audit", null, false).json();
        assertThat(audit.toString()).contains("fw.bin").contains("\"size\":1234");
    }

    @Test
    void leftoversOfACrashAreRemovedWhenTheServerIsBuilt() throws Exception {
        byte[] kept = random(100, 11);
        assertThat(nbi(operator, "PUT", "/files/kept.bin", kept, false).status()).isEqualTo(201);
        Path content = dir.resolve("files").resolve("content");
        Path orphan = Files.write(content.resolve("ab".repeat(32)), new byte[] {1});
        Path fresh = Files.write(content.resolve("cd".repeat(32)), new byte[] {2});
        Path part = Files.write(dir.resolve("files").resolve("incoming").resolve("in-1.part"), new byte[] {3});
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(Duration.ofHours(2)));
        Files.setLastModifiedTime(orphan, old);
        Files.setLastModifiedTime(part, old);
        Files.setLastModifiedTime(content.resolve(sha256(kept)), old);

        FileServer.builder().dataDirectory(dir).database(testStore.db()).build(); // not started: building cleans
        assertThat(orphan).doesNotExist();
        assertThat(part).doesNotExist();
        assertThat(fresh).as("may be a transfer finishing elsewhere").exists();
        assertThat(cpe(new HttpGet(files.url("kept.bin")), "cpe", "cpe-secret").body()).isEqualTo(kept);
    }

    @Test
    void anonymousDownloadsStillNeedCredentialsToUpload() throws Exception {
        byte[] image = random(300, 12);
        assertThat(nbi(operator, "PUT", "/files/open.bin", image, false).status()).isEqualTo(201);
        Device d = device("ANON1");
        try (FileServer open = FileServer.builder().dataDirectory(dir).database(testStore.db()).bind("127.0.0.1", 0)
                .passwordOf(u -> u.equals("cpe") ? "cpe-secret" : null).anonymousDownloads(true).build().start()) {
            assertThat(cpe(new HttpGet(open.url("open.bin")), null, null).body()).isEqualTo(image);
            assertThat(cpe(new HttpHead(open.url("open.bin")), null, null).status()).isEqualTo(200);
            org.apache.hc.client5.http.classic.methods.HttpPost post =
                    new org.apache.hc.client5.http.classic.methods.HttpPost(open.uploadUrl(d.id(), "log.txt", null));
            post.setEntity(new ByteArrayEntity("a log".getBytes(), null));
            assertThat(cpe(post, null, null).status()).isEqualTo(401);
            assertThat(cpe(post, "cpe", "cpe-secret").status()).as("POST works as PUT").isEqualTo(201);
        }
        JsonNode uploads = nbi(readOnly, "GET", "/devices/" + FileServerTestSupport.path(d.id()) + "/uploads", null, false)
                .json();
        assertThat(uploads).hasSize(1);
        assertThat(uploads.get(0).get("fileType").isNull()).isTrue();
        assertThat(nbi(readOnly, "GET", "/devices/00D09E-Box-NOBODY/uploads", null, false).status()).isEqualTo(404);
    }
}
