package org.jcwmp.cpe.model;

import java.util.Set;

/** Told after values changed, outside the model's lock; the paths are full parameter names. */
@FunctionalInterface
public interface ValueChangeListener {
    void valuesChanged(Set<String> paths, ChangeOrigin origin);
}
