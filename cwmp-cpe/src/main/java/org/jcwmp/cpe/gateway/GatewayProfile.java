package org.jcwmp.cpe.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.jcwmp.cpe.model.DeviceProfile;

/**
 * The IoT gateway's device profile: the home gateway's, plus the proxied-device objects this package fills,
 * Device.ManagementServer.EmbeddedDevice.{i}. with the vendor extension X_JCWMP_Item. and its Reading.{i}. table.
 * Derived from the shipped home-gateway profile, so the two never drift apart.
 */
public final class GatewayProfile {
    public static final String NAME = "iot-gateway";
    public static final String EMBEDDED_DEVICE = "Device.ManagementServer.EmbeddedDevice.{i}.";
    public static final String ITEM = EMBEDDED_DEVICE + "X_JCWMP_Item.";
    public static final String READING = ITEM + "Reading.{i}.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayProfile() {
    }

    /** The profile, checked against the schema (with its vendor extensions). */
    public static DeviceProfile load() {
        try (InputStream in = DeviceProfile.class.getResourceAsStream("/profiles/" + DeviceProfile.HOME_GATEWAY + ".json")) {
            if (in == null) {
                throw new IllegalStateException("home-gateway profile missing");
            }
            ObjectNode doc = (ObjectNode) JSON.readTree(in);
            doc.put("profile", NAME);
            doc.put("description", "An IoT gateway on TR-181 Device:2: the home gateway plus the smart devices behind it"
                    + " (meters, sensors) as ManagementServer.EmbeddedDevice entries with X_JCWMP_Item readings.");
            ObjectNode objects = (ObjectNode) doc.get("objects");
            ((ObjectNode) objects.get("Device.DeviceInfo.")).put("ModelName", "jcwmp IoT Gateway");
            ((ObjectNode) objects.get("Device.ManagementServer.")).putNull("EmbeddedDeviceNumberOfEntries");
            nulls(objects.putObject(EMBEDDED_DEVICE), List.of("ControllerID", "ProxiedDeviceID", "Reference",
                    "SupportedDataModel", "Host", "LastSyncTime"));
            nulls(objects.putObject(ITEM), List.of("Vendor", "Type", "Enable", "Location", "ReadingInterval",
                    "ReadingNumberOfEntries"));
            nulls(objects.putObject(READING), List.of("Name", "Value", "Unit", "LastChange"));
            return DeviceProfile.read(new ByteArrayInputStream(JSON.writeValueAsBytes(doc)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the " + NAME + " profile", e);
        }
    }

    private static void nulls(ObjectNode object, List<String> parameters) {
        parameters.forEach(object::putNull);
    }
}
