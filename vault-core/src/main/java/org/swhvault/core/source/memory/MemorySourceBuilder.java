package org.swhvault.core.source.memory;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.Identifiers;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Snapshot;

import static java.util.Objects.requireNonNull;

/**
 * Builds a {@link MemoryObjectSource}. Methods that create an object return its id, computed exactly
 * as Software Heritage does, so fixtures can refer to one another; trees, revisions, releases and
 * snapshots are described with small builders passed to a lambda. Objects that are referenced but
 * never added are "missing" from the built source.
 *
 * <p>Not thread-safe. {@link #build()} may be called several times; each source is a copy.
 */
public final class MemorySourceBuilder {
    /** The date of the first revision or release made with default dates; each next one is a minute later. */
    static final long FIRST_DEFAULT_DATE = 1_500_000_000L;

    private final Map<ObjectId, Directory> directories = new HashMap<>();
    private final Map<ObjectId, Revision> revisions = new HashMap<>();
    private final Map<ObjectId, Release> releases = new HashMap<>();
    private final Map<ObjectId, Snapshot> snapshots = new HashMap<>();
    private final Map<ObjectId, Content> contents = new HashMap<>();
    private final Map<ObjectId, byte[]> data = new HashMap<>();
    private long nextDefaultDate = FIRST_DEFAULT_DATE;

    MemorySourceBuilder() {
    }

    /**
     * Adds a visible content.
     *
     * @param bytes the content's bytes
     * @return its id (the git blob id)
     */
    public ObjectId content(byte[] bytes) {
        ObjectId id = blobId(bytes);
        contents.put(id, new Content(id, bytes.length, ContentStatus.VISIBLE));
        data.put(id, bytes.clone());
        return id;
    }

    /**
     * Adds a visible content.
     *
     * @param text the content, encoded as UTF-8
     * @return its id
     */
    public ObjectId content(String text) {
        return content(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds a hidden content: its metadata is known, its bytes are not served.
     *
     * @param bytes the bytes it would have (only its id and length are kept)
     * @return its id
     */
    public ObjectId hiddenContent(byte[] bytes) {
        return unavailable(blobId(bytes), bytes.length, ContentStatus.HIDDEN);
    }

    /**
     * Adds an absent content (skipped by the archive, usually for size): metadata, no bytes.
     *
     * @param bytes the bytes it would have (only its id and length are kept)
     * @return its id
     */
    public ObjectId absentContent(byte[] bytes) {
        return unavailable(blobId(bytes), bytes.length, ContentStatus.ABSENT);
    }

    /**
     * Adds content metadata without bytes, under any id.
     *
     * @param id the content id
     * @param length the length it claims
     * @param status {@link ContentStatus#HIDDEN} or {@link ContentStatus#ABSENT}
     * @return {@code id}
     * @throws IllegalArgumentException if {@code status} is visible (a visible content needs bytes)
     */
    public ObjectId unavailableContent(ObjectId id, long length, ContentStatus status) {
        if (status == ContentStatus.VISIBLE) {
            throw new IllegalArgumentException("a visible content needs its bytes: use content(byte[])");
        }
        return unavailable(id, length, status);
    }

    /**
     * Adds a directory described by {@code tree}, with every subdirectory and content it creates.
     *
     * @param tree describes the entries
     * @return the directory's id
     */
    public ObjectId directory(Consumer<TreeBuilder> tree) {
        TreeBuilder builder = new TreeBuilder(this);
        tree.accept(builder);
        return builder.build();
    }

    /**
     * Adds a revision. Unset fields take defaults: an empty root directory, no parents, a test author
     * and committer dated {@value #FIRST_DEFAULT_DATE} plus one minute per object made before, and the
     * message {@code "Revision N\n"}.
     *
     * @param revision describes the revision
     * @return its id
     */
    public ObjectId revision(Consumer<RevisionBuilder> revision) {
        RevisionBuilder builder = new RevisionBuilder(this, nextDefaultDate());
        revision.accept(builder);
        return add(builder.build());
    }

    /**
     * Adds a release. Its name and target must be set; the tagger defaults as a revision's author does,
     * the message to {@code "Release <name>\n"}.
     *
     * @param release describes the release
     * @return its id
     */
    public ObjectId release(Consumer<ReleaseBuilder> release) {
        ReleaseBuilder builder = new ReleaseBuilder(nextDefaultDate());
        release.accept(builder);
        return add(builder.build());
    }

    /**
     * Adds a snapshot.
     *
     * @param snapshot describes the branches
     * @return its id
     */
    public ObjectId snapshot(Consumer<SnapshotBuilder> snapshot) {
        SnapshotBuilder builder = new SnapshotBuilder();
        snapshot.accept(builder);
        return add(builder.build());
    }

    /**
     * Adds a directory as given, under its own id (not checked), replacing any other.
     *
     * @param directory the directory
     * @return its id
     */
    public ObjectId add(Directory directory) {
        directories.put(directory.id(), directory);
        return directory.id();
    }

    /**
     * Adds a revision as given, under its own id (not checked), replacing any other.
     *
     * @param revision the revision
     * @return its id
     */
    public ObjectId add(Revision revision) {
        revisions.put(revision.id(), revision);
        return revision.id();
    }

    /**
     * Adds a release as given, under its own id (not checked), replacing any other.
     *
     * @param release the release
     * @return its id
     */
    public ObjectId add(Release release) {
        releases.put(release.id(), release);
        return release.id();
    }

    /**
     * Adds a snapshot as given, under its own id (not checked), replacing any other.
     *
     * @param snapshot the snapshot
     * @return its id
     */
    public ObjectId add(Snapshot snapshot) {
        snapshots.put(snapshot.id(), snapshot);
        return snapshot.id();
    }

    /**
     * Returns a source holding every object added so far.
     *
     * @return the source
     */
    public MemoryObjectSource build() {
        return new MemoryObjectSource(directories, revisions, releases, snapshots, contents, data);
    }

    /**
     * Returns the id a content with these bytes has (its git blob id), without adding it; useful to
     * refer to a content that is missing.
     *
     * @param bytes the bytes
     * @return the id
     */
    public static ObjectId blobId(byte[] bytes) {
        return Identifiers.content(requireNonNull(bytes, "bytes is null"));
    }

    private ObjectId unavailable(ObjectId id, long length, ContentStatus status) {
        contents.put(id, new Content(id, length, status));
        data.remove(id);
        return id;
    }

    private long nextDefaultDate() {
        long date = nextDefaultDate;
        nextDefaultDate += 60;
        return date;
    }
}
