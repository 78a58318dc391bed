package org.swhvault.core.cook.gitbare;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.swhvault.core.source.git.internal.JGitIds;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.ObjectType;

/**
 * Follows chains of annotated tags in a git repository for {@link Packing#peel}, link by link, as long as the
 * pack holds each link. Not thread-safe; {@link #close()} releases the walk.
 */
final class TagPeeler implements AutoCloseable {
    private static final int MAX_CHAIN = 1000;

    private final Repository repository;
    private final Predicate<ObjectId> packed;
    private RevWalk walk;

    TagPeeler(Repository repository, Predicate<ObjectId> packed) {
        this.repository = repository;
        this.packed = packed;
    }

    /** What {@code release} finally points to, if the pack holds every link of the chain and its end. */
    Optional<Packing.Target> peel(ObjectId release) {
        if (walk == null) {
            walk = new RevWalk(repository);
        }
        ObjectId id = release;
        try {
            for (int i = 0; i < MAX_CHAIN && packed.test(id); i++) {
                if (!(walk.parseAny(JGitIds.toJGit(id)) instanceof RevTag tag)) {
                    return Optional.empty();
                }
                RevObject target = tag.getObject();
                id = JGitIds.fromJGit(target);
                ObjectType type = switch (target.getType()) {
                    case Constants.OBJ_COMMIT -> ObjectType.REVISION;
                    case Constants.OBJ_TREE -> ObjectType.DIRECTORY;
                    case Constants.OBJ_BLOB -> ObjectType.CONTENT;
                    default -> ObjectType.RELEASE;
                };
                if (type != ObjectType.RELEASE) {
                    return packed.test(id) ? Optional.of(new Packing.Target(type, id)) : Optional.empty();
                }
            }
        } catch (IOException e) {
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "Cannot read the release " + id + ": " + e, e);
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        if (walk != null) {
            walk.close();
        }
    }
}
