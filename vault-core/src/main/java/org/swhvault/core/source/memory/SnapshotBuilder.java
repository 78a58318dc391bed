package org.swhvault.core.source.memory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.swhvault.spi.model.BranchTarget;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.spi.model.SnapshotBranch;
import org.swhvault.spi.swhid.ObjectType;

/**
 * Describes the branches of a snapshot for {@link MemorySourceBuilder#snapshot(Consumer)}. Branch
 * names are unique; targets may be missing from the archive, aliases may point to branches that do
 * not exist.
 */
public final class SnapshotBuilder {
    private final Map<Bytes, BranchTarget> branches = new LinkedHashMap<>();

    SnapshotBuilder() {
    }

    /**
     * Adds a branch pointing to a revision.
     *
     * @param name the branch name, such as {@code refs/heads/main}
     * @param id the revision id
     * @return this builder
     */
    public SnapshotBuilder revision(String name, ObjectId id) {
        return branch(name, ObjectType.REVISION, id);
    }

    /**
     * Adds a branch pointing to a release.
     *
     * @param name the branch name, such as {@code refs/tags/v1.0}
     * @param id the release id
     * @return this builder
     */
    public SnapshotBuilder release(String name, ObjectId id) {
        return branch(name, ObjectType.RELEASE, id);
    }

    /**
     * Adds a branch pointing to an object of any core type.
     *
     * @param name the branch name
     * @param type the target's type
     * @param id the target's id
     * @return this builder
     */
    public SnapshotBuilder branch(String name, ObjectType type, ObjectId id) {
        return branch(Bytes.utf8(name), new BranchTarget.ToObject(type, id));
    }

    /**
     * Adds a branch that is an alias of another branch.
     *
     * @param name the branch name, such as {@code HEAD}
     * @param target the name of the branch it stands for
     * @return this builder
     */
    public SnapshotBuilder alias(String name, String target) {
        return branch(Bytes.utf8(name), new BranchTarget.Alias(Bytes.utf8(target)));
    }

    /**
     * Adds a branch pointing nowhere.
     *
     * @param name the branch name
     * @return this builder
     */
    public SnapshotBuilder dangling(String name) {
        return branch(Bytes.utf8(name), BranchTarget.DANGLING);
    }

    /**
     * Adds a branch with a name given as bytes.
     *
     * @param name the branch name
     * @param target what it points to
     * @return this builder
     * @throws IllegalArgumentException if a branch has that name already
     */
    public SnapshotBuilder branch(Bytes name, BranchTarget target) {
        if (branches.putIfAbsent(name, target) != null) {
            throw new IllegalArgumentException("branch '" + name + "' is given twice");
        }
        return this;
    }

    Snapshot build() {
        List<SnapshotBranch> list = branches.entrySet().stream()
                .map(e -> new SnapshotBranch(e.getKey(), e.getValue())).toList();
        return Snapshot.of(list);
    }
}
