package org.jcwmp.core.rpc;

/** The result of one ChangeDUState operation. */
public record OpResultStruct(String uuid, String deploymentUnitRef, String version, String currentState, boolean resolved, String executionUnitRefList, String startTime, String completeTime, FaultStruct fault) {
}
