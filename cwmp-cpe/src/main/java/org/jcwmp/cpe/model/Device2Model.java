package org.jcwmp.cpe.model;

import static org.jcwmp.cpe.model.ParameterDefinition.readOnly;
import static org.jcwmp.cpe.model.ParameterDefinition.writable;
import static org.jcwmp.cpe.model.ParameterType.BOOLEAN;
import static org.jcwmp.cpe.model.ParameterType.DATE_TIME;
import static org.jcwmp.cpe.model.ParameterType.STRING;
import static org.jcwmp.cpe.model.ParameterType.UNSIGNED_INT;

import java.util.function.LongSupplier;
import org.jcwmp.core.rpc.CwmpDateTime;

/**
 * The part of the TR-181 Device:2 data model the agent needs to be managed at all: DeviceInfo and ManagementServer.
 * Access and facets follow tr-181-2-17-0-cwmp-full.xml. A later issue replaces this with the schema-driven model.
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

    /** The data model version this model reports. */
    public static final String VERSION = "2.17";

    private Device2Model() {
    }

    /**
     * A model with TR-181's defaults (periodic inform off, interval one day, retry 5 s x 2.0) and empty device facts.
     *
     * @param upTimeSeconds seconds since the device booted, read for every UpTime request
     */
    public static DataModel create(LongSupplier upTimeSeconds) {
        DataModel m = new DataModel(PARAMETER_KEY);
        m.define(readOnly(ROOT_DATA_MODEL_VERSION, STRING).withForcedInform().withMaxLength(32), VERSION);

        m.define(readOnly(MANUFACTURER, STRING).withMaxLength(64), "");
        m.define(readOnly(MANUFACTURER_OUI, STRING).withMaxLength(6), "");
        m.define(readOnly(PRODUCT_CLASS, STRING).withMaxLength(64), "");
        m.define(readOnly(SERIAL_NUMBER, STRING).withMaxLength(64), "");
        m.define(readOnly(HARDWARE_VERSION, STRING).withForcedInform().withMaxLength(64), "");
        m.define(readOnly(SOFTWARE_VERSION, STRING).withForcedInform().withMaxLength(64), "");
        m.define(readOnly(UP_TIME, UNSIGNED_INT), "0");
        m.bind(UP_TIME, () -> Long.toString(Math.min(upTimeSeconds.getAsLong(), 0xFFFF_FFFFL)));
        m.define(writable(PROVISIONING_CODE, STRING).withForcedInform().withMaxLength(64), "");

        m.define(writable(URL, STRING).withMaxLength(256), "");
        m.define(writable(USERNAME, STRING).withMaxLength(256), "");
        m.define(writable(PASSWORD, STRING).withHidden().withMaxLength(256), "");
        m.define(writable(PERIODIC_INFORM_ENABLE, BOOLEAN), "false");
        m.define(writable(PERIODIC_INFORM_INTERVAL, UNSIGNED_INT).withRange(1, 0xFFFF_FFFFL), "86400");
        m.define(writable(PERIODIC_INFORM_TIME, DATE_TIME), CwmpDateTime.UNKNOWN);
        m.define(readOnly(PARAMETER_KEY, STRING).withForcedInform().withMaxLength(32), "");
        m.define(readOnly(CONNECTION_REQUEST_URL, STRING).withForcedInform().withMaxLength(256), "");
        m.define(writable(CONNECTION_REQUEST_USERNAME, STRING).withMaxLength(256), "");
        m.define(writable(CONNECTION_REQUEST_PASSWORD, STRING).withHidden().withMaxLength(256), "");
        m.define(writable(CWMP_RETRY_MINIMUM_WAIT_INTERVAL, UNSIGNED_INT).withRange(1, 65535), "5");
        m.define(writable(CWMP_RETRY_INTERVAL_MULTIPLIER, UNSIGNED_INT).withRange(1000, 65535), "2000");
        return m;
    }
}
