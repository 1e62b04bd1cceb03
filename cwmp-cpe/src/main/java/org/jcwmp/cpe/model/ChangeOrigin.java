package org.jcwmp.cpe.model;

/** Who changed a value; notifications (a later issue) report only changes the ACS did not make itself. */
public enum ChangeOrigin {
    /** SetParameterValues and other ACS methods. */
    ACS,
    /** The device's own side: its UI, its firmware, {@code CpeAgent.setLocalValue}. */
    LOCAL,
    /** The agent's bookkeeping, e.g. ConnectionRequestURL when the listener starts. */
    AGENT
}
