package org.swhvault.source.swhpg;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.BranchTarget;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentHashes;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.Identifiers;
import org.swhvault.spi.model.Manifests;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.spi.model.SnapshotBranch;
import org.swhvault.spi.objstorage.ObjStorage;
import org.swhvault.spi.source.EventuallyConsistent;
import org.swhvault.spi.source.HistoryWalk;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

import static java.util.Objects.requireNonNull;

/**
 * An archive in swh-storage's PostgreSQL schema (version 195, flavour {@code default} or {@code mirror}) with
 * the file bytes in an {@link ObjStorage}: what a Software Heritage mirror runs. Reads are batched (ids passed
 * as arrays, one round trip per table and batch), run in read-only transactions on a bounded pool, and every
 * object is checked against its id, raw manifests included: a row that does not hash to its id is
 * {@link ErrorCode#CORRUPT_OBJECT}. A mirror is fed by replication, so the source is
 * {@link EventuallyConsistent}: cookers treat a referenced object that is missing as not arrived yet.
 * Thread-safe.
 */
public final class SwhPostgresSource implements ObjectSource, EventuallyConsistent {
    private static final Logger LOG = LoggerFactory.getLogger(SwhPostgresSource.class);
    /** Ids per query. */
    static final int BATCH = 500;
    /** How many contents {@link #open} looks for in the objstorage. */
    private static final int LAYOUT_SAMPLE = 16;

    private final DataSource pool;
    private final AutoCloseable ownedPool;
    private final ObjStorage objstorage;
    private final String name;
    /** Where the database is, when this source connects to it itself; else null. */
    private final PostgresLocation location;
    private final ContentRows recent = new ContentRows(1 << 16);

    private SwhPostgresSource(DataSource pool, AutoCloseable ownedPool, ObjStorage objstorage,
            PostgresLocation location) {
        this.pool = pool;
        this.ownedPool = ownedPool; // null when the host manages the connections and the objstorage
        this.objstorage = objstorage;
        this.location = location;
        this.name = location == null ? "swh-postgresql" : location.toString();
    }

    /**
     * Opens the archive in the database at {@code location}, checking that it is reachable and holds
     * swh-storage's tables.
     *
     * @param location the database
     * @param poolSize the most connections held at once
     * @param objstorage where the file bytes are; closed with the source
     * @return the source
     * @throws VaultException with {@link ErrorCode#SOURCE_FAILURE} and one sentence if the database cannot be
     *     reached or is not an swh-storage database, or if the objstorage holds none of the first contents the
     *     database lists (its root or slicing is wrong)
     */
    public static SwhPostgresSource open(PostgresLocation location, int poolSize, ObjStorage objstorage) {
        requireNonNull(location, "location is null");
        requireNonNull(objstorage, "objstorage is null");
        // checked on a connection of its own: the pool would only say it timed out, after its timeout
        Connection check = StorageDatabase.connect(location, "Cannot read the swh-storage database ");
        try (check) {
            if (!StorageDatabase.hasTables(check)) {
                throw StorageDatabase.withoutTables(location, "");
            }
            checkLayout(check, location, objstorage);
        } catch (SQLException e) {
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "Cannot read the swh-storage database " + location
                    + ": " + location.explain(e), e);
        }
        HikariConfig config = new HikariConfig();
        config.setDataSource(location.dataSource(new org.postgresql.Driver(), Map.of()));
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(0);
        config.setReadOnly(true);
        config.setPoolName("swh-postgresql");
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(10_000);
        HikariDataSource ds = new HikariDataSource(config);
        return new SwhPostgresSource(ds, ds, objstorage, location);
    }

    /**
     * Fails if the objstorage holds none of the first contents the database lists as visible: its root or slicing
     * is then wrong, and every content would otherwise become a placeholder in bundles marked done. A mirror whose
     * objstorage lags behind its database still holds these, its oldest contents.
     */
    private static void checkLayout(Connection c, PostgresLocation location, ObjStorage objstorage)
            throws SQLException {
        List<ContentHashes> sample = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT sha1_git, sha1, sha256, blake2s256, length FROM content"
                + " WHERE status = 'visible' LIMIT " + LAYOUT_SAMPLE); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sample.add(new ContentHashes(Columns.id(rs, "sha1_git"), rs.getLong("length"), Columns.bytes(rs,
                        "sha1"), Columns.bytes(rs, "sha256"), Columns.bytes(rs, "blake2s256")));
            }
        }
        if (!sample.isEmpty() && sample.stream().noneMatch(objstorage::contains)) {
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "The objstorage " + objstorage + " holds none of the "
                    + sample.size() + " contents that " + location + " lists first as visible (such as "
                    + Swhid.of(ObjectType.CONTENT, sample.get(0).sha1Git()) + "): check its root and slicing.");
        }
    }

    /**
     * Reads the archive through connections a host manages.
     *
     * @param pool the database's connections, not closed by the source
     * @param objstorage where the file bytes are, not closed by the source
     * @return the source
     */
    public static SwhPostgresSource of(DataSource pool, ObjStorage objstorage) {
        return new SwhPostgresSource(requireNonNull(pool, "pool is null"), null,
                requireNonNull(objstorage, "objstorage is null"), null);
    }

    @FunctionalInterface
    private interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(String what, Query<T> query) {
        try (Connection c = pool.getConnection()) {
            c.setReadOnly(true);
            return query.run(c);
        } catch (SQLException e) {
            // the pool's timeout says only that it timed out; the connection failure it carries says why
            String why = e instanceof SQLTransientConnectionException && e.getCause() instanceof SQLException cause
                    && location != null ? location.explain(cause) : e.getMessage();
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "Reading " + what + " from " + name + " failed: "
                    + why, e);
        }
    }

    /** The distinct ids of {@code ids}, in order, cut in batches of {@value #BATCH}. */
    static <T> List<List<T>> batches(Collection<T> ids) {
        List<T> all = new ArrayList<>(new LinkedHashSet<>(ids));
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += BATCH) {
            out.add(all.subList(i, Math.min(all.size(), i + BATCH)));
        }
        return out;
    }

    private static PreparedStatement withIds(Connection c, String sql, List<ObjectId> ids) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setArray(1, c.createArrayOf("bytea", Columns.toArray(ids)));
        return ps;
    }

    private static VaultException corrupt(ObjectType type, ObjectId id) {
        return new VaultException(ErrorCode.CORRUPT_OBJECT, Swhid.of(type, id)
                + " in the swh-storage database does not hash to its id: the row is corrupt.");
    }

    @Override
    public Optional<Directory> directory(ObjectId id) {
        return Optional.ofNullable(directories(List.of(id)).get(id));
    }

    @Override
    public Map<ObjectId, Directory> directories(Collection<ObjectId> ids) {
        Map<ObjectId, Directory> found = new LinkedHashMap<>();
        for (List<ObjectId> batch : batches(ids)) {
            found.putAll(read("directories", c -> readDirectories(c, batch)));
        }
        return found;
    }

    private record DirRow(List<Long> dirs, List<Long> files, List<Long> revs, Optional<Bytes> raw) {
    }

    private Map<ObjectId, Directory> readDirectories(Connection c, List<ObjectId> batch) throws SQLException {
        Map<ObjectId, DirRow> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = withIds(c, "SELECT id, dir_entries, file_entries, rev_entries, raw_manifest"
                + " FROM directory WHERE id = ANY(?)", batch); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.putIfAbsent(Columns.id(rs, "id"), new DirRow(Columns.longs(rs.getArray("dir_entries")),
                        Columns.longs(rs.getArray("file_entries")), Columns.longs(rs.getArray("rev_entries")),
                        Columns.bytes(rs, "raw_manifest")));
            }
        }
        Map<Long, DirectoryEntry> dirs = entries(c, "directory_entry_dir", EntryType.DIR,
                rows.values().stream().flatMap(r -> r.dirs().stream()).toList());
        Map<Long, DirectoryEntry> files = entries(c, "directory_entry_file", EntryType.FILE,
                rows.values().stream().flatMap(r -> r.files().stream()).toList());
        Map<Long, DirectoryEntry> revs = entries(c, "directory_entry_rev", EntryType.REV,
                rows.values().stream().flatMap(r -> r.revs().stream()).toList());
        Map<ObjectId, Directory> out = new LinkedHashMap<>();
        for (Map.Entry<ObjectId, DirRow> e : rows.entrySet()) {
            List<DirectoryEntry> entries = new ArrayList<>();
            collect(e.getKey(), e.getValue().dirs(), dirs, entries);
            collect(e.getKey(), e.getValue().files(), files, entries);
            collect(e.getKey(), e.getValue().revs(), revs, entries);
            entries.sort(Manifests.directoryOrder()); // the tables split them by type: back to git's order
            Directory d;
            try {
                d = new Directory(e.getKey(), entries, e.getValue().raw());
            } catch (IllegalArgumentException | VaultException bad) {
                throw new VaultException(ErrorCode.CORRUPT_OBJECT, Swhid.of(ObjectType.DIRECTORY, e.getKey())
                        + " in the swh-storage database cannot be read: " + bad.getMessage(), bad);
            }
            if (!Identifiers.verify(d)) {
                throw corrupt(ObjectType.DIRECTORY, e.getKey());
            }
            out.put(e.getKey(), d);
        }
        return out;
    }

    private static void collect(ObjectId dir, List<Long> ids, Map<Long, DirectoryEntry> rows,
            List<DirectoryEntry> into) {
        for (Long entry : ids) {
            DirectoryEntry e = rows.get(entry);
            if (e == null) {
                throw new VaultException(ErrorCode.NOT_YET_AVAILABLE, "An entry of " + Swhid.of(ObjectType.DIRECTORY,
                        dir) + " is not yet available on this mirror.");
            }
            into.add(e);
        }
    }

    private static Map<Long, DirectoryEntry> entries(Connection c, String table, EntryType type, List<Long> ids)
            throws SQLException {
        Map<Long, DirectoryEntry> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, target, name, perms FROM " + table
                + " WHERE id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong("id"), new DirectoryEntry(Bytes.wrap(rs.getBytes("name")), type,
                            rs.getInt("perms"), Columns.id(rs, "target")));
                }
            }
        }
        return out;
    }

    @Override
    public Optional<Revision> revision(ObjectId id) {
        return Optional.ofNullable(revisions(List.of(id)).get(id));
    }

    private static final String HEADERS = "(SELECT array_agg(r.extra_headers[i][1] ORDER BY i)"
            + " FROM generate_subscripts(r.extra_headers, 1) i) AS header_keys,"
            + " (SELECT array_agg(r.extra_headers[i][2] ORDER BY i)"
            + " FROM generate_subscripts(r.extra_headers, 1) i) AS header_values";

    @Override
    public Map<ObjectId, Revision> revisions(Collection<ObjectId> ids) {
        Map<ObjectId, Revision> found = new LinkedHashMap<>();
        for (List<ObjectId> batch : batches(ids)) {
            found.putAll(read("revisions", c -> readRevisions(c, batch)));
        }
        return found;
    }

    private Map<ObjectId, Revision> readRevisions(Connection c, List<ObjectId> batch) throws SQLException {
        Map<ObjectId, List<ObjectId>> parents = parents(c, batch);
        Map<ObjectId, Revision> out = new LinkedHashMap<>();
        try (PreparedStatement ps = withIds(c, "SELECT r.id, " + Columns.selectDate("r.date", "date")
                + ", r.date_offset, r.date_neg_utc_offset, r.date_offset_bytes, "
                + Columns.selectDate("r.committer_date", "committer_date")
                + ", r.committer_date_offset, r.committer_date_neg_utc_offset,"
                + " r.committer_date_offset_bytes, r.type, r.directory, r.message, r.synthetic, r.raw_manifest,"
                + " a.fullname AS author, m.fullname AS committer, " + HEADERS
                + " FROM revision r LEFT JOIN person a ON a.id = r.author LEFT JOIN person m ON m.id = r.committer"
                + " WHERE r.id = ANY(?)", batch); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ObjectId id = Columns.id(rs, "id");
                if (out.containsKey(id)) {
                    continue;
                }
                Revision r;
                try {
                    r = new Revision(id, Columns.id(rs, "directory"), parents.getOrDefault(id, List.of()),
                            Columns.person(rs, "author"), Columns.timestamp(rs, "date"),
                            Columns.person(rs, "committer"), Columns.timestamp(rs, "committer_date"),
                            Columns.headers(rs), Columns.bytes(rs, "message"),
                            Columns.revisionType(rs.getString("type")), rs.getBoolean("synthetic"),
                            Columns.bytes(rs, "raw_manifest"));
                } catch (RuntimeException bad) {
                    throw new VaultException(ErrorCode.CORRUPT_OBJECT, Swhid.of(ObjectType.REVISION, id)
                            + " in the swh-storage database cannot be read: " + bad.getMessage(), bad);
                }
                if (!Identifiers.verify(r)) {
                    throw corrupt(ObjectType.REVISION, id);
                }
                out.put(id, r);
            }
        }
        return out;
    }

    private static Map<ObjectId, List<ObjectId>> parents(Connection c, List<ObjectId> batch) throws SQLException {
        Map<ObjectId, List<ObjectId>> parents = new HashMap<>();
        try (PreparedStatement ps = withIds(c, "SELECT DISTINCT id, parent_rank, parent_id FROM revision_history"
                + " WHERE id = ANY(?) ORDER BY id, parent_rank", batch); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                parents.computeIfAbsent(Columns.id(rs, "id"), k -> new ArrayList<>()).add(Columns.id(rs, "parent_id"));
            }
        }
        return parents;
    }

    @Override
    public Optional<Release> release(ObjectId id) {
        return Optional.ofNullable(releases(List.of(id)).get(id));
    }

    @Override
    public Map<ObjectId, Release> releases(Collection<ObjectId> ids) {
        Map<ObjectId, Release> found = new LinkedHashMap<>();
        for (List<ObjectId> batch : batches(ids)) {
            found.putAll(read("releases", c -> {
                Map<ObjectId, Release> out = new LinkedHashMap<>();
                try (PreparedStatement ps = withIds(c, "SELECT r.id, r.target, r.target_type, "
                        + Columns.selectDate("r.date", "date") + ", r.date_offset,"
                        + " r.date_neg_utc_offset, r.date_offset_bytes, r.name, r.comment, r.synthetic,"
                        + " r.raw_manifest, a.fullname AS author FROM release r LEFT JOIN person a ON a.id = r.author"
                        + " WHERE r.id = ANY(?)", batch); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ObjectId id = Columns.id(rs, "id");
                        Release r;
                        try {
                            r = new Release(id, Columns.bytes(rs, "name").orElse(Bytes.EMPTY),
                                    Columns.id(rs, "target"), Columns.objectType(rs.getString("target_type")),
                                    Columns.person(rs, "author"), Columns.timestamp(rs, "date"),
                                    Columns.bytes(rs, "comment"), rs.getBoolean("synthetic"),
                                    Columns.bytes(rs, "raw_manifest"));
                        } catch (RuntimeException bad) {
                            throw new VaultException(ErrorCode.CORRUPT_OBJECT, Swhid.of(ObjectType.RELEASE, id)
                                    + " in the swh-storage database cannot be read: " + bad.getMessage(), bad);
                        }
                        if (!Identifiers.verify(r)) {
                            throw corrupt(ObjectType.RELEASE, id);
                        }
                        out.putIfAbsent(id, r);
                    }
                }
                return out;
            }));
        }
        return found;
    }

    @Override
    public Optional<Snapshot> snapshot(ObjectId id) {
        return read("a snapshot", c -> {
            Long objectId = null;
            try (PreparedStatement ps = withIds(c, "SELECT object_id FROM snapshot WHERE id = ANY(?)"
                    + " ORDER BY object_id LIMIT 1", List.of(id)); ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    objectId = rs.getLong(1);
                }
            }
            if (objectId == null) {
                return Optional.<Snapshot>empty();
            }
            List<SnapshotBranch> branches = new ArrayList<>();
            c.setAutoCommit(false); // a cursor: the branches of a big snapshot stream in pages
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT b.name, b.target, b.target_type"
                    + " FROM snapshot_branches sb JOIN snapshot_branch b ON b.object_id = sb.branch_id"
                    + " WHERE sb.snapshot_id = ? ORDER BY b.name")) {
                ps.setLong(1, objectId);
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        branches.add(new SnapshotBranch(Bytes.wrap(rs.getBytes("name")), target(rs)));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
            Snapshot s;
            try {
                s = new Snapshot(id, branches);
            } catch (RuntimeException bad) {
                throw new VaultException(ErrorCode.CORRUPT_OBJECT, Swhid.of(ObjectType.SNAPSHOT, id)
                        + " in the swh-storage database cannot be read: " + bad.getMessage(), bad);
            }
            if (!Identifiers.verify(s)) {
                throw corrupt(ObjectType.SNAPSHOT, id);
            }
            return Optional.of(s);
        });
    }

    private static BranchTarget target(ResultSet rs) throws SQLException {
        String type = rs.getString("target_type");
        byte[] target = rs.getBytes("target");
        if (type == null || target == null) {
            return new BranchTarget.Dangling();
        }
        if (type.equals("alias")) {
            return new BranchTarget.Alias(Bytes.wrap(target));
        }
        return new BranchTarget.ToObject(Columns.objectType(type), ObjectId.of(target));
    }

    private Map<ObjectId, ContentRows.Row> contentRows(Collection<ObjectId> ids) {
        Map<ObjectId, ContentRows.Row> found = new LinkedHashMap<>();
        for (List<ObjectId> batch : batches(ids)) {
            found.putAll(read("contents", c -> {
                Map<ObjectId, ContentRows.Row> out = new LinkedHashMap<>();
                try (PreparedStatement ps = withIds(c, "SELECT sha1_git, sha1, sha256, blake2s256, length, status::text"
                        + " FROM content WHERE sha1_git = ANY(?)", batch); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ObjectId id = Columns.id(rs, "sha1_git");
                        ContentHashes h = new ContentHashes(id, rs.getLong("length"), Columns.bytes(rs, "sha1"),
                                Columns.bytes(rs, "sha256"), Columns.bytes(rs, "blake2s256"));
                        out.putIfAbsent(id, new ContentRows.Row(h, status(rs.getString("status"))));
                    }
                }
                List<ObjectId> rest = batch.stream().filter(id -> !out.containsKey(id)).toList();
                if (!rest.isEmpty()) {
                    try (PreparedStatement ps = withIds(c, "SELECT sha1_git, length, status::text FROM skipped_content"
                            + " WHERE sha1_git = ANY(?)", rest); ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ObjectId id = Columns.id(rs, "sha1_git");
                            ContentHashes h = new ContentHashes(id, Math.max(0, rs.getLong("length")),
                                    Optional.empty(), Optional.empty(), Optional.empty());
                            out.putIfAbsent(id, new ContentRows.Row(h, ContentStatus.ABSENT));
                        }
                    }
                }
                recent.put(out);
                return out;
            }));
        }
        return found;
    }

    private static ContentStatus status(String s) {
        return switch (s) {
            case "visible" -> ContentStatus.VISIBLE;
            case "hidden" -> ContentStatus.HIDDEN;
            default -> ContentStatus.ABSENT;
        };
    }

    @Override
    public Optional<Content> content(ObjectId sha1Git) {
        return Optional.ofNullable(contents(List.of(sha1Git)).get(sha1Git));
    }

    @Override
    public Map<ObjectId, Content> contents(Collection<ObjectId> ids) {
        Map<ObjectId, Content> out = new LinkedHashMap<>();
        contentRows(ids).forEach((id, row) -> out.put(id, new Content(id, row.hashes().length(), row.status())));
        return out;
    }

    @Override
    public InputStream openContent(ObjectId sha1Git) {
        ContentRows.Row row = recent.get(sha1Git);
        if (row == null) {
            row = contentRows(List.of(sha1Git)).get(sha1Git);
        }
        Swhid swhid = Swhid.of(ObjectType.CONTENT, sha1Git);
        if (row == null) {
            throw new VaultException(ErrorCode.OBJECT_NOT_FOUND, swhid + " was not found.");
        }
        if (row.status() != ContentStatus.VISIBLE) {
            throw new VaultException(ErrorCode.CONTENT_UNAVAILABLE, swhid + " is "
                    + (row.status() == ContentStatus.HIDDEN ? "hidden" : "absent") + ".");
        }
        return objstorage.open(row.hashes()).orElseThrow(() -> {
            LOG.warn("{} is visible in {} but its bytes are not in the objstorage", swhid, name);
            return new VaultException(ErrorCode.CONTENT_UNAVAILABLE, "The bytes of " + swhid
                    + " are not in the objstorage (yet).");
        });
    }

    /**
     * The log: the ancestry's edges are read in one recursive query, streamed from a cursor, and handed to the
     * walk (which keeps them: a topological order needs the graph); revisions are then read in batches of
     * {@value #BATCH}, the ids that follow the one the walk asks for in the query's breadth-first order, which is
     * mostly the walk's own. Memory: the edges once, and about 16 bytes per revision for the order.
     */
    @Override
    public Stream<Revision> revisionLog(ObjectId head) {
        requireNonNull(head, "head is null");
        if (revision(head).isEmpty()) {
            throw new VaultException(ErrorCode.OBJECT_NOT_FOUND, Swhid.of(ObjectType.REVISION, head) + " was not found.");
        }
        Map<ObjectId, List<ObjectId>> graph = read("a revision history", c -> ancestry(c, head));
        ObjectId[] order = graph.keySet().toArray(new ObjectId[0]);
        Positions positions = new Positions(order);
        Map<ObjectId, Revision> window = new HashMap<>();
        // the walk asks for each revision's parents once, then keeps them: hand them over instead of copying
        return HistoryWalk.stream(head, graph::remove, id -> {
            Revision r = window.remove(id);
            if (r == null) {
                List<ObjectId> next = new ArrayList<>();
                next.add(id);
                for (int i = positions.of(id) + 1; i < order.length && next.size() < BATCH; i++) {
                    next.add(order[i]);
                }
                window.clear();
                window.putAll(revisions(next));
                r = window.remove(id);
            }
            return r;
        });
    }

    /** Where each id stands in an order: the ids sorted, with their positions, looked up by binary search. */
    private static final class Positions {
        private final ObjectId[] sorted;
        private final int[] positions;

        Positions(ObjectId[] order) {
            Integer[] index = new Integer[order.length];
            for (int i = 0; i < index.length; i++) {
                index[i] = i;
            }
            Arrays.sort(index, (a, b) -> order[a].compareTo(order[b]));
            sorted = new ObjectId[order.length];
            positions = new int[order.length];
            for (int i = 0; i < index.length; i++) {
                sorted[i] = order[index[i]];
                positions[i] = index[i];
            }
        }

        /** The position of {@code id}, or -1 if it is not in the order. */
        int of(ObjectId id) {
            int i = Arrays.binarySearch(sorted, id);
            return i < 0 ? -1 : positions[i];
        }
    }

    /** Every revision reachable from {@code head} that the database has, with its parents, breadth first. */
    private static Map<ObjectId, List<ObjectId>> ancestry(Connection c, ObjectId head) throws SQLException {
        Map<ObjectId, List<ObjectId>> graph = new LinkedHashMap<>();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE anc(id) AS (SELECT ?::bytea UNION"
                + " SELECT h.parent_id::bytea FROM revision_history h JOIN anc ON h.id = anc.id)"
                + " SELECT a.id, (SELECT array_agg(DISTINCT h.parent_rank::text || ':' || encode(h.parent_id, 'hex'))"
                + " FROM revision_history h WHERE h.id = a.id) AS parents"
                + " FROM anc a WHERE EXISTS (SELECT 1 FROM revision r WHERE r.id = a.id)")) {
            ps.setBytes(1, head.toByteArray());
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> ranked = new ArrayList<>();
                    if (rs.getArray("parents") != null) {
                        for (Object o : (Object[]) rs.getArray("parents").getArray()) {
                            ranked.add((String) o);
                        }
                    }
                    ranked.sort((x, y) -> Integer.compare(Integer.parseInt(x.substring(0, x.indexOf(':'))),
                            Integer.parseInt(y.substring(0, y.indexOf(':')))));
                    List<ObjectId> parents = new ArrayList<>(ranked.size());
                    for (String p : ranked) {
                        parents.add(ObjectId.fromHex(p.substring(p.indexOf(':') + 1)));
                    }
                    graph.put(Columns.id(rs, "id"), parents);
                }
            }
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        return graph;
    }

    @Override
    public void close() {
        if (ownedPool == null) {
            return;
        }
        try {
            objstorage.close();
        } finally {
            try {
                ownedPool.close();
            } catch (Exception e) {
                LOG.warn("Closing the connections to {} failed", name, e);
            }
        }
    }

    @Override
    public String toString() {
        return "swh-postgresql " + name;
    }
}
