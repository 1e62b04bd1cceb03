package org.jcwmp.cpe;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jcwmp.core.rpc.DeviceIdStruct;

/** Builders for agents under test: ephemeral ports on 127.0.0.1, short HTTP timeouts. */
final class AgentTestSupport {
    static final DeviceIdStruct DEVICE_ID = new DeviceIdStruct("jcwmp", "00D09E", "HomeGateway", "SN0001");

    private AgentTestSupport() {
    }

    static CpeAgent.Builder agent(URI acsUrl, Path stateDirectory) {
        return CpeAgent.builder()
                .acsUrl(acsUrl)
                .acsCredentials("cpe", "s3cret")
                .stateDirectory(stateDirectory)
                .deviceId(DEVICE_ID)
                .softwareVersion("2.0.1")
                .hardwareVersion("HW-A")
                .connectionRequestCredentials("cruser", "crpass")
                .connectionRequestAddress("127.0.0.1", 0)
                .httpTimeout(Duration.ofSeconds(10));
    }
}
