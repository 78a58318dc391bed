package org.swhvault.core.source.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;
import org.swhvault.core.source.git.internal.CommitParser;
import org.swhvault.core.source.git.internal.JGitIds;
import org.swhvault.core.source.git.internal.ObjectReads;
import org.swhvault.core.source.git.internal.RefSnapshot;
import org.swhvault.core.source.git.internal.TagParser;
import org.swhvault.core.source.git.internal.TreeParser;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.spi.model.SnapshotBranch;
import org.swhvault.spi.source.HistoryWalk;
import org.swhvault.spi.source.ObjectSource;

import static java.util.Objects.requireNonNull;

/**
 * An {@link ObjectSource} reading a local git repository (bare or not) through JGit. Every object
 * read hashes back to its own id: commits, tags and trees are parsed from their raw bytes, and those
 * the canonical form cannot reproduce (odd modes, unsorted or duplicate tree entries, unusual
 * headers or dates) carry their original bytes as {@code rawManifest}. All contents are
 * {@link org.swhvault.spi.model.ContentStatus#VISIBLE}; their bytes are streamed, never loaded
 * whole when large.
 *
 * <p>The source knows one snapshot: that of the repository's refs at the time of the call (see
 * {@link #currentSnapshot()}). Thread-safe; every method blocks on disk I/O. Loading this class
 * configures JGit's process-wide pack window cache for streaming whole repositories (memory-mapped
 * 1 MiB windows, 512 MiB mapped at most, 32 MiB delta base cache); set the system property
 * {@code swhvault.git.keepWindowCache=true} to keep the host's JGit settings. Closing the source
 * closes the repository.
 */
public final class GitObjectSource implements ObjectSource, GitStoredObjects {
    private final Repository repository;
    private final Path path;
    private final ObjectReads reads;

    /**
     * JGit's default pack window cache (8 KiB windows, 10 MiB in all, read on the heap) makes cookers
     * spend a fifth of their time re-reading pack windows. Memory-mapped 1 MiB windows cost no heap.
     * The cache is JGit-wide: a host that tunes JGit itself sets {@code swhvault.git.keepWindowCache=true}.
     */
    private static final boolean WINDOW_CACHE_TUNED = tuneWindowCache();

    private static boolean tuneWindowCache() {
        if (Boolean.getBoolean("swhvault.git.keepWindowCache")) {
            return false;
        }
        org.eclipse.jgit.storage.file.WindowCacheConfig config = new org.eclipse.jgit.storage.file.WindowCacheConfig();
        config.setPackedGitMMAP(true);
        config.setPackedGitWindowSize(1 << 20);
        config.setPackedGitLimit(512L << 20);
        config.setDeltaBaseCacheLimit(32 << 20);
        config.install();
        return true;
    }

    private GitObjectSource(Repository repository, Path path) {
        this.repository = repository;
        this.path = path;
        this.reads = new ObjectReads(path.toString());
    }

    /**
     * Opens the repository at {@code path}: a bare repository, or a working tree holding {@code .git}
     * (a directory or a {@code gitdir:} file). Parent directories are not searched.
     *
     * @param path the repository directory
     * @return the source, which the caller closes
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if {@code path} is not a git
     *     repository, or {@link ErrorCode#SOURCE_FAILURE} if it cannot be opened
     */
    public static GitObjectSource open(Path path) {
        requireNonNull(path, "path is null");
        if (!Files.isDirectory(path)) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                    "git repository path " + path + " is not a directory");
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        if (RepositoryCache.FileKey.isGitRepository(path.toFile(), FS.DETECTED)) {
            builder.setGitDir(path.toFile());
        } else {
            builder.setWorkTree(path.toFile());
        }
        try {
            return new GitObjectSource(builder.build(), path);
        } catch (org.eclipse.jgit.errors.RepositoryNotFoundException | IllegalArgumentException e) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, path
                    + " is not a git repository (expected a bare repository or a directory holding .git)", e);
        } catch (IOException e) {
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "cannot open git repository " + path + ": " + e, e);
        }
    }

    /**
     * Returns the snapshot of the repository's refs as they are now: every ref under {@code refs/}
     * by full name (branches, tags, remote-tracking refs, notes, …) and {@code HEAD}. Symbolic refs
     * are aliases (a symbolic {@code HEAD} even when its branch is unborn), annotated tags are
     * releases, other refs point to the commit, tree or blob they name. Its id is what
     * {@code swh identify --type snapshot} gives for the repository. Ref names are read through JGit,
     * which decodes them as UTF-8: a ref name that is not UTF-8 is not reproduced byte for byte.
     *
     * @return the snapshot
     * @throws VaultException with {@link ErrorCode#SOURCE_FAILURE} if the refs cannot be read, or
     *     {@link ErrorCode#CORRUPT_OBJECT} if a ref names a missing object
     */
    public Snapshot currentSnapshot() {
        List<SnapshotBranch> branches;
        try (ObjectReader reader = repository.newObjectReader()) {
            branches = RefSnapshot.branches(repository, reader);
        } catch (IOException e) {
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "cannot read the refs of " + path + ": " + e, e);
        }
        return Snapshot.of(branches);
    }

    @Override
    public Optional<Directory> directory(ObjectId id) {
        return read(id, Constants.OBJ_TREE, TreeParser::parse);
    }

    @Override
    public Optional<Revision> revision(ObjectId id) {
        return read(id, Constants.OBJ_COMMIT, CommitParser::parse);
    }

    @Override
    public Optional<Release> release(ObjectId id) {
        return read(id, Constants.OBJ_TAG, TagParser::parse);
    }

    /** {@inheritDoc} Only the id of {@link #currentSnapshot()} is known. */
    @Override
    public Optional<Snapshot> snapshot(ObjectId id) {
        Snapshot current = currentSnapshot();
        return current.id().equals(id) ? Optional.of(current) : Optional.empty();
    }

    @Override
    public Optional<Content> content(ObjectId sha1Git) {
        requireNonNull(sha1Git, "sha1Git is null");
        try (ObjectReader reader = repository.newObjectReader()) {
            return reads.content(reader, sha1Git);
        }
    }

    /** {@inheritDoc} The stream reads large blobs from disk as it goes; it is not thread-safe. */
    @Override
    public InputStream openContent(ObjectId sha1Git) {
        return reads.open(repository.newObjectReader(), requireNonNull(sha1Git, "sha1Git is null"));
    }

    /**
     * {@inheritDoc} The parents of the commits a shallow clone lists as shallow are left out, as git
     * does. The stream holds a reader of the repository until closed.
     */
    @Override
    public Stream<Revision> revisionLog(ObjectId head) {
        requireNonNull(head, "head is null");
        ObjectReader reader = repository.newObjectReader();
        try {
            if (reads.body(reader, head, Constants.OBJ_COMMIT) == null) {
                throw new VaultException(ErrorCode.OBJECT_NOT_FOUND,
                        "revision " + head + " is not in git repository " + path);
            }
            Set<ObjectId> shallow = new HashSet<>();
            for (org.eclipse.jgit.lib.ObjectId id : reader.getShallowCommits()) {
                shallow.add(JGitIds.fromJGit(id));
            }
            HistoryWalk.Parents parents = id -> {
                byte[] body = reads.body(reader, id, Constants.OBJ_COMMIT);
                return body == null ? null : shallow.contains(id) ? List.of() : CommitParser.parents(body);
            };
            return HistoryWalk.stream(head, parents, id -> reads.parse(reader, id, Constants.OBJ_COMMIT,
                    CommitParser::parse).orElseThrow(() -> new VaultException(ErrorCode.CORRUPT_OBJECT,
                            "revision " + id + " vanished from git repository " + path))).onClose(reader::close);
        } catch (IOException e) {
            reader.close();
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "cannot read the shallow commits of " + path, e);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    @Override
    public Map<ObjectId, Directory> directories(Collection<ObjectId> ids) {
        return readAll(ids, Constants.OBJ_TREE, TreeParser::parse);
    }

    @Override
    public Map<ObjectId, Revision> revisions(Collection<ObjectId> ids) {
        return readAll(ids, Constants.OBJ_COMMIT, CommitParser::parse);
    }

    @Override
    public Map<ObjectId, Release> releases(Collection<ObjectId> ids) {
        return readAll(ids, Constants.OBJ_TAG, TagParser::parse);
    }

    @Override
    public Map<ObjectId, Content> contents(Collection<ObjectId> ids) {
        Map<ObjectId, Content> found = new LinkedHashMap<>();
        try (ObjectReader reader = repository.newObjectReader()) {
            for (ObjectId id : ids) {
                reads.content(reader, id).ifPresent(c -> found.put(id, c));
            }
        }
        return found;
    }

    /** Closes the repository. */
    @Override
    public void close() {
        repository.close();
    }

    @Override
    public String toString() {
        return "GitObjectSource[" + path + "]";
    }

    private <T> Map<ObjectId, T> readAll(Collection<ObjectId> ids, int type, BiFunction<ObjectId, byte[], T> parser) {
        Map<ObjectId, T> found = new LinkedHashMap<>();
        try (ObjectReader reader = repository.newObjectReader()) {
            for (ObjectId id : ids) {
                reads.parse(reader, id, type, parser).ifPresent(o -> found.put(id, o));
            }
        }
        return found;
    }

    private <T> Optional<T> read(ObjectId id, int type, BiFunction<ObjectId, byte[], T> parser) {
        requireNonNull(id, "id is null");
        try (ObjectReader reader = repository.newObjectReader()) {
            return reads.parse(reader, id, type, parser);
        }
    }

    /** Returns the repository this source reads; it stays owned by this source. */
    @SuppressWarnings("exports") // JGit's type: a host that reads it requires org.eclipse.jgit itself
    @Override
    public Repository repository() {
        return repository;
    }
}
