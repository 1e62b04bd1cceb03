package org.jcwmp.cpe.model;

import java.util.Set;

/** Told after the model changed, outside its lock. */
public interface ModelListener {

    /** Parameter values changed; the paths are full parameter names. */
    void valuesChanged(Set<String> paths, ChangeOrigin origin);

    /** Instances were added or deleted. */
    default void instancesChanged(ChangeOrigin origin) {
    }

    /** Notification or AccessList attributes changed (always by the ACS). */
    default void attributesChanged() {
    }
}
