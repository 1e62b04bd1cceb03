package org.jcwmp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.acs.files.FileMetadata;
import org.jcwmp.acs.task.Task;
import org.jcwmp.acs.task.TaskStatus;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.cpe.CpeAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A preset's wanted softwareVersion (issue 6): the ACS downloads the fitting firmware image from its file server to a
 * device that runs another version, once; the device installs it, reboots and informs the new version, and later
 * sessions get no Download.
 */
class PresetFirmwareTest {
    private static final String ID = "00D09E-HomeGateway-PF0001";
    private static final String VERSION = "Device.DeviceInfo.SoftwareVersion";

    @TempDir
    Path dir;
    private AcsServer acs;
    private CpeAgent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
        acs.stop();
    }

    @Test
    void aPresetBringsTheFirmwareVersionItWantsOnce() throws Exception {
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).fileServer("127.0.0.1", 0)
                .dataDirectory(dir.resolve("acs")).cpeCredentials("cpe", "pw").connectionRequestCredentials("acs", "crpw")
                .passwordHashIterations(1000).build().start();
        byte[] image = new byte[30_000];
        acs.fileServer().orElseThrow().repository().putFile("router-2.0.bin",
                new FileMetadata("1 Firmware Upgrade Image", "00D09E", "HomeGateway", "2.0"),
                new ByteArrayInputStream(image), image.length);
        acs.fileServer().orElseThrow().repository().putFile("other-3.0.bin",
                new FileMetadata("1 Firmware Upgrade Image", "00D09E", "SetTopBox", "2.0"),
                new ByteArrayInputStream(image), image.length);
        Nbi nbi = Nbi.asAdmin(acs);
        assertThat(nbi.put("presets/firmware", "{\"softwareVersion\": \"2.0\"}").status()).isEqualTo(200);

        agent = CpeAgent.builder().acsUrl(URI.create(acs.cwmpUrl())).acsCredentials("cpe", "pw")
                .stateDirectory(dir.resolve("cpe")).deviceId(new DeviceIdStruct("jcwmp", "00D09E", "HomeGateway", "PF0001"))
                .connectionRequestCredentials("acs", "crpw").connectionRequestAddress("127.0.0.1", 0)
                .softwareVersion("1.0").periodicInformInterval(Duration.ofHours(1)).httpTimeout(Duration.ofSeconds(5))
                .build();
        agent.start();

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(acs.devices().parameters(ID, VERSION)
                .getFirst().value()).isEqualTo("2.0"));
        await().atMost(Duration.ofSeconds(20)).until(() -> downloads().stream().allMatch(t -> t.status().finished()));
        List<Task> downloads = downloads();
        assertThat(downloads).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo(TaskStatus.DONE);
            assertThat(t.request()).contains("router-2.0.bin").contains("\"firmware\"");
        });

        agent.requestSession();
        agent.requestSession();
        Thread.sleep(2000); // two more sessions: the device is on 2.0, so nothing is sent
        assertThat(downloads()).hasSize(1);
        assertThat(agent.parameterValue(VERSION)).isEqualTo("2.0");
    }

    private List<Task> downloads() {
        return acs.tasks().forDevice(ID).stream().filter(t -> t.name().equals("download")).toList();
    }
}
