package org.swhvault.core.cook.gitbare;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.internal.storage.pack.PackWriter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.swhvault.core.cook.gitbare.pack.GitObjectType;
import org.swhvault.core.cook.gitbare.pack.PackFile;
import org.swhvault.core.source.git.internal.JGitIds;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.ObjectType;

/**
 * Packs what the roots reach in a git repository whose object ids are the SWHIDs (the one a
 * {@code GitObjectSource} reads) with JGit's {@link PackWriter}: every object is copied as the
 * repository stores it, deltas included (when their base is packed too), and no new delta is
 * searched, which keeps the pack deterministic; only loose objects are compressed, at the cooker's
 * level. The objects are those {@link ObjectPacker} would pack: everything reachable from the roots,
 * without submodule commits, stopping at the commits a shallow repository lists as shallow, listed
 * by {@link RepositoryWalk}. JGit writes commits, then tags, trees and blobs, each in the walk's order.
 *
 * <p>JGit holds about 210 bytes per object while the walk lists them (the walk's objects and the
 * writer's) and 135 while it writes (measured on the benchmark repository): 10 MiB for 50,000
 * objects, but 2 GiB for ten million.
 *
 * <p>A repository that lacks an object the roots reach (a partial clone), or holds one JGit refuses
 * to walk, makes {@link #run()} throw {@link IncompleteRepositoryException}: nothing was written to
 * the bundle yet, and the cooker packs object by object instead, which reports what is missing.
 */
final class RepositoryPacker implements Packing {
    /** The progress message that starts this packing. */
    static final String MESSAGE = "Packing the objects the repository stores";

    /** The repository lacks an object the roots reach, or holds one JGit cannot walk. */
    static final class IncompleteRepositoryException extends IOException {
        private static final long serialVersionUID = 1L;

        IncompleteRepositoryException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final Repository repository;
    private final Path work;
    private final int level;
    private final CookReport report;
    private final Set<org.eclipse.jgit.lib.ObjectId> wants = new LinkedHashSet<>();
    private PackWriter writer;
    private final TagPeeler tags;
    private Path packPath;
    private Path indexPath;
    private long objectCount;
    private boolean finished;

    RepositoryPacker(Repository repository, Path work, int level, CookReport report) {
        this.repository = repository;
        this.work = work;
        this.level = level;
        this.report = report;
        this.tags = new TagPeeler(repository, this::contains);
    }

    @Override
    public boolean add(ObjectType type, ObjectId id) {
        if (type == ObjectType.SNAPSHOT) {
            return false;
        }
        wants.add(JGitIds.toJGit(id));
        return true;
    }

    @Override
    public void addMade(GitObjectType type, ObjectId id, byte[] body) {
        throw new UnsupportedOperationException("a repository's pack holds the repository's objects only");
    }

    @Override
    public void run() throws IOException {
        report.progress(MESSAGE, 0, -1);
        writer = new PackWriter(config(), repository.newObjectReader());
        writer.setUseBitmaps(false);
        writer.setUseCachedPacks(false);
        writer.setThin(false);
        writer.setReuseDeltaCommits(true);
        writer.setReuseValidatingObjects(true);
        JGitProgress monitor = new JGitProgress(report);
        try {
            RepositoryWalk.list(repository, wants, writer, monitor);
            packPath = work.resolve("repository.pack");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(packPath), 1 << 16)) {
                writer.writePack(monitor, monitor, out);
            }
            indexPath = work.resolve("repository.idx");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(indexPath), 1 << 16)) {
                writer.writeIndex(out);
            }
            objectCount = writer.getObjectCount();
        } catch (MissingObjectException | IncorrectObjectTypeException | CorruptObjectException e) {
            throw new IncompleteRepositoryException(e);
        } catch (IOException e) {
            // JGit says "cancelled" with an IOException: the caller wants CANCELLED.
            report.checkCancelled();
            throw e;
        }
    }

    private PackConfig config() {
        PackConfig config = new PackConfig();
        config.setReuseObjects(true);
        config.setReuseDeltas(true);
        config.setDeltaCompress(false);
        config.setDeltaBaseAsOffset(true);
        config.setCompressionLevel(level);
        config.setIndexVersion(2);
        config.setBuildBitmaps(false);
        return config;
    }

    @Override
    public boolean contains(ObjectId id) {
        return writer != null && writer.get(JGitIds.toJGit(id)) != null;
    }

    @Override
    public Optional<Target> peel(ObjectId release) {
        return tags.peel(release);
    }

    @Override
    public long objectCount() {
        return objectCount;
    }

    @Override
    public PackFile finish() throws IOException {
        PackFile file = PackFile.of(packPath, indexPath, objectCount);
        finished = true;
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            tags.close();
            if (writer != null) {
                writer.close();
            }
        } finally {
            if (!finished) {
                if (packPath != null) {
                    Files.deleteIfExists(packPath);
                }
                if (indexPath != null) {
                    Files.deleteIfExists(indexPath);
                }
            }
        }
    }
}
