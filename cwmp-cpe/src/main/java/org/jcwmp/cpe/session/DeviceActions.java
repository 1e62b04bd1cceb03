package org.jcwmp.cpe.session;

/** What the ACS's methods ask of the device beyond its data model. */
public interface DeviceActions {

    /** Reboot once the current session is over; the next Inform carries M Reboot (with the key) and 1 BOOT. */
    void reboot(String commandKey);

    /** Back to factory defaults once the current session is over; the next Inform carries 0 BOOTSTRAP and 1 BOOT. */
    void factoryReset();

    /** An Inform with 3 SCHEDULED and M ScheduleInform (with the key) in {@code delaySeconds}. */
    void scheduleInform(long delaySeconds, String commandKey);
}
