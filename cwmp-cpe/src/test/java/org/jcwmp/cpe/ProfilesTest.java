package org.jcwmp.cpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jcwmp.cpe.AgentTestSupport.agent;

import java.nio.file.Path;
import java.util.List;
import org.jcwmp.core.rpc.GetParameterNames;
import org.jcwmp.core.rpc.GetParameterNamesResponse;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.ParameterInfoStruct;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.SetParameterValues;
import org.jcwmp.core.rpc.SetParameterValuesResponse;
import org.jcwmp.cpe.model.DeviceProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Both shipped profiles boot, inform and answer a full GetParameterNames of their root. */
class ProfilesTest {
    @TempDir
    Path state;
    private final FakeAcs acs = new FakeAcs().user("cpe", "s3cret");
    private final RecordingListener events = new RecordingListener();
    private CpeAgent agent;

    ProfilesTest() throws Exception {
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
        acs.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {DeviceProfile.HOME_GATEWAY, DeviceProfile.LEGACY_GATEWAY})
    void bootsInformsAndAnswersAFullGetParameterNames(String profile) {
        String root = DeviceProfile.load(profile).rootObject();
        acs.then(new GetParameterNames(root, false))
                .then(new SetParameterValues(List.of(new ParameterValueStruct(root + "ManagementServer.PeriodicInformInterval", "120", "xsd:unsignedInt")), "k"));
        agent = agent(acs.url(), state).profile(profile).build();
        agent.addListener(events);
        agent.start();
        events.awaitOkSessions(1);

        Inform inform = acs.informs.getFirst();
        assertThat(inform.deviceId()).isEqualTo(AgentTestSupport.DEVICE_ID);
        assertThat(inform.parameterList()).extracting(ParameterValueStruct::name)
                .contains(root + "DeviceInfo.SoftwareVersion", root + "DeviceInfo.HardwareVersion",
                        root + "ManagementServer.ConnectionRequestURL", root + "ManagementServer.ParameterKey")
                .allMatch(n -> n.startsWith(root));
        List<ParameterInfoStruct> names = ((GetParameterNamesResponse) acs.responsesTo(GetParameterNamesResponse.class)
                .getFirst().envelope().body()).parameterList();
        assertThat(names.getFirst()).isEqualTo(new ParameterInfoStruct(root, false));
        assertThat(names).hasSizeGreaterThan(150).allMatch(i -> i.name().startsWith(root))
                .contains(new ParameterInfoStruct(root + "ManagementServer.URL", true));
        assertThat(acs.responsesTo(SetParameterValuesResponse.class)).hasSize(1);
        assertThat(agent.parameterValue(root + "ManagementServer.PeriodicInformInterval")).isEqualTo("120");
    }

    @Test
    void theLegacyGatewayInformsItsWanAddress() {
        agent = agent(acs.url(), state).profile(DeviceProfile.LEGACY_GATEWAY).build();
        agent.addListener(events);
        agent.start();
        events.awaitOkSessions(1);
        assertThat(acs.informs.getFirst().parameterList()).contains(
                new ParameterValueStruct("InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress",
                        "203.0.113.20", "xsd:string"));
    }

    @Test
    void aStateDirectoryBelongsToOneProfile() {
        agent = agent(acs.url(), state).build();
        agent.start();
        agent.stop();
        assertThatThrownBy(() -> agent(acs.url(), state).profile(DeviceProfile.LEGACY_GATEWAY).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("belongs to profile home-gateway");
    }
}
