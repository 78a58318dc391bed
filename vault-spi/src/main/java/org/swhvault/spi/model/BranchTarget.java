package org.swhvault.spi.model;

import org.swhvault.spi.swhid.ObjectType;

import static java.util.Objects.requireNonNull;

/** What a snapshot branch points to: an object, another branch (an alias), or nothing (dangling). */
public sealed interface BranchTarget {
    /**
     * A branch pointing to an archive object.
     *
     * @param type the object's type (a core type)
     * @param id the object's id
     */
    record ToObject(ObjectType type, ObjectId id) implements BranchTarget {
        /** Validates the components. */
        public ToObject {
            requireNonNull(type, "type is null");
            requireNonNull(id, "id is null");
            if (!type.isCore()) {
                throw new IllegalArgumentException("a branch cannot target an object of type " + type);
            }
        }
    }

    /**
     * A branch that is an alias of another branch (like {@code HEAD → refs/heads/main}).
     *
     * @param name the name of the target branch, which need not exist
     */
    record Alias(Bytes name) implements BranchTarget {
        /** Validates the components. */
        public Alias {
            requireNonNull(name, "name is null");
        }
    }

    /** A branch that points nowhere. */
    record Dangling() implements BranchTarget {
    }

    /** The dangling target. */
    BranchTarget DANGLING = new Dangling();
}
