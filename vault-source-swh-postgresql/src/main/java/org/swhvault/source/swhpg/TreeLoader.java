package org.swhvault.source.swhpg;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/**
 * Copies the directories the archive lacks, deepest first: a directory row is written only once its
 * subdirectories and contents are, so that whatever a reader finds in the archive is whole, and an interrupted load
 * leaves nothing that a later load would skip with holes in it. The walk goes depth first over batches: a batch
 * of up to {@value SwhPostgresSource#BATCH} directories is looked up in the archive in one query, read from the
 * source in one call, its contents copied, and its subdirectories form the batches below it. Memory holds the ids
 * of the batches on the current path, not the tree; directories are read again from the source when written.
 */
final class TreeLoader {
    /** A batch of directories missing from the archive, and the batches of their subdirectories still to copy. */
    private record Frame(List<ObjectId> directories, Deque<List<ObjectId>> below) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(TreeLoader.class);

    private final ObjectSource from;
    private final ArchiveWrites db;
    private final ContentLoader contents;
    private final SwhLoader.Summary summary;
    private final KnownIds known;

    TreeLoader(ObjectSource from, ArchiveWrites db, ContentLoader contents, SwhLoader.Summary summary,
            KnownIds known) {
        this.from = from;
        this.db = db;
        this.contents = contents;
        this.summary = summary;
        this.known = known;
    }

    /** Copies every directory reachable from {@code roots} that the archive lacks, with its contents. */
    void load(Collection<ObjectId> roots) throws SQLException {
        Deque<Frame> path = new ArrayDeque<>();
        path.push(new Frame(List.of(), new ArrayDeque<>(SwhPostgresSource.batches(roots))));
        while (!path.isEmpty()) {
            Frame top = path.peek();
            List<ObjectId> next = top.below().poll();
            if (next != null) {
                Frame frame = expand(next);
                if (frame != null) {
                    path.push(frame);
                }
            } else {
                path.pop();
                write(top.directories());
            }
        }
    }

    /** Looks a batch up, copies the contents of the directories missing, and lists their subdirectories. */
    private Frame expand(List<ObjectId> batch) throws SQLException {
        List<ObjectId> unknown = known.unknown(batch);
        Set<ObjectId> there = db.present(unknown, ArchiveWrites.Table.DIRECTORY);
        known.addAll(there);
        summary.add(ObjectType.DIRECTORY, 0, there.size());
        List<ObjectId> wanted = unknown.stream().filter(id -> !there.contains(id)).toList();
        if (wanted.isEmpty()) {
            return null;
        }
        List<Directory> read = read(wanted);
        if (read.isEmpty()) {
            return null;
        }
        Set<ObjectId> self = new HashSet<>(wanted);
        Set<ObjectId> files = new LinkedHashSet<>();
        Set<ObjectId> subdirectories = new LinkedHashSet<>();
        for (Directory d : read) {
            for (DirectoryEntry e : d.entries()) {
                if (e.type() == EntryType.FILE) {
                    files.add(e.target());
                } else if (e.type() == EntryType.DIR && !self.contains(e.target())) {
                    // one of the batch itself is written with it, in the same transaction
                    subdirectories.add(e.target());
                }
            }
        }
        contents.load(files);
        return new Frame(read.stream().map(Directory::id).toList(),
                new ArrayDeque<>(SwhPostgresSource.batches(subdirectories)));
    }

    private void write(List<ObjectId> directories) throws SQLException {
        if (directories.isEmpty()) {
            return;
        }
        summary.add(ObjectType.DIRECTORY, db.writeDirectories(read(directories)), 0);
        known.addAll(directories);
    }

    /**
     * Reads directories from the source, in order. One the source lacks (an incomplete repository, a commit
     * without a tree) is left out, as cookers leave it out of a bundle.
     */
    private List<Directory> read(List<ObjectId> ids) {
        Map<ObjectId, Directory> found = from.directories(ids);
        List<Directory> out = new ArrayList<>(ids.size());
        for (ObjectId id : ids) {
            Directory d = found.get(id);
            if (d == null) {
                LOG.warn("{} is referenced but missing from {}: it is left out", Swhid.of(ObjectType.DIRECTORY, id),
                        from);
            } else {
                out.add(d);
            }
        }
        return out;
    }
}
