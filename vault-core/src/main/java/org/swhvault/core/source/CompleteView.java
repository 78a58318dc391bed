package org.swhvault.core.source;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.spi.source.EventuallyConsistent;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

import static java.util.Objects.requireNonNull;

/**
 * What a cooker reads of an {@link EventuallyConsistent} source while it cooks one object: the object
 * itself may be missing (the cooker then says it was not found), but a directory, revision or release it
 * references that is missing has not reached this mirror yet, and reading it fails with
 * {@link ErrorCode#NOT_YET_AVAILABLE} (a transient failure the engine retries) instead of reading as
 * missing, which would make the cooker leave it out of a bundle then marked done. So is an ancestor a
 * revision log cannot reach: the log fails when it ends.
 *
 * <p>So is, by default, a content the bundle needs that the mirror has no row for, or lists as visible but
 * whose bytes it cannot serve: a mirror's objstorage is filled by its own replayer, which may lag behind the
 * database, and the reference vault's placeholder text in such a bundle would make it wrong for as long as it
 * is kept (in a git-bare bundle, a blob whose bytes do not match its id). A view made for an attempt that may
 * not wait any longer ({@code placeholders}) lets such a content become the placeholder, as the reference
 * does. Hidden and absent (skipped) contents are placeholders either way: their status is final. Sources that
 * are not eventually consistent are used as they are.
 */
public final class CompleteView implements ObjectSource {
    private final ObjectSource source;
    private final Swhid root;
    private final boolean placeholders;

    private CompleteView(ObjectSource source, Swhid root, boolean placeholders) {
        this.source = source;
        this.root = root;
        this.placeholders = placeholders;
    }

    /**
     * Returns what to cook {@code root} from, waiting for contents: {@code source} itself unless it is
     * eventually consistent.
     *
     * @param source the vault's source
     * @param root the core SWHID being cooked
     * @return the source to hand the cooker
     */
    public static ObjectSource of(ObjectSource source, Swhid root) {
        return of(source, root, false);
    }

    /**
     * Returns what to cook {@code root} from: {@code source} itself unless it is eventually consistent.
     *
     * @param source the vault's source
     * @param root the core SWHID being cooked
     * @param placeholders whether a content that has not arrived becomes the reference's placeholder text
     *     (the last attempt) rather than failing the cook as not yet available
     * @return the source to hand the cooker
     */
    public static ObjectSource of(ObjectSource source, Swhid root, boolean placeholders) {
        requireNonNull(source, "source is null");
        requireNonNull(root, "root is null");
        return source.unwrap(EventuallyConsistent.class).isPresent()
                ? new CompleteView(source, root.toCore(), placeholders) : source;
    }

    /**
     * The failure for an object that is referenced but has not reached this mirror yet.
     *
     * @param type its type
     * @param id its id
     * @return the exception to throw
     */
    public static VaultException notYetAvailable(ObjectType type, ObjectId id) {
        return new VaultException(ErrorCode.NOT_YET_AVAILABLE,
                Swhid.of(type, id) + " is not yet available on this mirror.");
    }

    private <T> Optional<T> required(ObjectType type, ObjectId id, Optional<T> found) {
        if (found.isEmpty() && !(root.type() == type && root.id().equals(id))) {
            throw notYetAvailable(type, id);
        }
        return found;
    }

    private <T> Map<ObjectId, T> required(ObjectType type, Collection<ObjectId> ids, Map<ObjectId, T> found) {
        if (found.size() < ids.size()) {
            for (ObjectId id : ids) {
                if (!found.containsKey(id)) {
                    required(type, id, Optional.empty());
                }
            }
        }
        return found;
    }

    @Override
    public Optional<Directory> directory(ObjectId id) {
        return required(ObjectType.DIRECTORY, id, source.directory(id));
    }

    @Override
    public Optional<Revision> revision(ObjectId id) {
        return required(ObjectType.REVISION, id, source.revision(id));
    }

    @Override
    public Optional<Release> release(ObjectId id) {
        return required(ObjectType.RELEASE, id, source.release(id));
    }

    @Override
    public Optional<Snapshot> snapshot(ObjectId id) {
        return source.snapshot(id);
    }

    @Override
    public Optional<Content> content(ObjectId sha1Git) {
        return placeholders ? source.content(sha1Git) : required(ObjectType.CONTENT, sha1Git,
                source.content(sha1Git));
    }

    /** The bytes; a content whose row or bytes have not arrived is not yet available, unless placeholders. */
    @Override
    public InputStream openContent(ObjectId sha1Git) {
        try {
            return source.openContent(sha1Git);
        } catch (VaultException e) {
            if (placeholders || root.type() == ObjectType.CONTENT && root.id().equals(sha1Git)) {
                throw e;
            }
            if (e.code() == ErrorCode.OBJECT_NOT_FOUND) {
                throw notYetAvailable(ObjectType.CONTENT, sha1Git);
            }
            if (e.code() == ErrorCode.CONTENT_UNAVAILABLE && source.content(sha1Git)
                    .map(c -> c.status() == ContentStatus.VISIBLE).orElse(true)) {
                throw new VaultException(ErrorCode.NOT_YET_AVAILABLE, "The bytes of "
                        + Swhid.of(ObjectType.CONTENT, sha1Git) + " are not yet available on this mirror.", e);
            }
            throw e;
        }
    }

    @Override
    public Map<ObjectId, Directory> directories(Collection<ObjectId> ids) {
        return required(ObjectType.DIRECTORY, ids, source.directories(ids));
    }

    @Override
    public Map<ObjectId, Revision> revisions(Collection<ObjectId> ids) {
        return required(ObjectType.REVISION, ids, source.revisions(ids));
    }

    @Override
    public Map<ObjectId, Release> releases(Collection<ObjectId> ids) {
        return required(ObjectType.RELEASE, ids, source.releases(ids));
    }

    @Override
    public Map<ObjectId, Content> contents(Collection<ObjectId> ids) {
        return placeholders ? source.contents(ids) : required(ObjectType.CONTENT, ids, source.contents(ids));
    }

    @Override
    public boolean exists(Swhid swhid) {
        return source.exists(swhid);
    }

    /**
     * The source's log, checked as it goes: every revision comes before its parents, so a parent named by
     * one revision and never listed afterwards is one the source is missing. Only the parents named and not
     * yet listed are remembered (the frontier of the walk), not every revision.
     */
    @Override
    public Stream<Revision> revisionLog(ObjectId head) {
        Stream<Revision> log = source.revisionLog(head);
        Spliterator<Revision> walk = log.spliterator();
        Set<ObjectId> awaited = new HashSet<>();
        Spliterator<Revision> checked = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED
                | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super Revision> action) {
                List<Revision> next = new ArrayList<>(1);
                if (walk.tryAdvance(next::add)) {
                    Revision r = next.get(0);
                    awaited.remove(r.id());
                    awaited.addAll(r.parents());
                    action.accept(r);
                    return true;
                }
                if (!awaited.isEmpty()) {
                    throw notYetAvailable(ObjectType.REVISION, awaited.stream().sorted().findFirst().orElseThrow());
                }
                return false;
            }
        };
        return StreamSupport.stream(checked, false).onClose(log::close);
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> capability) {
        return source.unwrap(capability);
    }
}
