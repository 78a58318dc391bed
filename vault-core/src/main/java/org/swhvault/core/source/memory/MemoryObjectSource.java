package org.swhvault.core.source.memory;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.spi.source.HistoryWalk;
import org.swhvault.spi.source.ObjectSource;

import static java.util.Objects.requireNonNull;

/**
 * An {@link ObjectSource} holding its objects in memory, for tests and test harnesses. Build one with
 * {@link #builder()}:
 *
 * <pre>{@code
 * MemorySourceBuilder archive = MemoryObjectSource.builder();
 * ObjectId root = archive.directory(tree -> tree
 *         .file("README", "hello\n")
 *         .executable("bin/run", "#!/bin/sh\n")
 *         .symlink("docs", "README")
 *         .hiddenFile("secret.txt", "taken down\n"));
 * ObjectId first = archive.revision(rev -> rev.directory(root).message("first\n"));
 * ObjectId second = archive.revision(rev -> rev.parents(first).tree(t -> t.file("a", "b")));
 * archive.snapshot(snp -> snp.revision("refs/heads/main", second).alias("HEAD", "refs/heads/main"));
 * MemoryObjectSource source = archive.build();
 * }</pre>
 *
 * <p>Immutable once built and thread-safe; no method blocks. Objects are served exactly as they were
 * added: the source does not check that an object hashes to the id it is stored under.
 */
public final class MemoryObjectSource implements ObjectSource {
    private static final MemoryObjectSource EMPTY = new MemoryObjectSource(
            Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    private final Map<ObjectId, Directory> directories;
    private final Map<ObjectId, Revision> revisions;
    private final Map<ObjectId, Release> releases;
    private final Map<ObjectId, Snapshot> snapshots;
    private final Map<ObjectId, Content> contents;
    private final Map<ObjectId, byte[]> data;

    MemoryObjectSource(Map<ObjectId, Directory> directories, Map<ObjectId, Revision> revisions,
            Map<ObjectId, Release> releases, Map<ObjectId, Snapshot> snapshots, Map<ObjectId, Content> contents,
            Map<ObjectId, byte[]> data) {
        this.directories = Map.copyOf(directories);
        this.revisions = Map.copyOf(revisions);
        this.releases = Map.copyOf(releases);
        this.snapshots = Map.copyOf(snapshots);
        this.contents = Map.copyOf(contents);
        this.data = Map.copyOf(data);
    }

    /**
     * Returns a new builder of an in-memory archive.
     *
     * @return the builder
     */
    public static MemorySourceBuilder builder() {
        return new MemorySourceBuilder();
    }

    /**
     * Returns a source holding nothing.
     *
     * @return the empty source
     */
    public static MemoryObjectSource empty() {
        return EMPTY;
    }

    @Override
    public Optional<Directory> directory(ObjectId id) {
        return Optional.ofNullable(directories.get(requireNonNull(id, "id is null")));
    }

    @Override
    public Optional<Revision> revision(ObjectId id) {
        return Optional.ofNullable(revisions.get(requireNonNull(id, "id is null")));
    }

    @Override
    public Optional<Release> release(ObjectId id) {
        return Optional.ofNullable(releases.get(requireNonNull(id, "id is null")));
    }

    @Override
    public Optional<Snapshot> snapshot(ObjectId id) {
        return Optional.ofNullable(snapshots.get(requireNonNull(id, "id is null")));
    }

    @Override
    public Optional<Content> content(ObjectId sha1Git) {
        return Optional.ofNullable(contents.get(requireNonNull(sha1Git, "sha1Git is null")));
    }

    @Override
    public InputStream openContent(ObjectId sha1Git) {
        Content content = content(sha1Git).orElseThrow(() -> new VaultException(ErrorCode.OBJECT_NOT_FOUND,
                "content " + sha1Git + " is not in the in-memory source"));
        if (content.status() != ContentStatus.VISIBLE) {
            throw new VaultException(ErrorCode.CONTENT_UNAVAILABLE,
                    "content " + sha1Git + " is " + content.status().name().toLowerCase(java.util.Locale.ROOT));
        }
        return new ByteArrayInputStream(data.get(sha1Git));
    }

    @Override
    public Stream<Revision> revisionLog(ObjectId head) {
        if (!revisions.containsKey(requireNonNull(head, "head is null"))) {
            throw new VaultException(ErrorCode.OBJECT_NOT_FOUND,
                    "revision " + head + " is not in the in-memory source");
        }
        return HistoryWalk.stream(head, id -> {
            Revision revision = revisions.get(id);
            return revision == null ? null : revision.parents();
        }, revisions::get);
    }

    @Override
    public String toString() {
        return "MemoryObjectSource[" + contents.size() + " contents, " + directories.size() + " directories, "
                + revisions.size() + " revisions, " + releases.size() + " releases, " + snapshots.size()
                + " snapshots]";
    }
}
