package org.jcwmp.cpe.model;

/** Who changed a value: notifications report only changes the ACS did not make itself (TR-069 A.3.2.4). */
public enum ChangeOrigin {
    /** SetParameterValues and other ACS methods. */
    ACS,
    /** The device's own side: its UI, its firmware, {@code CpeAgent.setLocalValue}. */
    LOCAL,
    /** The agent's bookkeeping, e.g. ConnectionRequestURL when the listener starts. */
    AGENT
}
