package org.jcwmp.core.rpc;

/** Lists the CPE's queued transfers. */
public record GetAllQueuedTransfers() implements CwmpRequest {
}
