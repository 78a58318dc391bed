package org.swhvault.source.swhpg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.BranchTarget;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentHasher;
import org.swhvault.spi.model.ContentHashes;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.Header;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Person;
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
 * their four hashes (bytes first, row after, so a visible row always has its bytes), directories with their
 * entry rows, persons, revisions with their history, releases, the snapshot and its branches, and for an origin
 * URL the origin, a visit and its status ({@code full}, with the snapshot). Incremental: objects the database
 * holds already are skipped, with what they reach (checked in batches). Objects are read and written in batches
 * of {@value SwhPostgresSource#BATCH}; content bytes go through a temporary file, never whole in memory. Works
 * on both flavours, and on a database created by swh-storage itself.
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
         * Returns how many objects of a type were there already.
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

    private final ObjectSource from;
    private final Connection db;
    private final ObjStorage objstorage;
    private final Path tmp;
    private final Consumer<String> progress;
    private final Summary summary = new Summary();
    private final Set<ObjectId> seenDirectories = new HashSet<>();
    private final Set<ObjectId> seenContents = new HashSet<>();

    private SwhLoader(ObjectSource from, Connection db, ObjStorage objstorage, Path tmp, Consumer<String> progress) {
        this.from = from;
        this.db = db;
        this.objstorage = objstorage;
        this.tmp = tmp;
        this.progress = progress;
    }

    /**
     * Loads everything snapshot {@code snapshot} of {@code from} reaches.
     *
     * @param from where the objects are read
     * @param snapshot the snapshot to load
     * @param db a connection to the archive's database (autocommit is turned on; each batch commits)
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
        SwhLoader loader = new SwhLoader(from, db, objstorage, requireNonNull(tmp, "tmp is null"),
                requireNonNull(progress, "progress is null"));
        try {
            db.setAutoCommit(true);
            loader.run(snapshot, origin);
        } catch (SQLException e) {
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "Writing to the swh-storage database failed: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "Reading or writing content bytes failed: "
                    + e.getMessage(), e);
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
     * @throws VaultException with {@link ErrorCode#SOURCE_FAILURE} if the database cannot be reached or fails
     */
    public static Summary loadInto(PostgresLocation db, ObjectSource from, ObjectId snapshot, ObjStorage objstorage,
            Optional<String> origin, Path tmp, Consumer<String> progress) {
        try (Connection c = connect(db)) {
            return load(from, snapshot, c, objstorage, origin, tmp, progress);
        } catch (SQLException e) {
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "Cannot use " + db + ": " + e.getMessage(), e);
        }
    }

    /** Connects to {@code db} with its password, if it has one. */
    static Connection connect(PostgresLocation db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password().orElse(null));
    }

    private void run(ObjectId snapshotId, Optional<String> origin) throws SQLException, IOException {
        Snapshot snapshot = from.snapshot(snapshotId).orElseThrow(() -> new VaultException(
                ErrorCode.OBJECT_NOT_FOUND, Swhid.of(ObjectType.SNAPSHOT, snapshotId) + " was not found."));
        List<ObjectId> releases = new ArrayList<>();
        List<ObjectId> revisions = new ArrayList<>();
        List<ObjectId> directories = new ArrayList<>();
        List<ObjectId> contents = new ArrayList<>();
        for (SnapshotBranch b : snapshot.branches()) {
            if (b.target() instanceof BranchTarget.ToObject t) {
                target(t.type(), t.id(), releases, revisions, directories, contents);
            }
        }
        Deque<ObjectId> pendingReleases = new ArrayDeque<>(releases);
        while (!pendingReleases.isEmpty()) {
            List<ObjectId> batch = take(pendingReleases);
            Collection<Release> read = from.releases(batch).values();
            for (Release r : read) {
                if (r.targetType() == ObjectType.RELEASE) {
                    pendingReleases.add(r.target());
                } else {
                    target(r.targetType(), r.target(), new ArrayList<>(), revisions, directories, contents);
                }
            }
            writeReleases(read);
        }
        for (ObjectId head : new LinkedHashSet<>(revisions)) {
            loadHistory(head);
        }
        loadDirectories(directories);
        loadContents(contents);
        writeSnapshot(snapshot);
        if (origin.isPresent()) {
            writeVisit(origin.get(), snapshotId);
        }
    }

    private static void target(ObjectType type, ObjectId id, List<ObjectId> releases, List<ObjectId> revisions,
            List<ObjectId> directories, List<ObjectId> contents) {
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

    private static List<ObjectId> take(Deque<ObjectId> queue) {
        List<ObjectId> batch = new ArrayList<>();
        while (!queue.isEmpty() && batch.size() < SwhPostgresSource.BATCH) {
            batch.add(queue.poll());
        }
        return batch;
    }

    /** The ids of {@code ids} that {@code table} holds already. */
    private Set<ObjectId> existing(String table, String column, Collection<ObjectId> ids) throws SQLException {
        Set<ObjectId> found = new HashSet<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = db.prepareStatement("SELECT " + column + " FROM " + table + " WHERE " + column
                + " = ANY(?)")) {
            ps.setArray(1, db.createArrayOf("bytea", Columns.toArray(new ArrayList<>(ids))));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(ObjectId.of(rs.getBytes(1)));
                }
            }
        }
        return found;
    }

    private void loadHistory(ObjectId head) throws SQLException {
        if (!existing("revision", "id", List.of(head)).isEmpty()) {
            summary.add(ObjectType.REVISION, 0, 1);
            return;
        }
        List<Revision> batch = new ArrayList<>();
        try (Stream<Revision> log = from.revisionLog(head)) {
            for (Revision r : (Iterable<Revision>) log::iterator) {
                batch.add(r);
                if (batch.size() == SwhPostgresSource.BATCH) {
                    writeRevisions(batch);
                    batch.clear();
                }
            }
        }
        writeRevisions(batch);
    }

    private void writeRevisions(List<Revision> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        Set<ObjectId> there = existing("revision", "id", batch.stream().map(Revision::id).toList());
        List<Revision> fresh = batch.stream().filter(r -> !there.contains(r.id())).toList();
        summary.add(ObjectType.REVISION, fresh.size(), there.size());
        Set<Bytes> names = new HashSet<>();
        for (Revision r : fresh) {
            r.author().map(Person::fullname).ifPresent(names::add);
            r.committer().map(Person::fullname).ifPresent(names::add);
        }
        Map<Bytes, Long> persons = persons(names);
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO revision (id, date, date_offset,"
                + " date_neg_utc_offset, date_offset_bytes, committer_date, committer_date_offset,"
                + " committer_date_neg_utc_offset, committer_date_offset_bytes, type, directory, message, author,"
                + " committer, synthetic, extra_headers, raw_manifest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?::revision_type, ?, ?, ?, ?, ?, (SELECT coalesce(array_agg(ARRAY[k, v] ORDER BY o),"
                + " '{}'::bytea[]) FROM unnest(?::bytea[], ?::bytea[]) WITH ORDINALITY AS t(k, v, o)), ?)"
                + " ON CONFLICT DO NOTHING")) {
            for (Revision r : fresh) {
                int i = 1;
                ps.setBytes(i++, r.id().toByteArray());
                i = Columns.bindTimestamp(ps, i, r.date());
                i = Columns.bindTimestamp(ps, i, r.committerDate());
                ps.setString(i++, Columns.revisionType(r.type()));
                ps.setBytes(i++, r.directory().toByteArray());
                ps.setBytes(i++, r.message().map(Bytes::toByteArray).orElse(null));
                ps.setObject(i++, r.author().map(p -> persons.get(p.fullname())).orElse(null));
                ps.setObject(i++, r.committer().map(p -> persons.get(p.fullname())).orElse(null));
                ps.setBoolean(i++, r.synthetic());
                List<Header> h = r.extraHeaders();
                ps.setArray(i++, db.createArrayOf("bytea",
                        h.stream().map(x -> x.key().toByteArray()).toArray(byte[][]::new)));
                ps.setArray(i++, db.createArrayOf("bytea",
                        h.stream().map(x -> x.value().toByteArray()).toArray(byte[][]::new)));
                ps.setBytes(i, r.rawManifest().map(Bytes::toByteArray).orElse(null));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO revision_history (id, parent_id, parent_rank)"
                + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Revision r : fresh) {
                for (int p = 0; p < r.parents().size(); p++) {
                    ps.setBytes(1, r.id().toByteArray());
                    ps.setBytes(2, r.parents().get(p).toByteArray());
                    ps.setInt(3, p);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        loadDirectories(fresh.stream().map(Revision::directory).toList());
        progress.accept(summary.written(ObjectType.REVISION) + " revisions written");
    }

    /** The ids of persons by full name, writing those not there. */
    private Map<Bytes, Long> persons(Set<Bytes> fullnames) throws SQLException {
        Map<Bytes, Long> ids = new HashMap<>();
        if (fullnames.isEmpty()) {
            return ids;
        }
        byte[][] names = fullnames.stream().map(Bytes::toByteArray).toArray(byte[][]::new);
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO person (fullname) SELECT n FROM unnest(?::bytea[])"
                + " AS u(n) WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.fullname = u.n) ON CONFLICT DO NOTHING")) {
            ps.setArray(1, db.createArrayOf("bytea", names));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = db.prepareStatement("SELECT min(id), fullname FROM person WHERE fullname ="
                + " ANY(?) GROUP BY fullname")) {
            ps.setArray(1, db.createArrayOf("bytea", names));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(Bytes.wrap(rs.getBytes(2)), rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private void loadDirectories(Collection<ObjectId> roots) throws SQLException {
        Deque<ObjectId> queue = new ArrayDeque<>();
        for (ObjectId id : roots) {
            if (seenDirectories.add(id)) {
                queue.add(id);
            }
        }
        while (!queue.isEmpty()) {
            List<ObjectId> batch = take(queue);
            Set<ObjectId> there = existing("directory", "id", batch);
            List<ObjectId> wanted = batch.stream().filter(id -> !there.contains(id)).toList();
            Collection<Directory> read = from.directories(wanted).values();
            summary.add(ObjectType.DIRECTORY, read.size(), there.size());
            List<ObjectId> files = new ArrayList<>();
            for (Directory d : read) {
                for (DirectoryEntry e : d.entries()) {
                    if (e.type() == EntryType.DIR && seenDirectories.add(e.target())) {
                        queue.add(e.target());
                    } else if (e.type() == EntryType.FILE) {
                        files.add(e.target());
                    }
                }
            }
            loadContents(files);
            writeDirectories(read);
        }
    }

    private record EntryKey(ObjectId target, Bytes name, int perms) {
    }

    private void writeDirectories(Collection<Directory> dirs) throws SQLException {
        Map<EntryType, Map<EntryKey, Long>> ids = new EnumMap<>(EntryType.class);
        for (EntryType type : EntryType.values()) {
            List<EntryKey> keys = new ArrayList<>();
            for (Directory d : dirs) {
                for (DirectoryEntry e : d.entries()) {
                    if (e.type() == type) {
                        keys.add(new EntryKey(e.target(), e.name(), e.perms()));
                    }
                }
            }
            ids.put(type, entryIds(table(type), keys));
        }
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO directory (id, dir_entries, file_entries,"
                + " rev_entries, raw_manifest) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Directory d : dirs) {
                ps.setBytes(1, d.id().toByteArray());
                int i = 2;
                for (EntryType type : List.of(EntryType.DIR, EntryType.FILE, EntryType.REV)) {
                    List<Long> refs = new ArrayList<>();
                    for (DirectoryEntry e : d.entries()) {
                        if (e.type() == type) {
                            refs.add(ids.get(type).get(new EntryKey(e.target(), e.name(), e.perms())));
                        }
                    }
                    ps.setArray(i++, db.createArrayOf("bigint", refs.toArray()));
                }
                ps.setBytes(5, d.rawManifest().map(Bytes::toByteArray).orElse(null));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String table(EntryType type) {
        return switch (type) {
            case DIR -> "directory_entry_dir";
            case FILE -> "directory_entry_file";
            case REV -> "directory_entry_rev";
        };
    }

    /** Writes the entries not there yet (entries are shared between directories) and returns every id. */
    private Map<EntryKey, Long> entryIds(String table, List<EntryKey> keys) throws SQLException {
        Map<EntryKey, Long> ids = new HashMap<>();
        if (keys.isEmpty()) {
            return ids;
        }
        try (PreparedStatement ps = db.prepareStatement("WITH u AS (SELECT DISTINCT * FROM unnest(?::bytea[],"
                + " ?::bytea[], ?::int[]) AS u(target, name, perms)), ins AS (INSERT INTO " + table
                + " (target, name, perms) SELECT target, name, perms FROM u WHERE NOT EXISTS (SELECT 1 FROM " + table
                + " e WHERE e.target = u.target AND e.name = u.name AND e.perms = u.perms) ON CONFLICT DO NOTHING"
                + " RETURNING id, target, name, perms) SELECT id, target, name, perms FROM ins UNION ALL"
                + " SELECT e.id, e.target, e.name, e.perms FROM " + table + " e JOIN u ON e.target = u.target"
                + " AND e.name = u.name AND e.perms = u.perms")) {
            ps.setArray(1, db.createArrayOf("bytea",
                    keys.stream().map(k -> k.target().toByteArray()).toArray(byte[][]::new)));
            ps.setArray(2, db.createArrayOf("bytea",
                    keys.stream().map(k -> k.name().toByteArray()).toArray(byte[][]::new)));
            ps.setArray(3, db.createArrayOf("int4", keys.stream().map(EntryKey::perms).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.merge(new EntryKey(ObjectId.of(rs.getBytes(2)), Bytes.wrap(rs.getBytes(3)), rs.getInt(4)),
                            rs.getLong(1), Math::min);
                }
            }
        }
        return ids;
    }

    private void loadContents(Collection<ObjectId> ids) throws SQLException {
        List<ObjectId> fresh = new ArrayList<>();
        for (ObjectId id : ids) {
            if (seenContents.add(id)) {
                fresh.add(id);
            }
        }
        for (int start = 0; start < fresh.size(); start += SwhPostgresSource.BATCH) {
            List<ObjectId> batch = fresh.subList(start, Math.min(fresh.size(), start + SwhPostgresSource.BATCH));
            Set<ObjectId> there = existing("content", "sha1_git", batch);
            there.addAll(existing("skipped_content", "sha1_git", batch));
            List<ObjectId> wanted = batch.stream().filter(id -> !there.contains(id)).toList();
            Map<ObjectId, Content> meta = from.contents(wanted);
            List<ContentHashes> written = new ArrayList<>();
            for (ObjectId id : wanted) {
                Content c = meta.get(id);
                if (c == null || c.status() != ContentStatus.VISIBLE) {
                    continue; // the source cannot give its bytes: nothing to archive
                }
                written.add(store(id));
            }
            summary.add(ObjectType.CONTENT, written.size(), there.size());
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO content (sha1, sha1_git, sha256, blake2s256,"
                    + " length, status) VALUES (?, ?, ?, ?, ?, 'visible') ON CONFLICT DO NOTHING")) {
                for (ContentHashes h : written) {
                    ps.setBytes(1, h.sha1().orElseThrow().toByteArray());
                    ps.setBytes(2, h.sha1Git().toByteArray());
                    ps.setBytes(3, h.sha256().orElseThrow().toByteArray());
                    ps.setBytes(4, h.blake2s256().orElseThrow().toByteArray());
                    ps.setLong(5, h.length());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /** Copies a content's bytes to a temporary file, hashes them, and adds them to the objstorage. */
    private ContentHashes store(ObjectId id) {
        Path file = null;
        try {
            file = Files.createTempFile(tmp, "content", ".tmp");
            try (InputStream in = from.openContent(id)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            ContentHashes h = ContentHasher.allHashes().hash(file);
            if (!h.sha1Git().equals(id)) {
                throw new VaultException(ErrorCode.CORRUPT_OBJECT, Swhid.of(ObjectType.CONTENT, id)
                        + " read from the source hashes to " + h.sha1Git() + ".");
            }
            try (InputStream in = Files.newInputStream(file)) {
                objstorage.add(h, in);
            }
            return h;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file left in the temporary directory
                }
            }
        }
    }

    private void writeReleases(Collection<Release> read) throws SQLException {
        Set<ObjectId> there = existing("release", "id", read.stream().map(Release::id).toList());
        List<Release> fresh = read.stream().filter(r -> !there.contains(r.id())).toList();
        summary.add(ObjectType.RELEASE, fresh.size(), there.size());
        Set<Bytes> names = new HashSet<>();
        fresh.forEach(r -> r.author().map(Person::fullname).ifPresent(names::add));
        Map<Bytes, Long> persons = persons(names);
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO release (id, target, target_type, date,"
                + " date_offset, date_neg_utc_offset, date_offset_bytes, name, comment, author, synthetic, raw_manifest)"
                + " VALUES (?, ?, ?::object_type, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Release r : fresh) {
                ps.setBytes(1, r.id().toByteArray());
                ps.setBytes(2, r.target().toByteArray());
                ps.setString(3, Columns.objectType(r.targetType()));
                int i = Columns.bindTimestamp(ps, 4, r.date());
                ps.setBytes(i++, r.name().toByteArray());
                ps.setBytes(i++, r.message().map(Bytes::toByteArray).orElse(null));
                ps.setObject(i++, r.author().map(p -> persons.get(p.fullname())).orElse(null));
                ps.setBoolean(i++, r.synthetic());
                ps.setBytes(i, r.rawManifest().map(Bytes::toByteArray).orElse(null));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeSnapshot(Snapshot s) throws SQLException {
        if (!existing("snapshot", "id", List.of(s.id())).isEmpty()) {
            summary.add(ObjectType.SNAPSHOT, 0, 1);
            return;
        }
        boolean auto = db.getAutoCommit();
        db.setAutoCommit(false);
        try {
            long snapshot;
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO snapshot (id) VALUES (?) RETURNING object_id")) {
                ps.setBytes(1, s.id().toByteArray());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    snapshot = rs.getLong(1);
                }
            }
            try (PreparedStatement branch = db.prepareStatement("WITH ins AS (INSERT INTO snapshot_branch (name, target,"
                    + " target_type) SELECT ?, ?, ?::snapshot_target WHERE NOT EXISTS (SELECT 1 FROM snapshot_branch b"
                    + " WHERE b.name = ? AND b.target IS NOT DISTINCT FROM ? AND b.target_type IS NOT DISTINCT FROM"
                    + " ?::snapshot_target) RETURNING object_id) SELECT object_id FROM ins UNION ALL SELECT min(object_id)"
                    + " FROM snapshot_branch b WHERE b.name = ? AND b.target IS NOT DISTINCT FROM ? AND b.target_type"
                    + " IS NOT DISTINCT FROM ?::snapshot_target HAVING count(*) > 0");
                    PreparedStatement link = db.prepareStatement("INSERT INTO snapshot_branches (snapshot_id, branch_id)"
                            + " VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                for (SnapshotBranch b : s.branches()) {
                    byte[] target = null;
                    String type = null;
                    if (b.target() instanceof BranchTarget.ToObject t) {
                        target = t.id().toByteArray();
                        type = Columns.objectType(t.type());
                    } else if (b.target() instanceof BranchTarget.Alias a) {
                        target = a.name().toByteArray();
                        type = "alias";
                    }
                    for (int k = 0; k < 3; k++) {
                        branch.setBytes(1 + 3 * k, b.name().toByteArray());
                        branch.setBytes(2 + 3 * k, target);
                        branch.setString(3 + 3 * k, type);
                    }
                    long id;
                    try (ResultSet rs = branch.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                    link.setLong(1, snapshot);
                    link.setLong(2, id);
                    link.addBatch();
                }
                link.executeBatch();
            }
            db.commit();
            summary.add(ObjectType.SNAPSHOT, 1, 0);
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(auto);
        }
    }

    private void writeVisit(String url, ObjectId snapshot) throws SQLException {
        long origin;
        try (PreparedStatement ps = db.prepareStatement("WITH ins AS (INSERT INTO origin (url) SELECT ? WHERE NOT"
                + " EXISTS (SELECT 1 FROM origin WHERE url = ?) RETURNING id) SELECT id FROM ins UNION ALL"
                + " SELECT min(id) FROM origin WHERE url = ? HAVING count(*) > 0")) {
            ps.setString(1, url);
            ps.setString(2, url);
            ps.setString(3, url);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                origin = rs.getLong(1);
            }
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
        try (PreparedStatement ps = db.prepareStatement("WITH v AS (INSERT INTO origin_visit (origin, visit, date, type)"
                + " SELECT ?, coalesce(max(visit), 0) + 1, ?, 'git' FROM origin_visit WHERE origin = ? RETURNING visit)"
                + " INSERT INTO origin_visit_status (origin, visit, date, type, status, snapshot)"
                + " SELECT ?, visit, ?, 'git', 'full', ? FROM v")) {
            ps.setLong(1, origin);
            ps.setObject(2, now);
            ps.setLong(3, origin);
            ps.setLong(4, origin);
            ps.setObject(5, now);
            ps.setBytes(6, snapshot.toByteArray());
            ps.executeUpdate();
        }
    }
}
