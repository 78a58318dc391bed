package org.swhvault.core.source.git.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefDatabase;
import org.eclipse.jgit.lib.Repository;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.BranchTarget;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.SnapshotBranch;
import org.swhvault.spi.swhid.ObjectType;

/**
 * Reads a repository's refs as snapshot branches, as Software Heritage's git loader and
 * {@code swh identify --type snapshot} do: every ref by full name plus {@code HEAD}; symbolic refs
 * are aliases (even to an unborn branch); annotated tags are releases; other refs point to whatever
 * object type they name.
 */
public final class RefSnapshot {
    private RefSnapshot() {
    }

    /**
     * Returns the branches of the repository's current refs.
     *
     * @param repository the repository
     * @param reader a reader of that repository
     * @return the branches, unsorted
     * @throws IOException if the refs cannot be read
     * @throws VaultException with {@link ErrorCode#CORRUPT_OBJECT} if a ref names a missing object
     */
    public static List<SnapshotBranch> branches(Repository repository, ObjectReader reader) throws IOException {
        RefDatabase refs = repository.getRefDatabase();
        List<SnapshotBranch> branches = new ArrayList<>();
        for (Ref ref : refs.getRefsByPrefix(RefDatabase.ALL)) {
            if (!ref.getName().equals(Constants.HEAD)) {
                branches.add(branch(reader, ref));
            }
        }
        Ref head = refs.exactRef(Constants.HEAD);
        if (head != null) {
            branches.add(branch(reader, head));
        }
        return branches;
    }

    private static SnapshotBranch branch(ObjectReader reader, Ref ref) throws IOException {
        Bytes name = Bytes.utf8(ref.getName());
        if (ref.isSymbolic()) {
            return new SnapshotBranch(name, new BranchTarget.Alias(Bytes.utf8(ref.getTarget().getName())));
        }
        org.eclipse.jgit.lib.ObjectId id = ref.getObjectId();
        if (id == null) {
            return new SnapshotBranch(name, BranchTarget.DANGLING);
        }
        int type;
        try {
            type = reader.open(id).getType();
        } catch (MissingObjectException e) {
            throw new VaultException(ErrorCode.CORRUPT_OBJECT,
                    "ref " + ref.getName() + " points to object " + id.name() + ", which is missing", e);
        }
        return new SnapshotBranch(name, new BranchTarget.ToObject(objectType(type, ref), JGitIds.fromJGit(id)));
    }

    private static ObjectType objectType(int type, Ref ref) {
        return switch (type) {
            case Constants.OBJ_COMMIT -> ObjectType.REVISION;
            case Constants.OBJ_TAG -> ObjectType.RELEASE;
            case Constants.OBJ_TREE -> ObjectType.DIRECTORY;
            case Constants.OBJ_BLOB -> ObjectType.CONTENT;
            default -> throw new VaultException(ErrorCode.CORRUPT_OBJECT,
                    "ref " + ref.getName() + " points to an object of unknown type " + type);
        };
    }
}
