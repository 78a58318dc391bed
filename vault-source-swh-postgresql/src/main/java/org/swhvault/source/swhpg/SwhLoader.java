package org.swhvault.source.swhpg;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.BranchTarget;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.spi.model.SnapshotBranch;
import org.swhvault.spi.objstorage.ObjStorage;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

import static java.util.Objects.requireNonNull;

/**
 * Writes every object a snapshot reaches, read from any {@link ObjectSource} (typically a git repository), into
 * an archive in swh-storage's PostgreSQL schema and an {@link ObjStorage}, as swh-loader-git does: contents with
 * their four hashes, directories with their entry rows, persons (with the name and email swh-model guesses),
 * revisions with their history, releases, the snapshot and its branches, and for an origin URL the origin, a
 * visit and its status ({@code full}, with the snapshot).
 *
 * <p>Every object is written after everything it references and in one transaction with the rows it is made of:
 * content bytes before their row, a directory after its contents and subdirectories, a revision after its tree and
 * its parents, a release after its target, the snapshot last. So the archive never holds an object with a hole
 * below it, even if a load stops halfway, and a load is incremental: an object the archive holds is skipped with
 * everything it reaches (looked up in batches of {@value SwhPostgresSource#BATCH}, one query each; the ids last
 * seen are remembered, in bounded memory). Rows are written many per statement.
 *
 * <p>Memory: the ids and parents of the revisions the archive lacks (about 150 bytes each, as a history walk
 * needs), the batches on the current path of the directory walk, a bounded set of known ids; never a whole tree.
 * Contents are copied by a few threads, each holding one of up to 1 MiB in memory or a larger one in a temporary
 * file. A date PostgreSQL cannot hold (before 4714 BC, after
 * 294276) is stored as no date with the object's bytes as raw manifest, so that the object still hashes to its id.
 * Works on both flavours, and on a database created by swh-storage itself.
 */
public final class SwhLoader {
    /** How many objects of each type were written, and how many were there already. */
    public static final class Summary {
        private final Map<ObjectType, long[]> counts = new EnumMap<>(ObjectType.class);

        void add(ObjectType type, long written, long skipped) {
            long[] c = counts.computeIfAbsent(type, t -> new long[2]);
            c[0] += written;
            c[1] += skipped;
        }

        /**
         * Returns how many objects of a type were written.
         *
         * @param type an object type
         * @return the count
         */
        public long written(ObjectType type) {
            return counts.getOrDefault(type, new long[2])[0];
        }

        /**
         * Returns how many objects of a type the load found in the archive already, where its walks stopped (an
         * object met again after the load forgot it counts again).
         *
         * @param type an object type
         * @return the count
         */
        public long skipped(ObjectType type) {
            return counts.getOrDefault(type, new long[2])[1];
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (ObjectType t : List.of(ObjectType.CONTENT, ObjectType.DIRECTORY, ObjectType.REVISION,
                    ObjectType.RELEASE, ObjectType.SNAPSHOT)) {
                String noun = t.name().toLowerCase(java.util.Locale.ROOT);
                if (written(t) != 1) {
                    noun = noun.equals("directory") ? "directories" : noun + "s";
                }
                b.append(b.length() == 0 ? "" : ", ").append(written(t)).append(' ').append(noun)
                        .append(" written (").append(skipped(t))
                        .append(" already there)");
            }
            return b.toString();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SwhLoader.class);
    /** How many ids of objects known to be in the archive are remembered. */
    private static final int KNOWN_IDS = 1 << 17;
    /** How many contents are copied at once. */
    private static final int COPIERS = 4;

    private final ObjectSource from;
    private final ArchiveWrites db;
    private final Consumer<String> progress;
    private final Summary summary = new Summary();
    private final KnownIds known = new KnownIds(KNOWN_IDS);
    private final ContentLoader contents;
    private final TreeLoader trees;

    private SwhLoader(ObjectSource from, ArchiveWrites db, ObjStorage objstorage, Path tmp, Consumer<String> progress,
            ExecutorService copiers) {
        this.from = from;
        this.db = db;
        this.progress = progress;
        this.contents = new ContentLoader(from, db, objstorage, tmp, summary, known, copiers);
        this.trees = new TreeLoader(from, db, contents, summary, known);
    }

    /**
     * Loads everything snapshot {@code snapshot} of {@code from} reaches.
     *
     * @param from where the objects are read
     * @param snapshot the snapshot to load
     * @param db a connection to the archive's database (autocommit is turned off: each object commits with the rows
     *     it is made of)
     * @param objstorage where content bytes are written
     * @param origin the origin URL to record a visit of, if any
     * @param tmp a directory for content bytes on their way
     * @param progress told what is being done, now and then
     * @return what was written and skipped
     * @throws VaultException with {@link ErrorCode#OBJECT_NOT_FOUND} if the snapshot is not in {@code from},
     *     {@link ErrorCode#SOURCE_FAILURE} if the database fails
     */
    public static Summary load(ObjectSource from, ObjectId snapshot, Connection db, ObjStorage objstorage,
            Optional<String> origin, Path tmp, Consumer<String> progress) {
        requireNonNull(from, "from is null");
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(db, "db is null");
        requireNonNull(objstorage, "objstorage is null");
        requireNonNull(origin, "origin is null");
        requireNonNull(tmp, "tmp is null");
        requireNonNull(progress, "progress is null");
        SwhLoader loader;
        ExecutorService copiers = Executors.newFixedThreadPool(COPIERS, r -> {
            Thread t = new Thread(r, "swh-loader-content");
            t.setDaemon(true);
            return t;
        });
        try {
            loader = new SwhLoader(from, new ArchiveWrites(db), objstorage, tmp, progress, copiers);
            loader.run(snapshot, origin);
        } catch (SQLException e) {
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "Writing to the swh-storage database failed: "
                    + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "Reading or writing content bytes failed: "
                    + e.getCause().getMessage(), e);
        } finally {
            copiers.shutdownNow();
        }
        return loader.summary;
    }

    /**
     * Loads everything snapshot {@code snapshot} of {@code from} reaches into the database at {@code db}, on a
     * connection of its own.
     *
     * @param from where the objects are read
     * @param snapshot the snapshot to load
     * @param db the archive's database
     * @param objstorage where content bytes are written
     * @param origin the origin URL to record a visit of, if any
     * @param tmp a directory for content bytes on their way
     * @param progress told what is being done, now and then
     * @return what was written and skipped
     * @throws VaultException with {@link ErrorCode#SOURCE_FAILURE} if the database cannot be reached, does not hold
     *     swh-storage's tables, or fails
     */
    public static Summary loadInto(PostgresLocation db, ObjectSource from, ObjectId snapshot, ObjStorage objstorage,
            Optional<String> origin, Path tmp, Consumer<String> progress) {
        Connection c = StorageDatabase.connect(db, "Cannot use ");
        try (c) {
            if (!StorageDatabase.hasTables(c)) {
                throw StorageDatabase.withoutTables(db, " (create them first: vault load --create-schema)");
            }
            return load(from, snapshot, c, objstorage, origin, tmp, progress);
        } catch (SQLException e) {
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "Cannot use " + db + ": " + e.getMessage(), e);
        }
    }

    /** Connects to {@code db} with its password, if it has one, and its connection parameters. */
    static Connection connect(PostgresLocation db) throws SQLException {
        return db.connect(new org.postgresql.Driver(), Map.of());
    }

    private void run(ObjectId snapshotId, Optional<String> origin) throws SQLException {
        Snapshot snapshot = from.snapshot(snapshotId).orElseThrow(() -> new VaultException(
                ErrorCode.OBJECT_NOT_FOUND, Swhid.of(ObjectType.SNAPSHOT, snapshotId) + " was not found."));
        // Even with the snapshot there, its targets are looked up (a few queries): a database also fed by
        // replication may hold a snapshot before what it reaches.
        Targets targets = new Targets();
        for (SnapshotBranch b : snapshot.branches()) {
            if (b.target() instanceof BranchTarget.ToObject t) {
                targets.add(t.type(), t.id());
            }
        }
        MissingGraph releases = missingReleases(targets);
        contents.load(targets.contents);
        trees.load(targets.directories);
        loadHistory(targets.revisions);
        for (List<ObjectId> batch : SwhPostgresSource.batches(releases.referencesFirst(targets.releases))) {
            List<Release> read = List.copyOf(from.releases(batch).values());
            summary.add(ObjectType.RELEASE, db.writeReleases(read), 0);
        }
        boolean written = db.writeSnapshot(snapshot);
        summary.add(ObjectType.SNAPSHOT, written ? 1 : 0, written ? 0 : 1);
        if (origin.isPresent()) {
            db.writeVisit(origin.get(), snapshotId);
        }
    }

    /** What branches and releases point to, by type. */
    private static final class Targets {
        final Set<ObjectId> releases = new LinkedHashSet<>();
        final Set<ObjectId> revisions = new LinkedHashSet<>();
        final Set<ObjectId> directories = new LinkedHashSet<>();
        final Set<ObjectId> contents = new LinkedHashSet<>();

        void add(ObjectType type, ObjectId id) {
            switch (type) {
                case RELEASE -> releases.add(id);
                case REVISION -> revisions.add(id);
                case DIRECTORY -> directories.add(id);
                case CONTENT -> contents.add(id);
                default -> {
                    // a snapshot pointing to a snapshot: nothing git can hold
                }
            }
        }
    }

    /** The releases the archive lacks (and the releases they point to); their other targets join {@code targets}. */
    private MissingGraph missingReleases(Targets targets) throws SQLException {
        MissingGraph missing = new MissingGraph();
        Set<ObjectId> outside = new HashSet<>();
        Deque<ObjectId> queue = new ArrayDeque<>(targets.releases);
        while (!queue.isEmpty()) {
            List<ObjectId> batch = take(queue, id -> missing.contains(id) || outside.contains(id));
            Set<ObjectId> there = db.present(batch, ArchiveWrites.Table.RELEASE);
            outside.addAll(there);
            summary.add(ObjectType.RELEASE, 0, there.size());
            List<ObjectId> wanted = batch.stream().filter(id -> !there.contains(id)).toList();
            Map<ObjectId, Release> read = from.releases(wanted);
            for (ObjectId id : wanted) {
                Release r = read.get(id);
                if (r == null) {
                    LOG.warn("{} is missing from {}: it is left out", Swhid.of(ObjectType.RELEASE, id), from);
                    outside.add(id);
                } else if (r.targetType() == ObjectType.RELEASE) {
                    missing.add(id, List.of(r.target()));
                    queue.add(r.target());
                } else {
                    missing.add(id, List.of());
                    targets.add(r.targetType(), r.target());
                }
            }
        }
        return missing;
    }

    /**
     * Copies the revisions reachable from {@code heads} that the archive lacks, oldest first, in batches: each
     * batch's trees, then its revisions with their history in one transaction.
     */
    private void loadHistory(Collection<ObjectId> heads) throws SQLException {
        MissingGraph missing = new MissingGraph();
        Set<ObjectId> outside = new HashSet<>(); // in the archive already, or not in the source
        Deque<ObjectId> queue = new ArrayDeque<>(heads);
        while (!queue.isEmpty()) {
            List<ObjectId> batch = take(queue, id -> missing.contains(id) || outside.contains(id));
            List<ObjectId> unknown = known.unknown(batch);
            if (unknown.size() < batch.size()) {
                Set<ObjectId> lookedUp = new HashSet<>(unknown);
                batch.stream().filter(id -> !lookedUp.contains(id)).forEach(outside::add);
            }
            Set<ObjectId> there = db.present(unknown, ArchiveWrites.Table.REVISION);
            outside.addAll(there);
            summary.add(ObjectType.REVISION, 0, there.size());
            List<ObjectId> wanted = unknown.stream().filter(id -> !there.contains(id)).toList();
            Map<ObjectId, Revision> read = from.revisions(wanted);
            for (ObjectId id : wanted) {
                Revision r = read.get(id);
                if (r == null) {
                    outside.add(id); // a parent the repository does not have (a shallow clone)
                    continue;
                }
                missing.add(id, r.parents());
                queue.addAll(r.parents());
            }
            if (missing.size() % 10_000 < wanted.size()) {
                progress.accept(missing.size() + " revisions to write found");
            }
        }
        List<ObjectId> order = missing.referencesFirst(heads);
        for (List<ObjectId> batch : SwhPostgresSource.batches(order)) {
            Map<ObjectId, Revision> read = from.revisions(batch);
            List<Revision> revisions = new ArrayList<>(batch.size());
            for (ObjectId id : batch) {
                revisions.add(requireNonNull(read.get(id), "the source lost a revision"));
            }
            trees.load(revisions.stream().map(Revision::directory).toList());
            summary.add(ObjectType.REVISION, db.writeRevisions(revisions), 0);
            known.addAll(batch);
            progress.accept(summary.written(ObjectType.REVISION) + " of " + order.size() + " revisions written");
        }
    }

    /** Up to one batch of distinct ids from the head of {@code queue}, leaving out those {@code done} accepts. */
    private static List<ObjectId> take(Deque<ObjectId> queue, Predicate<ObjectId> done) {
        Set<ObjectId> batch = new LinkedHashSet<>();
        while (!queue.isEmpty() && batch.size() < SwhPostgresSource.BATCH) {
            ObjectId id = queue.poll();
            if (!done.test(id)) {
                batch.add(id);
            }
        }
        return new ArrayList<>(batch);
    }
}
