package org.jcwmp.acs.task;

/** A task's life: queued until a session takes it, running while the CPE works on it, then done or failed. */
public enum TaskStatus {
    QUEUED, RUNNING, DONE, FAILED;

    public boolean finished() {
        return this == DONE || this == FAILED;
    }
}
