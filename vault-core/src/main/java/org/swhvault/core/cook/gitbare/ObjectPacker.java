package org.swhvault.core.cook.gitbare;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.core.cook.gitbare.pack.GitObjectType;
import org.swhvault.core.cook.gitbare.pack.PackFile;
import org.swhvault.core.cook.gitbare.pack.PackWriter;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.Manifests;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;

/**
 * Walks the objects reachable from the roots it is given and adds each once to a pack: releases
 * (following chains), then revisions (whole histories), then directories (recursively), then
 * contents, each kind in first-seen order, read from the source in batches. Submodule targets are
 * not followed. Only ids are kept in memory (a set of every id seen, queues of ids to visit, the
 * targets of releases); content bytes are streamed.
 *
 * <p>An object the source does not have is left out and reported; contents go through a
 * {@link ContentWriter}. Works with any source; owns the pack writer it is given.
 */
final class ObjectPacker implements Packing {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectPacker.class);
    private static final int BATCH = 1024;
    private static final int MAX_CHAIN = 1000;

    private final ObjectSource source;
    private final PackWriter pack;
    private final CookReport report;
    private final IdSet seen = new IdSet();
    private final Set<ObjectId> left = new HashSet<>();
    private final Map<ObjectId, Target> releaseTargets = new HashMap<>();
    private final IdQueue releases = new IdQueue();
    private final IdQueue revisions = new IdQueue();
    private final IdQueue directories = new IdQueue();
    private final IdQueue contents = new IdQueue();
    private final ContentWriter contentWriter;

    ObjectPacker(ObjectSource source, PackWriter pack, CookReport report) {
        this.source = source;
        this.pack = pack;
        this.report = report;
        this.contentWriter = new ContentWriter(source, pack, report);
    }

    @Override
    public boolean add(ObjectType type, ObjectId id) {
        IdQueue queue = switch (type) {
            case RELEASE -> releases;
            case REVISION -> revisions;
            case DIRECTORY -> directories;
            case CONTENT -> contents;
            default -> null;
        };
        if (queue == null) {
            return false;
        }
        if (seen.add(id)) {
            queue.add(id);
        }
        return true;
    }

    @Override
    public void addMade(GitObjectType type, ObjectId id, byte[] body) throws IOException {
        if (seen.add(id)) {
            pack.add(type, id, body);
        }
    }

    /** Visits everything queued and adds it to the pack. */
    @Override
    public void run() throws IOException {
        long t0 = System.nanoTime();
        while (!releases.isEmpty()) {
            List<ObjectId> batch = releases.poll(BATCH);
            Map<ObjectId, Release> found = source.releases(batch);
            for (ObjectId id : batch) {
                writeRelease(id, found.get(id));
            }
            listed();
        }
        while (!revisions.isEmpty()) {
            List<ObjectId> batch = revisions.poll(BATCH);
            Map<ObjectId, Revision> found = source.revisions(batch);
            for (ObjectId id : batch) {
                writeRevision(id, found.get(id));
            }
            listed();
        }
        while (!directories.isEmpty()) {
            List<ObjectId> batch = directories.poll(BATCH);
            Map<ObjectId, Directory> found = source.directories(batch);
            for (ObjectId id : batch) {
                writeDirectory(id, found.get(id));
            }
            listed();
        }
        long t1 = System.nanoTime();
        long listed = pack.objectCount();
        long total = listed + contents.size();
        while (!contents.isEmpty()) {
            for (ObjectId id : contents.poll(BATCH)) {
                contentWriter.write(id);
                report.progress("Writing objects " + pack.objectCount() + " of " + total, pack.objectCount(), total);
            }
        }
        LOG.debug("Packed {} releases, revisions and directories in {} ms, then {} contents in {} ms", listed,
                (t1 - t0) / 1_000_000, total - listed, (System.nanoTime() - t1) / 1_000_000);
    }

    @Override
    public boolean contains(ObjectId id) {
        return seen.contains(id) && !left.contains(id);
    }

    @Override
    public long objectCount() {
        return pack.objectCount();
    }

    @Override
    public Optional<Target> peel(ObjectId release) {
        ObjectId id = release;
        for (int i = 0; i < MAX_CHAIN; i++) {
            Target t = releaseTargets.get(id);
            if (t == null || !contains(id)) {
                return Optional.empty();
            }
            if (t.type() != ObjectType.RELEASE) {
                return contains(t.id()) ? Optional.of(t) : Optional.empty();
            }
            id = t.id();
        }
        return Optional.empty();
    }

    @Override
    public PackFile finish() throws IOException {
        return pack.finish();
    }

    @Override
    public void close() throws IOException {
        pack.close();
    }

    private void listed() {
        report.progress("Listing objects", pack.objectCount(), -1);
    }

    private void writeRelease(ObjectId id, Release release) throws IOException {
        if (release == null) {
            missing("release", id);
            return;
        }
        releaseTargets.put(id, new Target(release.targetType(), release.target()));
        if (release.targetType() == ObjectType.SNAPSHOT) {
            left.add(id);
            report.note("The release " + id + " points to a snapshot, which a git repository cannot hold; "
                    + "it is left out.");
            return;
        }
        pack.add(GitObjectType.TAG, id, body(release.rawManifest(), id, () -> Manifests.release(release)));
        add(release.targetType(), release.target());
    }

    private void writeRevision(ObjectId id, Revision revision) throws IOException {
        if (revision == null) {
            missing("revision", id);
            return;
        }
        pack.add(GitObjectType.COMMIT, id, body(revision.rawManifest(), id, () -> Manifests.revision(revision)));
        add(ObjectType.DIRECTORY, revision.directory());
        for (ObjectId parent : revision.parents()) {
            add(ObjectType.REVISION, parent);
        }
    }

    private void writeDirectory(ObjectId id, Directory directory) throws IOException {
        if (directory == null) {
            missing("directory", id);
            return;
        }
        pack.add(GitObjectType.TREE, id, body(directory.rawManifest(), id, () -> Manifests.directory(directory.entries())));
        for (DirectoryEntry entry : directory.entries()) {
            switch (entry.type()) {
                case DIR -> add(ObjectType.DIRECTORY, entry.target());
                case FILE -> add(ObjectType.CONTENT, entry.target());
                case REV -> {
                    // A submodule's commit belongs to another repository.
                }
            }
        }
    }

    private void missing(String type, ObjectId id) {
        left.add(id);
        report.note("The " + type + " " + id + " is missing from the archive; it is left out.");
    }

    /** Returns the object body: the raw manifest without its header, else the canonical body. */
    private static byte[] body(Optional<Bytes> rawManifest, ObjectId id, Supplier<byte[]> canonical) {
        if (rawManifest.isEmpty()) {
            return canonical.get();
        }
        byte[] raw = rawManifest.get().toByteArray();
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                return Arrays.copyOfRange(raw, i + 1, raw.length);
            }
        }
        throw new VaultException(ErrorCode.CORRUPT_OBJECT,
                "The raw manifest of object " + id + " has no '<type> <length>\\0' header.");
    }
}
