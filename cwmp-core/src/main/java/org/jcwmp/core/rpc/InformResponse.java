package org.jcwmp.core.rpc;

/** MaxEnvelopes is always 1. */
public record InformResponse(int maxEnvelopes) implements CwmpResponse {
}
