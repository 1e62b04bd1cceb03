package org.jcwmp.core.rpc;

/** A method call: from the ACS to the CPE (e.g. GetParameterValues) or from the CPE to the ACS (e.g. Inform). */
public non-sealed interface CwmpRequest extends CwmpMessage {
}
