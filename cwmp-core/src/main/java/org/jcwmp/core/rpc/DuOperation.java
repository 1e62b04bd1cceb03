package org.jcwmp.core.rpc;

/** One operation of ChangeDUState. */
public sealed interface DuOperation permits InstallOpStruct, UpdateOpStruct, UninstallOpStruct {
}
