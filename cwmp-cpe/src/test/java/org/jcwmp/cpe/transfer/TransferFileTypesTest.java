package org.jcwmp.cpe.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jcwmp.cpe.transfer.TransferTestSupport.fault;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.jcwmp.core.rpc.Download;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.TransferComplete;
import org.jcwmp.cpe.model.ModelState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each Download FileType fetched from a real HTTP server and used: firmware, web content, configuration file. */
class TransferFileTypesTest {
    @TempDir
    Path dir;
    private TestFileServer server;
    private TransferTestSupport device;
    private Transfers transfers;

    @BeforeEach
    void start() throws Exception {
        server = new TestFileServer();
        device = new TransferTestSupport(dir);
        transfers = device.started();
    }

    @AfterEach
    void stop() {
        transfers.stop();
        server.close();
    }

    private static Download download(String key, String fileType, String url) {
        return new Download(key, fileType, url, "", "", 0, "", 0, "", "");
    }

    private TransferComplete awaitComplete(int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> transfers.pendingRequests().size() >= n);
        return (TransferComplete) transfers.pendingRequests().get(n - 1);
    }

    @Test
    void aFirmwareImageIsInstalledAndTheDeviceReboots() throws Exception {
        server.files.put("/fw-3.1.bin", "image".getBytes());
        transfers.accept(download("fw", Transfers.FIRMWARE, server.url("/fw-3.1.bin")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !device.installed.isEmpty());
        assertThat(device.installed.get(0)).containsExactly(new EventStruct(EventCode.TRANSFER_COMPLETE, ""),
                new EventStruct(EventCode.M_DOWNLOAD, "fw"));
        assertThat(transfers.installedSoftwareVersion()).contains("3.1");
        assertThat(fault(transfers.pendingRequests().get(0)).faultCode()).isZero();
    }

    @Test
    void webContentIsStoredUnderTheStateDirectoryAndReplacesThePreviousContent() throws Exception {
        server.files.put("/site-1.html", "<h1>one</h1>".getBytes());
        server.files.put("/site-2.html", "<h1>two</h1>".getBytes());
        transfers.accept(download("w1", Transfers.WEB_CONTENT, server.url("/site-1.html")));
        assertThat(awaitComplete(1).faultStruct().faultCode()).isZero();
        Path web = dir.resolve(Transfers.WEB_CONTENT_DIRECTORY);
        assertThat(web.resolve("site-1.html")).hasContent("<h1>one</h1>");

        transfers.accept(download("w2", Transfers.WEB_CONTENT, server.url("/site-2.html")));
        assertThat(awaitComplete(2).faultStruct().faultCode()).isZero();
        try (Stream<Path> files = Files.list(web)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("site-2.html");
        }
        assertThat(web.resolve("site-2.html")).hasContent("<h1>two</h1>");
        assertThat(device.completed).contains(List.of(new EventStruct(EventCode.TRANSFER_COMPLETE, ""),
                new EventStruct(EventCode.M_DOWNLOAD, "w2")));
        assertThat(device.installed).isEmpty();
    }

    @Test
    void aVendorConfigurationFileSetsParametersAndCreatesAndDeletesObjects() throws Exception {
        assertThat(device.model.contains("Device.IP.Interface.2.")).isTrue();
        server.files.put("/cfg.json", """
                {"deleteObjects": ["Device.IP.Interface.2."],
                 "addObjects": ["Device.IP.Interface.7."],
                 "parameters": {"Device.ManagementServer.PeriodicInformInterval": 600,
                                "Device.IP.Interface.7.Enable": true}}
                """.getBytes(StandardCharsets.UTF_8));
        transfers.accept(download("cfg", Transfers.VENDOR_CONFIGURATION, server.url("/cfg.json")));
        assertThat(awaitComplete(1).faultStruct().faultCode()).isZero();
        assertThat(device.model.value("Device.ManagementServer.PeriodicInformInterval")).isEqualTo("600");
        assertThat(device.model.contains("Device.IP.Interface.2.")).isFalse();
        assertThat(device.model.value("Device.IP.Interface.7.Enable")).isEqualTo("true");
    }

    @Test
    void aBadConfigurationFileChangesNothingAndFailsWith9018NamingTheProblem() throws Exception {
        String[][] cases = {
                {"not json {", "not JSON"},
                {"{\"parameters\": {\"Device.ManagementServer.PeriodicInformInterval\": \"600\","
                        + " \"Device.NoSuch.Thing\": \"1\"}}", "Device.NoSuch.Thing"},
                {"{\"parameters\": {\"Device.ManagementServer.PeriodicInformInterval\": \"often\"}}",
                        "PeriodicInformInterval"},
                {"{\"parameters\": {\"Device.ManagementServer.PeriodicInformInterval\": {\"a\": 1}}}",
                        "PeriodicInformInterval"},
                {"{\"addObjects\": [\"Device.IP.Interface.9.\"],"
                        + " \"parameters\": {\"Device.DeviceInfo.SerialNumber\": \"X\"}}", "Device.DeviceInfo.SerialNumber"},
                {"{\"deleteObjects\": [\"Device.IP.Interface.1.\"], \"settings\": {}}", "settings"},
        };
        ModelState before = device.model.snapshot();
        for (int i = 0; i < cases.length; i++) {
            server.files.put("/bad" + i + ".json", cases[i][0].getBytes(StandardCharsets.UTF_8));
            transfers.accept(download("bad" + i, Transfers.VENDOR_CONFIGURATION, server.url("/bad" + i + ".json")));
            TransferComplete tc = awaitComplete(i + 1);
            assertThat(tc.commandKey()).isEqualTo("bad" + i);
            assertThat(tc.faultStruct().faultCode()).as(cases[i][0]).isEqualTo(9018);
            assertThat(tc.faultStruct().faultString()).as(cases[i][0]).contains(cases[i][1]);
            assertThat(device.model.snapshot()).as(cases[i][0]).isEqualTo(before);
        }
    }

    @Test
    void anUploadedConfigurationDownloadsBackToTheSameModel() throws Exception {
        device.model.applyConfiguration(new org.jcwmp.cpe.model.ConfigurationChange(List.of(),
                List.of("Device.IP.Interface.5."), java.util.Map.of("Device.ManagementServer.PeriodicInformInterval", "77")));
        ModelState backup = device.model.snapshot();
        server.files.put("/backup.json", JsonConfigurationFile.write(device.model));
        device.model.applyConfiguration(new org.jcwmp.cpe.model.ConfigurationChange(List.of("Device.IP.Interface.5."),
                List.of(), java.util.Map.of("Device.ManagementServer.PeriodicInformInterval", "900")));
        assertThat(device.model.snapshot()).isNotEqualTo(backup);

        transfers.accept(download("restore", Transfers.VENDOR_CONFIGURATION, server.url("/backup.json")));
        assertThat(awaitComplete(1).faultStruct().faultCode()).isZero();
        assertThat(device.model.snapshot()).isEqualTo(backup);
    }
}
