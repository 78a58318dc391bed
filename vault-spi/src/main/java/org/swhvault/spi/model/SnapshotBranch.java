package org.swhvault.spi.model;

import static java.util.Objects.requireNonNull;

/**
 * One branch of a snapshot.
 *
 * @param name the branch name (usually a full git ref name such as {@code refs/heads/main})
 * @param target what the branch points to
 */
public record SnapshotBranch(Bytes name, BranchTarget target) {
    /** Validates the components. */
    public SnapshotBranch {
        requireNonNull(name, "name is null");
        requireNonNull(target, "target is null");
    }
}
