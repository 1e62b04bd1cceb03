package org.jcwmp.cpe.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.junit.jupiter.api.Test;

/** Command parameters (schema command="true"): not stored, their handler checks and runs them. */
class DataModelCommandTest {
    private static final String REQUESTED = "Device.SoftwareModules.ExecutionUnit.{i}.RequestedState";

    @Test
    void aCommandIsCheckedWithTheOtherValuesAndRunsAfterThemWithoutBeingStored() throws Exception {
        DataModel model = new DataModel(DeviceProfile.load(DeviceProfile.HOME_GATEWAY));
        String eu = model.addInstance("Device.SoftwareModules.ExecutionUnit.", Map.of("Name", "a"), ChangeOrigin.AGENT);
        List<String> ran = new CopyOnWriteArrayList<>();
        model.onCommand(REQUESTED, new DataModel.CommandHandler() {
            @Override
            public Optional<String> check(String path, String value) {
                return value.equals("Active") && model.value(eu + "Name").equals("locked")
                        ? Optional.of("locked") : Optional.empty();
            }

            @Override
            public void run(String path, String value) {
                ran.add(path + "=" + value + " code=" + model.value("Device.DeviceInfo.ProvisioningCode"));
            }
        });

        model.setParameterValues(List.of(new ParameterValueStruct(eu + "RequestedState", "Active", "xsd:string"),
                new ParameterValueStruct("Device.DeviceInfo.ProvisioningCode", "P1", "xsd:string")), "k1");
        assertThat(ran).containsExactly(eu + "RequestedState=Active code=P1"); // after the other values
        assertThat(model.value(eu + "RequestedState")).isEqualTo("Idle"); // reads back as before

        model.setValue(eu + "Name", "locked", ChangeOrigin.AGENT);
        assertThatThrownBy(() -> model.setParameterValues(List.of(
                new ParameterValueStruct(eu + "RequestedState", "Active", "xsd:string"),
                new ParameterValueStruct("Device.DeviceInfo.ProvisioningCode", "P2", "xsd:string")), "k2"))
                .isInstanceOfSatisfying(CpeFaultException.class, e -> {
                    assertThat(e.fault().faultCode()).isEqualTo(9003);
                    assertThat(e.fault().setParameterValuesFaults()).singleElement().satisfies(f -> {
                        assertThat(f.parameterName()).isEqualTo(eu + "RequestedState");
                        assertThat(f.faultCode()).isEqualTo(9007);
                    });
                });
        assertThat(ran).hasSize(1);
        assertThat(model.value("Device.DeviceInfo.ProvisioningCode")).isEqualTo("P1"); // all or nothing
    }
}
