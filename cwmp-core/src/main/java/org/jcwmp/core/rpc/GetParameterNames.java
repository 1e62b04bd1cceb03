package org.jcwmp.core.rpc;

/** Discovers the data model below a path. */
public record GetParameterNames(String parameterPath, boolean nextLevel) implements CwmpRequest {
}
