package org.swhvault.spi.model;

import java.util.ArrayList;
import java.util.List;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static java.util.Objects.requireNonNull;

/**
 * A snapshot: every branch of an origin at one visit, sorted by name (unsigned bytes).
 *
 * @param id the intrinsic id the object is known under
 * @param branches the branches, sorted by name, names unique
 */
public record Snapshot(ObjectId id, List<SnapshotBranch> branches) {
    /** Validates the components, sorting the branches by name. */
    public Snapshot {
        requireNonNull(id, "id is null");
        List<SnapshotBranch> sorted = new ArrayList<>(requireNonNull(branches, "branches is null"));
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).name().equals(sorted.get(i - 1).name())) {
                throw new IllegalArgumentException("duplicate snapshot branch: " + sorted.get(i).name());
            }
        }
        branches = List.copyOf(sorted);
    }

    /**
     * Returns a new snapshot with its computed id.
     *
     * @param branches the branches, in any order
     * @return the snapshot
     * @throws VaultException with {@link ErrorCode#INVALID_OBJECT} if two branches have the same name
     */
    public static Snapshot of(List<SnapshotBranch> branches) {
        ObjectId id = Identifiers.snapshot(branches);
        return new Snapshot(id, branches);
    }
}
