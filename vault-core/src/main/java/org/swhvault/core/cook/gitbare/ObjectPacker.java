package org.swhvault.core.cook.gitbare;

import java.io.IOException;
import java.nio.file.Path;
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
import org.swhvault.core.cook.gitbare.pack.DeltaOrder;
import org.swhvault.core.cook.gitbare.pack.GitObjectType;
import org.swhvault.core.cook.gitbare.pack.PackFile;
import org.swhvault.core.cook.gitbare.pack.PackWriter;
import org.swhvault.core.cook.gitbare.pack.PathHash;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.DirectoryEntries;
import org.swhvault.spi.model.Manifests;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Timestamp;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;

/**
 * Walks the objects reachable from the roots it is given and adds each once to a pack. The walk reads
 * releases (following chains), then revisions (whole histories), then directories (breadth first), in
 * batches, and puts each object in a {@link DeltaOrder} with the path where it was first seen: releases,
 * revisions and directories with their bodies, contents by id. The pack is then written in that order
 * (commits, tags, trees, blobs, the versions of a path together, newest first), contents read as they
 * come, so that the pack writer can store each object as a delta of a similar one before it. Submodule
 * targets are not followed. Memory holds ids (a set of every id seen, queues of directories to visit with
 * 8 bytes of path hash each, the targets of releases), not objects: the order spills to disk, so does the
 * set of ids past its heap budget, and content bytes are streamed.
 *
 * <p>An object the source does not have is left out and reported; contents go through a
 * {@link ContentWriter}. Works with any source; owns the pack writer and the order it is given.
 */
final class ObjectPacker implements Packing {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectPacker.class);
    private static final int BATCH = 1024;
    private static final int MAX_CHAIN = 1000;

    private final ObjectSource source;
    private final PackWriter pack;
    private final CookReport report;
    private final IdSet seen;
    private final Set<ObjectId> left = new HashSet<>();
    private final Map<ObjectId, Target> releaseTargets = new HashMap<>();
    private final IdQueue releases;
    private final IdQueue revisions;
    private final IdQueue directories;
    private final IdQueue rootDirectories;
    private final DeltaOrder order;
    private final ContentWriter contentWriter;

    /**
     * Creates a packer whose set of ids seen and queues move to files in {@code work} past {@code heap} bytes
     * (the set) and a quarter of that each (the queues).
     */
    ObjectPacker(ObjectSource source, PackWriter pack, DeltaOrder order, Path work, long heap, CookReport report) {
        this.source = source;
        this.seen = new IdSet(work, heap);
        this.releases = new IdQueue(work, heap / 4);
        this.revisions = new IdQueue(work, heap / 4);
        this.directories = new IdQueue(work, heap / 4);
        this.rootDirectories = new IdQueue(work, heap / 4);
        this.pack = pack;
        this.order = order;
        this.report = report;
        this.contentWriter = new ContentWriter(source, pack, report);
    }

    @Override
    public boolean add(ObjectType type, ObjectId id) throws IOException {
        return add(type, id, PathHash.ROOT);
    }

    private boolean add(ObjectType type, ObjectId id, long path) throws IOException {
        IdQueue queue = switch (type) {
            case RELEASE -> releases;
            case REVISION -> revisions;
            case DIRECTORY -> directories;
            default -> null;
        };
        if (queue == null && type != ObjectType.CONTENT) {
            return false;
        }
        if (seen.add(id)) {
            if (queue != null) {
                queue.add(id, path);
            } else {
                order.add(GitObjectType.BLOB, id, path, null);
            }
        }
        return true;
    }

    @Override
    public void addMade(GitObjectType type, ObjectId id, byte[] body) throws IOException {
        if (seen.add(id)) {
            order.add(type, id, PathHash.ROOT, body);
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
        // Walking directories from the newest root first sees the versions of each path in the order of
        // history, whatever order the revisions were read in (many tags start many walks at once).
        rootDirectories.sortByTagDescending();
        while (!rootDirectories.isEmpty()) {
            for (ObjectId id : rootDirectories.poll(BATCH)) {
                directories.add(id, PathHash.ROOT);
            }
        }
        long[] paths = new long[BATCH];
        while (!directories.isEmpty()) {
            List<ObjectId> batch = directories.poll(BATCH, paths);
            Map<ObjectId, Directory> found = source.directories(batch);
            for (int i = 0; i < batch.size(); i++) {
                writeDirectory(batch.get(i), found.get(batch.get(i)), paths[i]);
            }
            listed();
        }
        long t1 = System.nanoTime();
        long total = order.size();
        try (DeltaOrder.Cursor objects = order.sorted()) {
            while (objects.next()) {
                byte[] body = objects.body();
                if (body == null) {
                    contentWriter.write(objects.id(), objects.group());
                } else {
                    pack.add(objects.type(), objects.id(), body, objects.group());
                }
                report.progress("Writing objects " + pack.objectCount() + " of " + total, pack.objectCount(), total);
            }
        }
        LOG.debug("Listed {} objects in {} ms, then packed them in {} ms", total, (t1 - t0) / 1_000_000,
                (System.nanoTime() - t1) / 1_000_000);
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
        try {
            pack.close();
        } finally {
            try {
                order.close();
            } finally {
                seen.close();
                releases.close();
                revisions.close();
                directories.close();
                rootDirectories.close();
            }
        }
    }

    private void listed() {
        report.progress("Listing objects", order.size(), -1);
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
        order.add(GitObjectType.TAG, id, PathHash.ROOT, body(release.rawManifest(), id, () -> Manifests.release(release)));
        add(release.targetType(), release.target(), PathHash.ROOT);
    }

    private void writeRevision(ObjectId id, Revision revision) throws IOException {
        if (revision == null) {
            missing("revision", id);
            return;
        }
        order.add(GitObjectType.COMMIT, id, PathHash.ROOT,
                body(revision.rawManifest(), id, () -> Manifests.revision(revision)));
        if (seen.add(revision.directory())) {
            rootDirectories.add(revision.directory(), revision.committerDate().map(Timestamp::seconds)
                    .or(() -> revision.date().map(Timestamp::seconds)).orElse(Long.MIN_VALUE));
        }
        for (ObjectId parent : revision.parents()) {
            add(ObjectType.REVISION, parent, PathHash.ROOT);
        }
    }

    private void writeDirectory(ObjectId id, Directory directory, long path) throws IOException {
        if (directory == null) {
            missing("directory", id);
            return;
        }
        order.add(GitObjectType.TREE, id, path,
                body(directory.rawManifest(), id, () -> Manifests.directory(directory.entries())));
        // A directory's entries are always packed (DirectoryEntries): read fields, build no entry records.
        DirectoryEntries entries = DirectoryEntries.copyOf(directory.entries());
        for (int i = 0; i < entries.size(); i++) {
            switch (entries.type(i)) {
                case DIR -> add(ObjectType.DIRECTORY, entries.target(i), PathHash.child(path, entries.name(i)));
                case FILE -> add(ObjectType.CONTENT, entries.target(i), PathHash.child(path, entries.name(i)));
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
