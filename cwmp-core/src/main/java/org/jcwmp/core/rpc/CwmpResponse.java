package org.jcwmp.core.rpc;

/** The successful answer to a {@link CwmpRequest}; its element name is the request's name plus "Response". */
public non-sealed interface CwmpResponse extends CwmpMessage {
}
