package org.swhvault.source.swhpg;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swhvault.core.cook.gitbare.GitBareCooker;
import org.swhvault.core.cook.gitfast.GitfastCooker;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.model.ContentHashes;
import org.swhvault.spi.model.Manifests;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.objstorage.ObjStorage;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.SampleRepositories;
import org.swhvault.testing.postgres.TestPostgres;
import org.swhvault.testing.source.ForwardingObjectSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The loader: a load stopped at any point leaves an archive without holes (every object's references and rows are
 * there) that the next load completes; a second load after new commits writes only what is new; persons get the
 * name and email swh-model guesses; every odd git object (raw manifests, odd dates, dates PostgreSQL cannot hold)
 * reads back as git reads it, or hash-exact through its raw manifest.
 */
class LoaderTest {
    @TempDir
    static Path tmp;
    static TestPostgres postgres;
    static GitFixture history;
    static int reads;

    @BeforeAll
    static void start() throws Exception {
        postgres = TestPostgres.start();
        history = SampleRepositories.history(tmp.resolve("history"));
        PostgresLocation db = Archives.database(postgres, SwhSchema.Flavor.DEFAULT);
        try (GitObjectSource git = GitObjectSource.open(history.dir())) {
            StoppingSource counting = new StoppingSource(git, Integer.MAX_VALUE);
            load(counting, db, tmp.resolve("objects-count"));
            reads = counting.reads.get();
        }
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    /** Reads from a source and fails every read after the {@code stopAt}-th, as a load killed there would stop. */
    static final class StoppingSource extends ForwardingObjectSource {
        final AtomicInteger reads = new AtomicInteger();
        final int stopAt;

        StoppingSource(ObjectSource delegate, int stopAt) {
            super(delegate);
            this.stopAt = stopAt;
        }

        private void read() {
            if (reads.incrementAndGet() >= stopAt) {
                throw new IllegalStateException("stopped");
            }
        }

        @Override
        public Optional<Directory> directory(ObjectId id) {
            read();
            return super.directory(id);
        }

        @Override
        public Optional<Revision> revision(ObjectId id) {
            read();
            return super.revision(id);
        }

        @Override
        public Optional<Release> release(ObjectId id) {
            read();
            return super.release(id);
        }

        @Override
        public InputStream openContent(ObjectId sha1Git) {
            read();
            return super.openContent(sha1Git);
        }
    }

    static SwhLoader.Summary load(ObjectSource source, PostgresLocation db, Path objects) throws SQLException {
        ObjectId snapshot;
        try (GitObjectSource git = GitObjectSource.open(history.dir())) {
            snapshot = git.currentSnapshot().id();
        }
        try (Connection c = Archives.connect(db)) {
            return SwhLoader.load(source, snapshot, c, Archives.objstorage(objects), Optional.of("https://example.org/r"),
                    tmp, s -> { });
        }
    }

    static Stream<Integer> stopPoints() {
        return IntStream.rangeClosed(1, 8).mapToObj(i -> 1 + (reads - 2) * i / 8).distinct().map(Integer::valueOf);
    }

    @ParameterizedTest(name = "stopped at read {0}")
    @MethodSource("stopPoints")
    void aLoadStoppedAnywhereLeavesNoHoleAndTheNextLoadCompletesIt(int stopAt) throws Exception {
        PostgresLocation db = Archives.database(postgres, SwhSchema.Flavor.DEFAULT);
        Path objects = tmp.resolve("objects-stop-" + stopAt);
        try (GitObjectSource git = GitObjectSource.open(history.dir())) {
            assertThatThrownBy(() -> load(new StoppingSource(git, stopAt), db, objects)).hasMessage("stopped");
            assertThat(holes(db, Archives.objstorage(objects))).isEmpty();
            assertThat(count(db, "snapshot")).isZero();

            load(git, db, objects);
            assertThat(holes(db, Archives.objstorage(objects))).isEmpty();
            try (SwhPostgresSource archive = SwhPostgresSource.open(db, 1, Archives.objstorage(objects))) {
                Swhid main = Swhid.of(ObjectType.REVISION, ObjectId.fromHex(history.revParse("main")));
                Swhid snapshot = Swhid.of(ObjectType.SNAPSHOT, git.currentSnapshot().id());
                GitBareCooker bare = new GitBareCooker(tmp, 1, GitBareCooker.DEFAULT_LEVEL, false);
                assertThat(Archives.cook(new GitfastCooker(), main, archive))
                        .isEqualTo(Archives.cook(new GitfastCooker(), main, git));
                assertThat(Archives.cook(bare, snapshot, archive)).isEqualTo(Archives.cook(bare, snapshot, git));
            }
        }
    }

    /** What the archive holds that references something it lacks, or that does not read back whole. */
    static List<String> holes(PostgresLocation db, ObjStorage objstorage) throws SQLException {
        List<String> holes = new ArrayList<>();
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("subdirectory", "SELECT encode(d.id, 'hex') FROM directory d, unnest(d.dir_entries) x(eid)"
                + " JOIN directory_entry_dir e ON e.id = x.eid WHERE NOT EXISTS (SELECT 1 FROM directory s"
                + " WHERE s.id = e.target)");
        checks.put("file", "SELECT encode(d.id, 'hex') FROM directory d, unnest(d.file_entries) x(eid)"
                + " JOIN directory_entry_file e ON e.id = x.eid WHERE NOT EXISTS (SELECT 1 FROM content c"
                + " WHERE c.sha1_git = e.target)");
        checks.put("tree", "SELECT encode(r.id, 'hex') FROM revision r WHERE NOT EXISTS (SELECT 1 FROM directory d"
                + " WHERE d.id = r.directory)");
        checks.put("parent", "SELECT encode(h.id, 'hex') FROM revision_history h WHERE NOT EXISTS (SELECT 1 FROM"
                + " revision r WHERE r.id = h.parent_id)");
        checks.put("release target", "SELECT encode(r.id, 'hex') FROM release r WHERE NOT EXISTS (SELECT 1 FROM"
                + " revision x WHERE x.id = r.target UNION ALL SELECT 1 FROM release x WHERE x.id = r.target"
                + " UNION ALL SELECT 1 FROM directory x WHERE x.id = r.target UNION ALL SELECT 1 FROM content x"
                + " WHERE x.sha1_git = r.target)");
        List<ObjectId> directories = new ArrayList<>();
        List<ObjectId> revisions = new ArrayList<>();
        List<ObjectId> releases = new ArrayList<>();
        try (Connection c = Archives.connect(db); Statement st = c.createStatement()) {
            for (Map.Entry<String, String> check : checks.entrySet()) {
                try (ResultSet rs = st.executeQuery(check.getValue())) {
                    while (rs.next()) {
                        holes.add(check.getKey() + " missing below " + rs.getString(1));
                    }
                }
            }
            ids(st, "SELECT id FROM directory", directories);
            ids(st, "SELECT id FROM revision", revisions);
            ids(st, "SELECT id FROM release", releases);
            try (ResultSet rs = st.executeQuery("SELECT sha1_git, length, sha1, sha256, blake2s256 FROM content")) {
                while (rs.next()) {
                    ContentHashes h = new ContentHashes(ObjectId.of(rs.getBytes(1)), rs.getLong(2),
                            Columns.bytes(rs, "sha1"), Columns.bytes(rs, "sha256"), Columns.bytes(rs, "blake2s256"));
                    if (!objstorage.contains(h)) {
                        holes.add("bytes missing for content " + h.sha1Git());
                    }
                }
            }
        }
        // every row reads back and hashes to its id (a revision without its history rows would not)
        try (SwhPostgresSource archive = SwhPostgresSource.open(db, 1, objstorage)) {
            assertThat(archive.directories(directories)).hasSize(directories.size());
            assertThat(archive.revisions(revisions)).hasSize(revisions.size());
            assertThat(archive.releases(releases)).hasSize(releases.size());
        }
        return holes;
    }

    static void ids(Statement st, String sql, List<ObjectId> into) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                into.add(ObjectId.of(rs.getBytes(1)));
            }
        }
    }

    static long count(PostgresLocation db, String table) {
        return Long.parseLong(postgres.psql(db.database(), "SELECT count(*) FROM " + table).strip());
    }

    @Test
    void aSecondLoadAfterNewCommitsWritesOnlyWhatIsNew() throws Exception {
        GitFixture repo = SampleRepositories.history(tmp.resolve("growing"));
        PostgresLocation db = Archives.database(postgres, SwhSchema.Flavor.MIRROR);
        Path objects = tmp.resolve("objects-growing");
        Archives.load(repo.dir(), db, Archives.objstorage(objects), tmp);
        repo.write("src/new.c", "int added;\n");
        repo.git("add", "src/new.c");
        repo.commit("Add a file\n");
        repo.write("src/new.c", "int added = 2;\n");
        repo.git("add", "src/new.c");
        repo.commit("Change it\n");

        SwhLoader.Summary again;
        StoppingSource counting;
        try (GitObjectSource git = GitObjectSource.open(repo.dir()); Connection c = Archives.connect(db)) {
            counting = new StoppingSource(git, Integer.MAX_VALUE);
            again = SwhLoader.load(counting, git.currentSnapshot().id(), c, Archives.objstorage(objects),
                    Optional.empty(), tmp, s -> { });
        }
        assertThat(again.written(ObjectType.REVISION)).isEqualTo(2);
        assertThat(again.written(ObjectType.DIRECTORY)).isEqualTo(4); // two roots, two src/
        assertThat(again.written(ObjectType.CONTENT)).isEqualTo(2);
        assertThat(again.written(ObjectType.RELEASE)).isZero();
        assertThat(again.written(ObjectType.SNAPSHOT)).isEqualTo(1);
        // the walks stop where the archive's objects begin: the new objects are read, twice at most, and little else
        assertThat(counting.reads.get()).isLessThanOrEqualTo(2 * (2 + 4 + 2) + 2).isLessThan(reads / 4);
        assertThat(holes(db, Archives.objstorage(objects))).isEmpty();
    }

    @Test
    void personsGetTheNameAndEmailSwhModelGuesses() throws Exception {
        GitFixture repo = GitFixture.init(tmp.resolve("persons"));
        String tree = repo.mktree(List.of());
        List<String> commits = new ArrayList<>();
        for (String person : List.of("A U Thor <author@example.com>", "Spaced   <x@y>", "No Email <>", "<only@mail>",
                "Bad <Name>> >", "Two <a> <b>")) {
            commits.add(repo.literal("commit", "tree " + tree + "\nauthor " + person + " 5 +0000\ncommitter "
                    + person + " 5 +0000\n\nm\n"));
        }
        for (int i = 0; i < commits.size(); i++) {
            repo.updateRef("refs/heads/p" + i, commits.get(i));
        }
        PostgresLocation db = Archives.database(postgres, SwhSchema.Flavor.DEFAULT);
        Archives.load(repo.dir(), db, Archives.objstorage(tmp.resolve("objects-persons")), tmp);
        // expected values as swh-model's Person.from_fullname computes them
        assertThat(postgres.psql(db.database(), "SELECT convert_from(fullname, 'UTF8') || '|'"
                + " || coalesce(convert_from(name, 'UTF8'), '-') || '|' || coalesce(convert_from(email, 'UTF8'), '-')"
                + " FROM person ORDER BY fullname").strip().split("\n")).containsExactly(
                        "<only@mail>|-|only@mail",
                        "A U Thor <author@example.com>|A U Thor|author@example.com",
                        "Bad <Name>> >|Bad|Name>> ",
                        "No Email <>|No Email|-",
                        "Spaced   <x@y>|Spaced|x@y",
                        "Two <a> <b>|Two|a> <b");
    }

    @Test
    void oddObjectsReadBackAsGitReadsThem() throws Exception {
        GitFixture repo = SampleRepositories.history(tmp.resolve("odd"));
        Map<String, SampleRepositories.Literal> literals = new LinkedHashMap<>(SampleRepositories.literalObjects(repo));
        String tree = repo.revParse("main^{tree}");
        Map<String, String> dates = new LinkedHashMap<>();
        dates.put("year 10000", "253402300800 +0000");
        dates.put("last second PostgreSQL holds", "9224318015999 -0000");
        dates.put("first second PostgreSQL holds", "-210866803200 +0100");
        dates.put("1 BC", "-62135596801 +0000");
        dates.put("microseconds", "1234567890.123456 +0000");
        dates.put("beyond PostgreSQL", "99999999999999 +0000");
        dates.put("before PostgreSQL", "-210866803201 +0000");
        for (Map.Entry<String, String> d : dates.entrySet()) {
            String id = repo.literal("commit", "tree " + tree + "\nauthor A <a> " + d.getValue() + "\ncommitter C <c> "
                    + d.getValue() + "\n\n" + d.getKey() + "\n");
            literals.put(d.getKey(), new SampleRepositories.Literal(id, false));
        }
        Map<String, String> types = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, SampleRepositories.Literal> l : literals.entrySet()) {
            String type = repo.git("cat-file", "-t", l.getValue().id());
            types.put(l.getKey(), type);
            // written as files: git update-ref parses the object and refuses the oddest
            Path ref = repo.gitDir().resolve((type.equals("tag") ? "refs/tags/odd-" : "refs/odd/") + (n++));
            Files.createDirectories(ref.getParent());
            Files.writeString(ref, l.getValue().id() + "\n");
        }
        PostgresLocation db = Archives.database(postgres, SwhSchema.Flavor.MIRROR);
        Path objects = tmp.resolve("objects-odd");
        Archives.load(repo.dir(), db, Archives.objstorage(objects), tmp);
        try (GitObjectSource git = GitObjectSource.open(repo.dir());
                SwhPostgresSource archive = SwhPostgresSource.open(db, 1, Archives.objstorage(objects))) {
            for (Map.Entry<String, String> t : types.entrySet()) {
                ObjectId id = ObjectId.fromHex(literals.get(t.getKey()).id());
                Optional<?> fromGit = switch (t.getValue()) {
                    case "commit" -> git.revision(id);
                    case "tree" -> git.directory(id).map(LoaderTest::sorted);
                    default -> git.release(id);
                };
                Optional<?> fromArchive = switch (t.getValue()) {
                    case "commit" -> archive.revision(id);
                    case "tree" -> archive.directory(id).map(LoaderTest::sorted);
                    default -> archive.release(id);
                };
                if (fromGit.isEmpty()) {
                    assertThat(fromArchive).as(t.getKey()).isEmpty();
                } else if (t.getKey().endsWith(" PostgreSQL")) {
                    Revision r = (Revision) fromArchive.orElseThrow();
                    assertThat(r.date()).as(t.getKey()).isEmpty();
                    assertThat(r.rawManifest().orElseThrow().toByteArray()).as(t.getKey())
                            .isEqualTo(Manifests.withHeader("commit", repo.catFile("commit", id.toHex())));
                } else {
                    assertThat(fromArchive).as(t.getKey()).isEqualTo(fromGit);
                }
            }
            // cooked from the archive as it is: through the mirror's view, the commit whose parent git lacks would
            // wait for that parent to arrive
            Swhid snapshot = Swhid.of(ObjectType.SNAPSHOT, git.currentSnapshot().id());
            GitBareCooker bare = new GitBareCooker(tmp, 1, GitBareCooker.DEFAULT_LEVEL, false);
            ByteArrayOutputStream fromArchive = new ByteArrayOutputStream();
            bare.cook(snapshot, archive, fromArchive, CookContext.silent());
            assertThat(fromArchive.toByteArray()).isEqualTo(Archives.cook(bare, snapshot, git));
        }
    }

    /** A directory with its entries in git's order: the archive's tables do not keep a raw manifest's order. */
    static Directory sorted(Directory d) {
        List<DirectoryEntry> entries = new ArrayList<>(d.entries());
        entries.sort(Manifests.directoryOrder());
        return new Directory(d.id(), entries, d.rawManifest());
    }
}
