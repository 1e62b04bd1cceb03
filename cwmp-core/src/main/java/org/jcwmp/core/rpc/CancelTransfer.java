package org.jcwmp.core.rpc;

/** Cancels a queued transfer. */
public record CancelTransfer(String commandKey) implements CwmpRequest {
}
