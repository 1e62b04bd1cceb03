package org.jcwmp.acs.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * Something that happened on the ACS, as the live stream carries it (seed 002's web console, made an event stream).
 *
 * @param seq    increasing per ACS node; SSE clients resume from it with Last-Event-ID
 * @param type   inform, values, task, session, connection-request, fault, transfer-complete, transfer-result (a TransferComplete RPC), provisioning
 * @param device the device's id, or null for events about no single device
 * @param data   the details, as JSON
 */
public record LiveEvent(long seq, Instant at, String type, String device, JsonNode data) {
}
