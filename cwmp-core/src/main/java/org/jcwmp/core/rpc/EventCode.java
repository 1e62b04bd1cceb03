package org.jcwmp.core.rpc;

/** The Inform event codes of TR-069 (single events and the "M" method events). */
public final class EventCode {
    public static final String BOOTSTRAP = "0 BOOTSTRAP";
    public static final String BOOT = "1 BOOT";
    public static final String PERIODIC = "2 PERIODIC";
    public static final String SCHEDULED = "3 SCHEDULED";
    public static final String VALUE_CHANGE = "4 VALUE CHANGE";
    public static final String KICKED = "5 KICKED";
    public static final String CONNECTION_REQUEST = "6 CONNECTION REQUEST";
    public static final String TRANSFER_COMPLETE = "7 TRANSFER COMPLETE";
    public static final String DIAGNOSTICS_COMPLETE = "8 DIAGNOSTICS COMPLETE";
    public static final String REQUEST_DOWNLOAD = "9 REQUEST DOWNLOAD";
    public static final String AUTONOMOUS_TRANSFER_COMPLETE = "10 AUTONOMOUS TRANSFER COMPLETE";
    public static final String DU_STATE_CHANGE_COMPLETE = "11 DU STATE CHANGE COMPLETE";
    public static final String AUTONOMOUS_DU_STATE_CHANGE_COMPLETE = "12 AUTONOMOUS DU STATE CHANGE COMPLETE";
    public static final String WAKEUP = "13 WAKEUP";
    public static final String HEARTBEAT = "14 HEARTBEAT";
    public static final String M_REBOOT = "M Reboot";
    public static final String M_SCHEDULE_INFORM = "M ScheduleInform";
    public static final String M_DOWNLOAD = "M Download";
    public static final String M_SCHEDULE_DOWNLOAD = "M ScheduleDownload";
    public static final String M_UPLOAD = "M Upload";
    public static final String M_CHANGE_DU_STATE = "M ChangeDUState";

    private EventCode() {
    }
}
