package org.swhvault.source.swhpg;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.swhvault.spi.model.BranchTarget;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.ContentHashes;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.Header;
import org.swhvault.spi.model.Manifests;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Person;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.spi.model.SnapshotBranch;
import org.swhvault.spi.model.Timestamp;

/**
 * The loader's statements against swh-storage's tables: which objects the archive holds, and multi-row writes
 * (arrays unnested by the server, one statement per table and batch). Each write is one transaction holding an
 * object with the rows it is made of (a directory with its entries, a revision with its history and persons),
 * so that no reader ever sees half an object. Not thread-safe: one connection.
 */
final class ArchiveWrites {
    /** A table and the column holding an object's id. */
    enum Table {
        CONTENT("content", "sha1_git"),
        SKIPPED_CONTENT("skipped_content", "sha1_git"),
        DIRECTORY("directory", "id"),
        REVISION("revision", "id"),
        RELEASE("release", "id"),
        SNAPSHOT("snapshot", "id");

        final String name;
        final String column;

        Table(String name, String column) {
            this.name = name;
            this.column = column;
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private final Connection db;

    ArchiveWrites(Connection db) throws SQLException {
        this.db = db;
        db.setAutoCommit(false);
    }

    /** Runs {@code work} in a transaction of its own, committed if it returns, rolled back if it throws. */
    <T> T transaction(Work<T> work) throws SQLException {
        try {
            T result = work.run();
            db.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                db.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The ids of {@code ids} that any of {@code tables} holds, in one round trip. */
    Set<ObjectId> present(Collection<ObjectId> ids, Table... tables) throws SQLException {
        Set<ObjectId> found = new HashSet<>();
        if (ids.isEmpty()) {
            return found;
        }
        StringBuilder sql = new StringBuilder();
        for (Table t : tables) {
            sql.append(sql.length() == 0 ? "" : " UNION ALL ").append("SELECT ").append(t.column).append(" FROM ")
                    .append(t.name).append(" WHERE ").append(t.column).append(" = ANY(?)");
        }
        return transaction(() -> {
            try (PreparedStatement ps = db.prepareStatement(sql.toString())) {
                Array array = ids(ids);
                for (int i = 1; i <= tables.length; i++) {
                    ps.setArray(i, array);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(ObjectId.of(rs.getBytes(1)));
                    }
                }
            }
            return found;
        });
    }

    /** Writes content rows (their bytes are in the objstorage already); returns how many were new. */
    int writeContents(List<ContentHashes> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        return transaction(() -> {
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO content (sha1, sha1_git, sha256, blake2s256,"
                    + " length, status) SELECT s1, sg, s256, b2, len, 'visible'::content_status FROM unnest(?::bytea[],"
                    + " ?::bytea[], ?::bytea[], ?::bytea[], ?::bigint[]) AS u(s1, sg, s256, b2, len)"
                    + " ON CONFLICT DO NOTHING")) {
                ps.setArray(1, bytes(rows.stream().map(h -> h.sha1().orElseThrow().toByteArray()).toList()));
                ps.setArray(2, ids(rows.stream().map(ContentHashes::sha1Git).toList()));
                ps.setArray(3, bytes(rows.stream().map(h -> h.sha256().orElseThrow().toByteArray()).toList()));
                ps.setArray(4, bytes(rows.stream().map(h -> h.blake2s256().orElseThrow().toByteArray()).toList()));
                ps.setArray(5, db.createArrayOf("bigint", rows.stream().map(ContentHashes::length).toArray()));
                return ps.executeUpdate();
            }
        });
    }

    private record EntryKey(ObjectId target, Bytes name, int perms) {
        static EntryKey of(DirectoryEntry e) {
            return new EntryKey(e.target(), e.name(), e.perms());
        }
    }

    /** Writes directories with their entry rows in one transaction; returns how many directories were new. */
    int writeDirectories(List<Directory> dirs) throws SQLException {
        if (dirs.isEmpty()) {
            return 0;
        }
        return transaction(() -> {
            Map<EntryType, Map<EntryKey, Long>> entryIds = new EnumMap<>(EntryType.class);
            for (EntryType type : EntryType.values()) {
                Set<EntryKey> keys = new LinkedHashSet<>();
                for (Directory d : dirs) {
                    for (DirectoryEntry e : d.entries()) {
                        if (e.type() == type) {
                            keys.add(EntryKey.of(e));
                        }
                    }
                }
                entryIds.put(type, entryIds(entryTable(type), new ArrayList<>(keys)));
            }
            List<Integer> owner = new ArrayList<>();
            List<Integer> kind = new ArrayList<>();
            List<Long> entry = new ArrayList<>();
            for (int d = 0; d < dirs.size(); d++) {
                for (DirectoryEntry e : dirs.get(d).entries()) {
                    owner.add(d + 1);
                    kind.add(e.type().ordinal());
                    entry.add(entryIds.get(e.type()).get(EntryKey.of(e)));
                }
            }
            try (PreparedStatement ps = db.prepareStatement("WITH e AS (SELECT d, k, array_agg(eid ORDER BY o) AS ids"
                    + " FROM unnest(?::int[], ?::int[], ?::bigint[]) WITH ORDINALITY AS e(d, k, eid, o) GROUP BY d, k)"
                    + " INSERT INTO directory (id, dir_entries, file_entries, rev_entries, raw_manifest)"
                    + " SELECT u.id, coalesce(ed.ids, '{}'), coalesce(ef.ids, '{}'), coalesce(er.ids, '{}'), u.raw"
                    + " FROM unnest(?::bytea[], ?::bytea[]) WITH ORDINALITY AS u(id, raw, n)"
                    + " LEFT JOIN e ed ON ed.d = u.n AND ed.k = " + EntryType.DIR.ordinal()
                    + " LEFT JOIN e ef ON ef.d = u.n AND ef.k = " + EntryType.FILE.ordinal()
                    + " LEFT JOIN e er ON er.d = u.n AND er.k = " + EntryType.REV.ordinal()
                    + " ON CONFLICT DO NOTHING")) {
                ps.setArray(1, db.createArrayOf("int4", owner.toArray()));
                ps.setArray(2, db.createArrayOf("int4", kind.toArray()));
                ps.setArray(3, db.createArrayOf("bigint", entry.toArray()));
                ps.setArray(4, ids(dirs.stream().map(Directory::id).toList()));
                ps.setArray(5, bytes(dirs.stream().map(d -> d.rawManifest().map(Bytes::toByteArray).orElse(null))
                        .toList()));
                return ps.executeUpdate();
            }
        });
    }

    private static String entryTable(EntryType type) {
        return switch (type) {
            case DIR -> "directory_entry_dir";
            case FILE -> "directory_entry_file";
            case REV -> "directory_entry_rev";
        };
    }

    /** Writes the entries not there yet (entry rows are shared between directories) and returns every id. */
    private Map<EntryKey, Long> entryIds(String table, List<EntryKey> keys) throws SQLException {
        Map<EntryKey, Long> ids = new HashMap<>();
        if (keys.isEmpty()) {
            return ids;
        }
        String u = "unnest(?::bytea[], ?::bytea[], ?::int[]) AS u(target, name, perms)";
        String same = " e.target = u.target AND e.name = u.name AND e.perms = u.perms";
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO " + table + " (target, name, perms)"
                + " SELECT target, name, perms FROM " + u + " WHERE NOT EXISTS (SELECT 1 FROM " + table + " e WHERE"
                + same + ") ON CONFLICT DO NOTHING")) {
            bindEntries(ps, keys);
            ps.executeUpdate();
        }
        // A later statement of the transaction sees the rows just written, and those another loader committed.
        try (PreparedStatement ps = db.prepareStatement("SELECT min(e.id), e.target, e.name, e.perms FROM " + u
                + " JOIN " + table + " e ON" + same + " GROUP BY e.target, e.name, e.perms")) {
            bindEntries(ps, keys);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(new EntryKey(ObjectId.of(rs.getBytes(2)), Bytes.wrap(rs.getBytes(3)), rs.getInt(4)),
                            rs.getLong(1));
                }
            }
        }
        if (ids.size() != keys.size()) {
            throw new SQLException(table + " lacks " + (keys.size() - ids.size()) + " entries just written");
        }
        return ids;
    }

    private void bindEntries(PreparedStatement ps, List<EntryKey> keys) throws SQLException {
        ps.setArray(1, ids(keys.stream().map(EntryKey::target).toList()));
        ps.setArray(2, bytes(keys.stream().map(k -> k.name().toByteArray()).toList()));
        ps.setArray(3, db.createArrayOf("int4", keys.stream().map(EntryKey::perms).toArray()));
    }

    /**
     * Writes revisions with their persons and history in one transaction; returns how many revisions were new.
     * Every parent must be written already or come earlier in {@code revisions}.
     */
    int writeRevisions(List<Revision> revisions) throws SQLException {
        if (revisions.isEmpty()) {
            return 0;
        }
        return transaction(() -> {
            Set<Person> people = new LinkedHashSet<>();
            for (Revision r : revisions) {
                r.author().ifPresent(people::add);
                r.committer().ifPresent(people::add);
            }
            Map<Bytes, Long> persons = persons(people);
            Dates dates = new Dates();
            Dates committerDates = new Dates();
            List<Integer> headerOwner = new ArrayList<>();
            List<byte[]> keys = new ArrayList<>();
            List<byte[]> values = new ArrayList<>();
            List<byte[]> raw = new ArrayList<>();
            for (int i = 0; i < revisions.size(); i++) {
                Revision r = revisions.get(i);
                boolean representable = dates.add(r.date()) & committerDates.add(r.committerDate());
                raw.add(representable ? r.rawManifest().map(Bytes::toByteArray).orElse(null)
                        : Manifests.gitObject(r));
                for (Header h : r.extraHeaders()) {
                    headerOwner.add(i + 1);
                    keys.add(h.key().toByteArray());
                    values.add(h.value().toByteArray());
                }
            }
            int written;
            try (PreparedStatement ps = db.prepareStatement("WITH h AS (SELECT r, array_agg(ARRAY[k, v] ORDER BY o)"
                    + " AS headers FROM unnest(?::int[], ?::bytea[], ?::bytea[]) WITH ORDINALITY AS h(r, k, v, o)"
                    + " GROUP BY r) INSERT INTO revision (id, date, date_offset, date_neg_utc_offset, date_offset_bytes,"
                    + " committer_date, committer_date_offset, committer_date_neg_utc_offset,"
                    + " committer_date_offset_bytes, type, directory, message, author, committer, synthetic,"
                    + " extra_headers, raw_manifest) SELECT u.id, u.d::timestamptz, u.dof, u.dneg, u.dob,"
                    + " u.cd::timestamptz, u.cdof, u.cdneg, u.cdob, u.t::revision_type, u.dir, u.msg, u.a, u.c,"
                    + " u.syn, coalesce(h.headers, '{}'::bytea[]), u.raw FROM unnest(?::bytea[], ?::text[],"
                    + " ?::smallint[], ?::boolean[], ?::bytea[], ?::text[], ?::smallint[], ?::boolean[], ?::bytea[],"
                    + " ?::text[], ?::bytea[], ?::bytea[], ?::bigint[], ?::bigint[], ?::boolean[], ?::bytea[])"
                    + " WITH ORDINALITY AS u(id, d, dof, dneg, dob, cd, cdof, cdneg, cdob, t, dir, msg, a, c, syn, raw, n)"
                    + " LEFT JOIN h ON h.r = u.n ON CONFLICT DO NOTHING")) {
                int i = 1;
                ps.setArray(i++, db.createArrayOf("int4", headerOwner.toArray()));
                ps.setArray(i++, bytes(keys));
                ps.setArray(i++, bytes(values));
                ps.setArray(i++, ids(revisions.stream().map(Revision::id).toList()));
                i = dates.bind(ps, i);
                i = committerDates.bind(ps, i);
                ps.setArray(i++, db.createArrayOf("text",
                        revisions.stream().map(r -> Columns.revisionType(r.type())).toArray()));
                ps.setArray(i++, ids(revisions.stream().map(Revision::directory).toList()));
                ps.setArray(i++, bytes(revisions.stream().map(r -> r.message().map(Bytes::toByteArray).orElse(null))
                        .toList()));
                ps.setArray(i++, db.createArrayOf("bigint", revisions.stream()
                        .map(r -> r.author().map(p -> persons.get(p.fullname())).orElse(null)).toArray()));
                ps.setArray(i++, db.createArrayOf("bigint", revisions.stream()
                        .map(r -> r.committer().map(p -> persons.get(p.fullname())).orElse(null)).toArray()));
                ps.setArray(i++, db.createArrayOf("boolean", revisions.stream().map(Revision::synthetic).toArray()));
                ps.setArray(i, bytes(raw));
                written = ps.executeUpdate();
            }
            List<ObjectId> child = new ArrayList<>();
            List<ObjectId> parent = new ArrayList<>();
            List<Integer> rank = new ArrayList<>();
            for (Revision r : revisions) {
                for (int p = 0; p < r.parents().size(); p++) {
                    child.add(r.id());
                    parent.add(r.parents().get(p));
                    rank.add(p);
                }
            }
            if (!child.isEmpty()) {
                try (PreparedStatement ps = db.prepareStatement("INSERT INTO revision_history (id, parent_id,"
                        + " parent_rank) SELECT * FROM unnest(?::bytea[], ?::bytea[], ?::int[]) ON CONFLICT DO NOTHING")) {
                    ps.setArray(1, ids(child));
                    ps.setArray(2, ids(parent));
                    ps.setArray(3, db.createArrayOf("int4", rank.toArray()));
                    ps.executeUpdate();
                }
            }
            return written;
        });
    }

    /** Writes releases with their authors in one transaction; returns how many were new. */
    int writeReleases(List<Release> releases) throws SQLException {
        if (releases.isEmpty()) {
            return 0;
        }
        return transaction(() -> {
            Set<Person> people = new LinkedHashSet<>();
            releases.forEach(r -> r.author().ifPresent(people::add));
            Map<Bytes, Long> persons = persons(people);
            Dates dates = new Dates();
            List<byte[]> raw = new ArrayList<>();
            for (Release r : releases) {
                raw.add(dates.add(r.date()) ? r.rawManifest().map(Bytes::toByteArray).orElse(null)
                        : Manifests.gitObject(r));
            }
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO release (id, target, target_type, date,"
                    + " date_offset, date_neg_utc_offset, date_offset_bytes, name, comment, author, synthetic,"
                    + " raw_manifest) SELECT id, target, tt::object_type, d::timestamptz, dof, dneg, dob, name, msg, a,"
                    + " syn, raw FROM unnest(?::bytea[], ?::bytea[], ?::text[], ?::text[], ?::smallint[], ?::boolean[],"
                    + " ?::bytea[], ?::bytea[], ?::bytea[], ?::bigint[], ?::boolean[], ?::bytea[])"
                    + " AS u(id, target, tt, d, dof, dneg, dob, name, msg, a, syn, raw) ON CONFLICT DO NOTHING")) {
                int i = 1;
                ps.setArray(i++, ids(releases.stream().map(Release::id).toList()));
                ps.setArray(i++, ids(releases.stream().map(Release::target).toList()));
                ps.setArray(i++, db.createArrayOf("text",
                        releases.stream().map(r -> Columns.objectType(r.targetType())).toArray()));
                i = dates.bind(ps, i);
                ps.setArray(i++, bytes(releases.stream().map(r -> r.name().toByteArray()).toList()));
                ps.setArray(i++, bytes(releases.stream().map(r -> r.message().map(Bytes::toByteArray).orElse(null))
                        .toList()));
                ps.setArray(i++, db.createArrayOf("bigint", releases.stream()
                        .map(r -> r.author().map(p -> persons.get(p.fullname())).orElse(null)).toArray()));
                ps.setArray(i++, db.createArrayOf("boolean", releases.stream().map(Release::synthetic).toArray()));
                ps.setArray(i, bytes(raw));
                return ps.executeUpdate();
            }
        });
    }

    /** The ids of persons by full name, writing those not there with the name and email swh-model parses. */
    private Map<Bytes, Long> persons(Set<Person> people) throws SQLException {
        Map<Bytes, Long> ids = new HashMap<>();
        if (people.isEmpty()) {
            return ids;
        }
        List<byte[]> fullnames = new ArrayList<>();
        List<byte[]> names = new ArrayList<>();
        List<byte[]> emails = new ArrayList<>();
        for (Person p : people) {
            PersonParts parts = PersonParts.of(p.fullname());
            fullnames.add(p.fullname().toByteArray());
            names.add(parts.name());
            emails.add(parts.email());
        }
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO person (fullname, name, email) SELECT f, n, e"
                + " FROM unnest(?::bytea[], ?::bytea[], ?::bytea[]) AS u(f, n, e) WHERE NOT EXISTS (SELECT 1 FROM person"
                + " p WHERE p.fullname = u.f) ON CONFLICT DO NOTHING")) {
            ps.setArray(1, bytes(fullnames));
            ps.setArray(2, bytes(names));
            ps.setArray(3, bytes(emails));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = db.prepareStatement("SELECT min(id), fullname FROM person WHERE fullname = ANY(?)"
                + " GROUP BY fullname")) {
            ps.setArray(1, bytes(fullnames));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(Bytes.wrap(rs.getBytes(2)), rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Writes a snapshot with its branches in one transaction; false if it was there already. */
    boolean writeSnapshot(Snapshot s) throws SQLException {
        return transaction(() -> {
            if (!present(List.of(s.id()), Table.SNAPSHOT).isEmpty()) {
                return false;
            }
            long snapshot;
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO snapshot (id) VALUES (?) RETURNING object_id")) {
                ps.setBytes(1, s.id().toByteArray());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    snapshot = rs.getLong(1);
                }
            }
            Map<Bytes, SnapshotBranch> dangling = new LinkedHashMap<>();
            List<SnapshotBranch> pointing = new ArrayList<>();
            for (SnapshotBranch b : s.branches()) {
                if (b.target() instanceof BranchTarget.Dangling) {
                    dangling.put(b.name(), b);
                } else {
                    pointing.add(b);
                }
            }
            // Split so that each lookup uses one of the two unique indexes of snapshot_branch.
            String u = "unnest(?::bytea[], ?::bytea[], ?::text[]) AS u(name, target, type)";
            String same = " b.target_type = u.type::snapshot_target AND b.target = u.target AND b.name = u.name";
            String none = " b.target_type IS NULL AND b.target IS NULL AND b.name = u.name";
            for (boolean targets : new boolean[] {true, false}) {
                List<SnapshotBranch> branches = targets ? pointing : new ArrayList<>(dangling.values());
                if (branches.isEmpty()) {
                    continue;
                }
                String match = targets ? same : none;
                try (PreparedStatement ps = db.prepareStatement("INSERT INTO snapshot_branch (name, target, target_type)"
                        + " SELECT name, target, type::snapshot_target FROM " + u + " WHERE NOT EXISTS (SELECT 1 FROM"
                        + " snapshot_branch b WHERE" + match + ") ON CONFLICT DO NOTHING")) {
                    bindBranches(ps, branches);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = db.prepareStatement("INSERT INTO snapshot_branches (snapshot_id, branch_id)"
                        + " SELECT ?, (SELECT min(b.object_id) FROM snapshot_branch b WHERE" + match + ") FROM " + u
                        + " ON CONFLICT DO NOTHING")) {
                    ps.setLong(1, snapshot);
                    bindBranches(ps, 2, branches);
                    ps.executeUpdate();
                }
            }
            return true;
        });
    }

    private void bindBranches(PreparedStatement ps, List<SnapshotBranch> branches) throws SQLException {
        bindBranches(ps, 1, branches);
    }

    private void bindBranches(PreparedStatement ps, int from, List<SnapshotBranch> branches) throws SQLException {
        List<byte[]> names = new ArrayList<>();
        List<byte[]> targets = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (SnapshotBranch b : branches) {
            names.add(b.name().toByteArray());
            if (b.target() instanceof BranchTarget.ToObject t) {
                targets.add(t.id().toByteArray());
                types.add(Columns.objectType(t.type()));
            } else if (b.target() instanceof BranchTarget.Alias a) {
                targets.add(a.name().toByteArray());
                types.add("alias");
            } else {
                targets.add(null);
                types.add(null);
            }
        }
        ps.setArray(from, bytes(names));
        ps.setArray(from + 1, bytes(targets));
        ps.setArray(from + 2, db.createArrayOf("text", types.toArray()));
    }

    /** Records a visit of {@code url} (the origin made if new) that ended {@code full} with {@code snapshot}. */
    void writeVisit(String url, ObjectId snapshot) throws SQLException {
        transaction(() -> {
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
            try (PreparedStatement ps = db.prepareStatement("WITH v AS (INSERT INTO origin_visit (origin, visit, date,"
                    + " type) SELECT ?, coalesce(max(visit), 0) + 1, now(), 'git' FROM origin_visit WHERE origin = ?"
                    + " RETURNING visit, date) INSERT INTO origin_visit_status (origin, visit, date, type, status,"
                    + " snapshot) SELECT ?, visit, date, 'git', 'full', ? FROM v")) {
                ps.setLong(1, origin);
                ps.setLong(2, origin);
                ps.setLong(3, origin);
                ps.setBytes(4, snapshot.toByteArray());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private Array ids(Collection<ObjectId> ids) throws SQLException {
        return db.createArrayOf("bytea", Columns.toArray(new ArrayList<>(ids)));
    }

    private Array bytes(List<byte[]> values) throws SQLException {
        return db.createArrayOf("bytea", values.toArray(new byte[0][]));
    }

    /** The four columns of a list of dates, as arrays. */
    private final class Dates {
        private final List<String> times = new ArrayList<>();
        private final List<Short> minutes = new ArrayList<>();
        private final List<Boolean> negativeUtc = new ArrayList<>();
        private final List<byte[]> offsets = new ArrayList<>();

        /** Adds a date; false (and nulls) if PostgreSQL cannot hold it. */
        boolean add(Optional<Timestamp> date) {
            String time = date.map(Columns::timestamptz).orElse(null);
            if (time == null) {
                times.add(null);
                minutes.add(null);
                negativeUtc.add(null);
                offsets.add(null);
                return date.isEmpty();
            }
            times.add(time);
            minutes.add(Columns.offsetMinutes(date.get()));
            negativeUtc.add(Columns.negativeUtc(date.get()));
            offsets.add(date.get().offset().toByteArray());
            return true;
        }

        int bind(PreparedStatement ps, int from) throws SQLException {
            ps.setArray(from, db.createArrayOf("text", times.toArray()));
            ps.setArray(from + 1, db.createArrayOf("int2", minutes.toArray()));
            ps.setArray(from + 2, db.createArrayOf("boolean", negativeUtc.toArray()));
            ps.setArray(from + 3, bytes(offsets));
            return from + 4;
        }
    }
}
