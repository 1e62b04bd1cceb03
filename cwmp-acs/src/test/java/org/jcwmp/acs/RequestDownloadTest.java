package org.jcwmp.acs;

import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.Download;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.RequestDownload;
import org.jcwmp.core.rpc.RequestDownloadResponse;
import org.jcwmp.core.soap.Envelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A CPE that asks for a file gets a Download of the newest matching one in the same session. */
class RequestDownloadTest {
    @TempDir
    Path dir;

    @Test
    void requestDownloadGetsADownloadInTheSameSession() throws Exception {
        try (AcsServer acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).fileServer("127.0.0.1", 0)
                .dataDirectory(dir).cpeCredentials("cpe", "pw").passwordHashIterations(1000).build().start();
             ScriptedCpe cpe = new ScriptedCpe(acs, "cpe", "pw")) {
            acs.fileServer().orElseThrow().repository().putFile("fw.bin",
                    new org.jcwmp.acs.files.FileMetadata("1 Firmware Upgrade Image", "00D09E", "Box", "2.0"),
                    new ByteArrayInputStream(new byte[123]), 123);
            cpe.post(new Inform(new DeviceIdStruct("jcwmp", "00D09E", "Box", "S1"),
                    List.of(new EventStruct("9 REQUEST DOWNLOAD", "")), 1, "2026-11-21T10:00:00Z", 0,
                    List.of(new ParameterValueStruct("Device.DeviceInfo.SoftwareVersion", "1.0", "xsd:string"))));
            Envelope answer = cpe.post(new RequestDownload("1 Firmware Upgrade Image", List.of()));
            assertThat(answer.body()).isEqualTo(new RequestDownloadResponse());
            Envelope download = cpe.postEmpty();
            assertThat(download.body()).isInstanceOfSatisfying(Download.class, d -> {
                assertThat(d.url()).startsWith(acs.fileServer().orElseThrow().url("fw.bin") + "?expires=");
                assertThat(d.fileSize()).isEqualTo(123);
                assertThat(d.fileType()).isEqualTo("1 Firmware Upgrade Image");
            });
        }
    }
}
