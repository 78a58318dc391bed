package org.swhvault.spi.source;

import java.io.InputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.spi.swhid.Swhid;

/**
 * Read access to an archive of objects. Implementations are thread-safe. Look-ups return empty for
 * objects the archive does not know ("missing"); a content the archive knows but cannot serve is
 * reported through {@link Content#status()} ("hidden" or "absent").
 *
 * <p>Every method may throw {@link org.swhvault.spi.VaultException} with code
 * {@link org.swhvault.spi.ErrorCode#SOURCE_FAILURE} when the underlying storage fails, or
 * {@link org.swhvault.spi.ErrorCode#CORRUPT_OBJECT} when an object cannot be read. All methods block.
 */
public interface ObjectSource extends AutoCloseable {

    /**
     * Looks up a directory.
     *
     * @param id the directory id
     * @return the directory, or empty if missing
     */
    Optional<Directory> directory(ObjectId id);

    /**
     * Looks up a revision.
     *
     * @param id the revision id
     * @return the revision, or empty if missing
     */
    Optional<Revision> revision(ObjectId id);

    /**
     * Looks up a release.
     *
     * @param id the release id
     * @return the release, or empty if missing
     */
    Optional<Release> release(ObjectId id);

    /**
     * Looks up a snapshot.
     *
     * @param id the snapshot id
     * @return the snapshot, or empty if missing
     */
    Optional<Snapshot> snapshot(ObjectId id);

    /**
     * Looks up a content's metadata.
     *
     * @param sha1Git the content id
     * @return the metadata, or empty if the archive does not know the content
     */
    Optional<Content> content(ObjectId sha1Git);

    /**
     * Opens a content's bytes as a stream. The caller closes it.
     *
     * @param sha1Git the content id
     * @return the bytes
     * @throws org.swhvault.spi.VaultException with {@link org.swhvault.spi.ErrorCode#OBJECT_NOT_FOUND} if
     *     the content is missing, {@link org.swhvault.spi.ErrorCode#CONTENT_UNAVAILABLE} if hidden or absent
     */
    InputStream openContent(ObjectId sha1Git);

    /**
     * Walks the history of a revision: the revision and every ancestor reachable through parents, each
     * exactly once, every revision before all of its parents. Ancestors that are missing from the source
     * are skipped. The caller closes the stream.
     *
     * @param head the revision to start from
     * @return the revisions, newest first
     * @throws org.swhvault.spi.VaultException with {@link org.swhvault.spi.ErrorCode#OBJECT_NOT_FOUND} if
     *     {@code head} itself is missing
     */
    Stream<Revision> revisionLog(ObjectId head);

    /**
     * Looks up many directories at once. The default calls {@link #directory(ObjectId)} for each id;
     * sources that can batch override it.
     *
     * @param ids the directory ids
     * @return the directories found, keyed by id, missing ones left out
     */
    default Map<ObjectId, Directory> directories(Collection<ObjectId> ids) {
        Map<ObjectId, Directory> found = new LinkedHashMap<>();
        for (ObjectId id : ids) {
            directory(id).ifPresent(d -> found.put(id, d));
        }
        return found;
    }

    /**
     * Looks up many revisions at once.
     *
     * @param ids the revision ids
     * @return the revisions found, keyed by id, missing ones left out
     */
    default Map<ObjectId, Revision> revisions(Collection<ObjectId> ids) {
        Map<ObjectId, Revision> found = new LinkedHashMap<>();
        for (ObjectId id : ids) {
            revision(id).ifPresent(r -> found.put(id, r));
        }
        return found;
    }

    /**
     * Looks up many releases at once.
     *
     * @param ids the release ids
     * @return the releases found, keyed by id, missing ones left out
     */
    default Map<ObjectId, Release> releases(Collection<ObjectId> ids) {
        Map<ObjectId, Release> found = new LinkedHashMap<>();
        for (ObjectId id : ids) {
            release(id).ifPresent(r -> found.put(id, r));
        }
        return found;
    }

    /**
     * Looks up the metadata of many contents at once.
     *
     * @param ids the content ids
     * @return the contents found, keyed by id, missing ones left out
     */
    default Map<ObjectId, Content> contents(Collection<ObjectId> ids) {
        Map<ObjectId, Content> found = new LinkedHashMap<>();
        for (ObjectId id : ids) {
            content(id).ifPresent(c -> found.put(id, c));
        }
        return found;
    }

    /**
     * Returns whether the object a core SWHID names is in the source (for contents: known, whatever
     * its status).
     *
     * @param swhid a core SWHID
     * @return true if the object is there
     * @throws IllegalArgumentException if {@code swhid} is not of a core type
     */
    default boolean exists(Swhid swhid) {
        return switch (swhid.type()) {
            case CONTENT -> content(swhid.id()).isPresent();
            case DIRECTORY -> directory(swhid.id()).isPresent();
            case REVISION -> revision(swhid.id()).isPresent();
            case RELEASE -> release(swhid.id()).isPresent();
            case SNAPSHOT -> snapshot(swhid.id()).isPresent();
            default -> throw new IllegalArgumentException("not an archive object type: " + swhid.type());
        };
    }

    /**
     * Returns an optional capability of this source, such as direct access to a git repository's stored
     * objects that a cooker can copy instead of re-encoding them. A source offers a capability by
     * implementing it; a source that wraps another forwards this call, unless it changes what objects
     * read (a filter, a masking proxy), in which case it must not hand out capabilities that bypass it.
     * Does not block.
     *
     * @param capability the interface wanted
     * @param <T> its type
     * @return this source (or the source it wraps) as {@code capability}, or empty
     */
    default <T> java.util.Optional<T> unwrap(Class<T> capability) {
        return capability.isInstance(this) ? java.util.Optional.of(capability.cast(this)) : java.util.Optional.empty();
    }

    /** Releases resources held by the source. The default does nothing. */
    @Override
    default void close() {
    }
}
