package org.jcwmp.core.rpc;

/** Asks for the methods the other side supports; sent by either side. */
public record GetRPCMethods() implements CwmpRequest {
}
