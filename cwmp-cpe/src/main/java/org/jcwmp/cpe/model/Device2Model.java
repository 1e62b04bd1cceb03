package org.jcwmp.cpe.model;

/**
 * Names of Device:2 parameters the agent and its tests use often. The model itself comes from a
 * {@link DeviceProfile}; {@link AgentParameters} names the same parameters under either root.
 */
public final class Device2Model {
    public static final String ROOT_DATA_MODEL_VERSION = "Device.RootDataModelVersion";
    public static final String MANUFACTURER = "Device.DeviceInfo.Manufacturer";
    public static final String MANUFACTURER_OUI = "Device.DeviceInfo.ManufacturerOUI";
    public static final String PRODUCT_CLASS = "Device.DeviceInfo.ProductClass";
    public static final String SERIAL_NUMBER = "Device.DeviceInfo.SerialNumber";
    public static final String HARDWARE_VERSION = "Device.DeviceInfo.HardwareVersion";
    public static final String SOFTWARE_VERSION = "Device.DeviceInfo.SoftwareVersion";
    public static final String UP_TIME = "Device.DeviceInfo.UpTime";
    public static final String PROVISIONING_CODE = "Device.DeviceInfo.ProvisioningCode";

    private static final String MS = "Device.ManagementServer.";
    public static final String URL = MS + "URL";
    public static final String USERNAME = MS + "Username";
    public static final String PASSWORD = MS + "Password";
    public static final String PERIODIC_INFORM_ENABLE = MS + "PeriodicInformEnable";
    public static final String PERIODIC_INFORM_INTERVAL = MS + "PeriodicInformInterval";
    public static final String PERIODIC_INFORM_TIME = MS + "PeriodicInformTime";
    public static final String PARAMETER_KEY = MS + "ParameterKey";
    public static final String CONNECTION_REQUEST_URL = MS + "ConnectionRequestURL";
    public static final String CONNECTION_REQUEST_USERNAME = MS + "ConnectionRequestUsername";
    public static final String CONNECTION_REQUEST_PASSWORD = MS + "ConnectionRequestPassword";
    public static final String CWMP_RETRY_MINIMUM_WAIT_INTERVAL = MS + "CWMPRetryMinimumWaitInterval";
    public static final String CWMP_RETRY_INTERVAL_MULTIPLIER = MS + "CWMPRetryIntervalMultiplier";

    /** The data model version the home-gateway profile reports. */
    public static final String VERSION = "2.17";

    private Device2Model() {
    }
}
