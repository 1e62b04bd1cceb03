package org.jcwmp.cpe.model;

import java.util.List;

/**
 * The parameters the agent itself reads and writes, named under a model's root: the same relative names exist in
 * Device:2 and InternetGatewayDevice:1.
 *
 * @param root "Device." or "InternetGatewayDevice."
 */
public record AgentParameters(String root) {

    public String manufacturer() {
        return root + "DeviceInfo.Manufacturer";
    }

    public String manufacturerOui() {
        return root + "DeviceInfo.ManufacturerOUI";
    }

    public String productClass() {
        return root + "DeviceInfo.ProductClass";
    }

    public String serialNumber() {
        return root + "DeviceInfo.SerialNumber";
    }

    public String hardwareVersion() {
        return root + "DeviceInfo.HardwareVersion";
    }

    public String softwareVersion() {
        return root + "DeviceInfo.SoftwareVersion";
    }

    public String upTime() {
        return root + "DeviceInfo.UpTime";
    }

    public String url() {
        return root + "ManagementServer.URL";
    }

    public String username() {
        return root + "ManagementServer.Username";
    }

    public String password() {
        return root + "ManagementServer.Password";
    }

    public String periodicInformEnable() {
        return root + "ManagementServer.PeriodicInformEnable";
    }

    public String periodicInformInterval() {
        return root + "ManagementServer.PeriodicInformInterval";
    }

    public String periodicInformTime() {
        return root + "ManagementServer.PeriodicInformTime";
    }

    public String parameterKey() {
        return root + "ManagementServer.ParameterKey";
    }

    public String connectionRequestUrl() {
        return root + "ManagementServer.ConnectionRequestURL";
    }

    public String connectionRequestUsername() {
        return root + "ManagementServer.ConnectionRequestUsername";
    }

    public String connectionRequestPassword() {
        return root + "ManagementServer.ConnectionRequestPassword";
    }

    public String cwmpRetryMinimumWaitInterval() {
        return root + "ManagementServer.CWMPRetryMinimumWaitInterval";
    }

    public String cwmpRetryIntervalMultiplier() {
        return root + "ManagementServer.CWMPRetryIntervalMultiplier";
    }

    public String currentLocalTime() {
        return root + "Time.CurrentLocalTime";
    }

    /** What a profile must have for the agent to be managed at all. */
    public List<String> required() {
        return List.of(manufacturer(), manufacturerOui(), productClass(), serialNumber(), hardwareVersion(),
                softwareVersion(), url(), username(), password(), parameterKey(), connectionRequestUrl(),
                connectionRequestUsername(), connectionRequestPassword());
    }
}
