package org.swhvault.core.cook.gitbare.pack;

import org.swhvault.spi.model.ObjectId;

/** Told by a {@link PackWriter} about an object whose bytes do not hash to the id it was given with. */
@FunctionalInterface
public interface IdMismatchHandler {
    /**
     * Called on the thread adding objects, in pack order; may throw to stop the pack.
     *
     * @param type the object type
     * @param given the id it was given with
     * @param actual the id its bytes hash to
     */
    void mismatch(GitObjectType type, ObjectId given, ObjectId actual);
}
