package org.jcwmp.sim;

import java.net.URI;

/**
 * What every simulated CPE of a fleet shares: the template, the identity pattern, the ACS and the connection-request
 * listener's base URL. A device's own identity values are computed from its number, never stored.
 */
final class SimContext {

    /** Asks the fleet to run a session for a device after a delay (ScheduleInform), or after a transfer. */
    interface Scheduler {
        void scheduleInform(SimulatedCpe cpe, long delaySeconds, int events);

        /** Finishes the device's accepted Download of fileName after the fleet's transfer time. */
        default void transfer(SimulatedCpe cpe, String fileName) {
        }
    }

    private final DataModelTemplate template;
    private final String manufacturer;
    private final String oui;
    private final String productClass;
    private final String serialPrefix;
    private final URI acsUrl;
    private final String acsUsername;
    private final String acsPassword;
    private final String crUsername;
    private final String crPassword;
    private volatile String crBaseUrl = "";
    private volatile Scheduler scheduler = (cpe, delay, events) -> { };
    private final long startNanos = System.nanoTime();

    private final int serialIdx, productClassIdx, ouiIdx, manufacturerIdx, crUrlIdx, urlIdx, usernameIdx, passwordIdx,
            crUsernameIdx, crPasswordIdx, upTimeIdx;

    SimContext(DataModelTemplate template, String manufacturer, String oui, String productClass, String serialPrefix,
               URI acsUrl, String acsUsername, String acsPassword, String crUsername, String crPassword) {
        this.template = template;
        this.manufacturer = manufacturer;
        this.oui = oui;
        this.productClass = productClass;
        this.serialPrefix = serialPrefix;
        this.acsUrl = acsUrl;
        this.acsUsername = acsUsername;
        this.acsPassword = acsPassword;
        this.crUsername = crUsername;
        this.crPassword = crPassword;
        String r = template.root();
        serialIdx = template.index(r + "DeviceInfo.SerialNumber");
        productClassIdx = template.index(r + "DeviceInfo.ProductClass");
        ouiIdx = template.index(r + "DeviceInfo.ManufacturerOUI");
        manufacturerIdx = template.index(r + "DeviceInfo.Manufacturer");
        upTimeIdx = template.index(r + "DeviceInfo.UpTime");
        crUrlIdx = template.index(r + "ManagementServer.ConnectionRequestURL");
        urlIdx = template.index(r + "ManagementServer.URL");
        usernameIdx = template.index(r + "ManagementServer.Username");
        passwordIdx = template.index(r + "ManagementServer.Password");
        crUsernameIdx = template.index(r + "ManagementServer.ConnectionRequestUsername");
        crPasswordIdx = template.index(r + "ManagementServer.ConnectionRequestPassword");
    }

    DataModelTemplate template() {
        return template;
    }

    String manufacturer() {
        return manufacturer;
    }

    String oui() {
        return oui;
    }

    String productClass() {
        return productClass;
    }

    URI acsUrl() {
        return acsUrl;
    }

    String serialOf(int number) {
        String n = Integer.toString(number);
        return n.length() >= 6 ? serialPrefix + n : serialPrefix + "000000".substring(n.length()) + n;
    }

    /** The number in a serial made by {@link #serialOf}, or -1. */
    int numberOf(String serial) {
        if (serial == null || !serial.startsWith(serialPrefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(serial.substring(serialPrefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    void connectionRequestBase(String baseUrl) {
        this.crBaseUrl = baseUrl;
    }

    void scheduler(Scheduler s) {
        this.scheduler = s;
    }

    void scheduleInform(SimulatedCpe cpe, long delaySeconds, int events) {
        scheduler.scheduleInform(cpe, delaySeconds, events);
    }

    void transfer(SimulatedCpe cpe, String fileName) {
        scheduler.transfer(cpe, fileName);
    }

    String connectionRequestUrl(int number) {
        return crBaseUrl.isEmpty() ? "" : crBaseUrl + serialOf(number);
    }

    /** "{serial}" and "{id}" in a credential become the device's serial and id. */
    String credential(String pattern, SimulatedCpe cpe) {
        if (pattern == null || pattern.indexOf('{') < 0) {
            return pattern;
        }
        return pattern.replace("{serial}", cpe.serialNumber()).replace("{id}", cpe.deviceId());
    }

    String acsUsername(SimulatedCpe cpe) {
        return credential(acsUsername, cpe);
    }

    String acsPassword(SimulatedCpe cpe) {
        return credential(acsPassword, cpe);
    }

    String crUsername(SimulatedCpe cpe) {
        return credential(crUsername, cpe);
    }

    String crPassword(SimulatedCpe cpe) {
        return credential(crPassword, cpe);
    }

    /** A value that follows from the device's identity or the fleet's settings, or null for the template's. */
    String identityValue(SimulatedCpe cpe, int index) {
        if (index == serialIdx) return cpe.serialNumber();
        if (index == productClassIdx) return productClass;
        if (index == ouiIdx) return oui;
        if (index == manufacturerIdx) return manufacturer;
        if (index == crUrlIdx) return cpe.connectionRequestUrl();
        if (index == urlIdx) return acsUrl.toString();
        if (index == usernameIdx) return acsUsername(cpe);
        if (index == passwordIdx || index == crPasswordIdx) return ""; // write-only: read back empty
        if (index == crUsernameIdx) return crUsername(cpe);
        if (index == upTimeIdx) return Long.toString((System.nanoTime() - startNanos) / 1_000_000_000L);
        return null;
    }

    String identityOrDefault(SimulatedCpe cpe, int index) {
        String v = identityValue(cpe, index);
        return v != null ? v : template.defaultValue(index);
    }
}
