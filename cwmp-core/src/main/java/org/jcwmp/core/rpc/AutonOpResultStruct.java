package org.jcwmp.core.rpc;

/** The result of one autonomous DU operation; OperationPerformed is Install, Update or Uninstall. */
public record AutonOpResultStruct(String uuid, String deploymentUnitRef, String version, String currentState, boolean resolved, String executionUnitRefList, String startTime, String completeTime, FaultStruct fault, String operationPerformed) {
}
