package org.jcwmp.cpe.model;

import java.util.List;

/**
 * A parameter's attributes as SetParameterAttributes sets them.
 *
 * @param notification 0 off, 1 passive, 2 active
 * @param accessList   who besides the ACS may write the parameter; "Subscriber" is the only value TR-069 defines
 */
public record ParameterAttributes(int notification, List<String> accessList) {
    public ParameterAttributes {
        accessList = accessList == null ? List.of() : List.copyOf(accessList);
    }
}
