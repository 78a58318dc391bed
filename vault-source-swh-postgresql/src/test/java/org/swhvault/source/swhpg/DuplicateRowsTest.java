package org.swhvault.source.swhpg;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.cook.flat.FlatCooker;
import org.swhvault.core.cook.gitbare.GitBareCooker;
import org.swhvault.core.cook.gitfast.GitfastCooker;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.SampleRepositories;
import org.swhvault.testing.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database without swh-storage's deduplicating unique indexes (as its {@code read_replica} flavour has none, and
 * a mirror's may be dropped), holding every row a replayer may write twice twice: persons, directory entries,
 * snapshots and their branches, skipped contents. The source reads the same objects as from git, and cooks the
 * same bundles; the loader still skips what is there.
 */
class DuplicateRowsTest {
    @TempDir
    static Path tmp;
    static TestPostgres postgres;
    static GitFixture history;
    static GitObjectSource git;
    static PostgresLocation db;
    static Path objects;
    static SwhPostgresSource archive;

    @BeforeAll
    static void load() throws Exception {
        postgres = TestPostgres.start();
        history = SampleRepositories.history(tmp.resolve("history"));
        git = GitObjectSource.open(history.dir());
        db = Archives.database(postgres, SwhSchema.Flavor.MIRROR);
        objects = tmp.resolve("objects");
        Archives.load(history.dir(), db, Archives.objstorage(objects), tmp);
        Archives.sql(db, "DO $$ DECLARE i record; BEGIN FOR i IN SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"
                + " AND indexdef LIKE 'CREATE UNIQUE%' AND indexname NOT LIKE '%pkey' LOOP"
                + " EXECUTE 'DROP INDEX ' || quote_ident(i.indexname); END LOOP; END $$");
        // persons twice, every revision's author and committer pointing to the second copy
        Archives.sql(db, "INSERT INTO person (fullname, name, email) SELECT fullname, name, email FROM person");
        Archives.sql(db, "UPDATE revision r SET author = (SELECT max(p.id) FROM person p JOIN person a ON a.fullname = p.fullname"
                + " WHERE a.id = r.author), committer = (SELECT max(p.id) FROM person p JOIN person c"
                + " ON c.fullname = p.fullname WHERE c.id = r.committer)");
        // entry rows twice, every directory's file and dir entries pointing to the second copies
        for (String kind : List.of("file", "dir")) {
            String table = "directory_entry_" + kind;
            Archives.sql(db, "INSERT INTO " + table + " (target, name, perms) SELECT target, name, perms FROM " + table);
            Archives.sql(db, "UPDATE directory d SET " + kind + "_entries = (SELECT array_agg(copy.id ORDER BY x.o) FROM"
                    + " unnest(d." + kind + "_entries) WITH ORDINALITY x(eid, o) JOIN " + table + " e ON e.id = x.eid"
                    + " JOIN " + table + " copy ON copy.target = e.target AND copy.name = e.name AND copy.perms ="
                    + " e.perms AND copy.id > e.id) WHERE cardinality(d." + kind + "_entries) > 0");
        }
        // a second snapshot row with its own copies of the branches
        Archives.sql(db, "INSERT INTO snapshot_branch (name, target, target_type) SELECT name, target, target_type"
                + " FROM snapshot_branch");
        Archives.sql(db, "INSERT INTO snapshot (id) SELECT id FROM snapshot");
        Archives.sql(db, "INSERT INTO snapshot_branches (snapshot_id, branch_id) SELECT s.object_id, copy.object_id FROM snapshot s,"
                + " snapshot_branches sb JOIN snapshot_branch b ON b.object_id = sb.branch_id JOIN snapshot_branch copy"
                + " ON copy.name = b.name AND copy.target IS NOT DISTINCT FROM b.target AND copy.target_type IS NOT"
                + " DISTINCT FROM b.target_type AND copy.object_id > b.object_id WHERE s.object_id = (SELECT"
                + " max(object_id) FROM snapshot) AND sb.snapshot_id = (SELECT min(object_id) FROM snapshot)");
        // a content skipped twice
        Archives.sql(db, "INSERT INTO skipped_content (sha1_git, length, reason) SELECT '\\x" + "ab".repeat(20) + "', 7, 'big'"
                + " FROM generate_series(1, 2)");
        archive = SwhPostgresSource.open(db, 2, Archives.objstorage(objects));
    }

    @AfterAll
    static void stop() {
        archive.close();
        git.close();
        postgres.close();
    }


    @Test
    void theDuplicatesAreThere() {
        for (String table : List.of("person", "directory_entry_file", "directory_entry_dir", "snapshot",
                "snapshot_branch")) {
            assertThat(postgres.psql(db.database(), "SELECT count(*) > count(DISTINCT (" + switch (table) {
                case "person" -> "fullname";
                case "snapshot" -> "id";
                case "snapshot_branch" -> "name, target, target_type";
                default -> "target, name, perms";
            } + ")) FROM " + table).strip()).as(table).isEqualTo("t");
        }
    }

    @Test
    void objectsReadAsFromGit() {
        List<ObjectId> revisions;
        try (Stream<Revision> log = git.revisionLog(ObjectId.fromHex(history.revParse("main")))) {
            revisions = log.map(Revision::id).toList();
        }
        assertThat(archive.revisions(revisions)).isEqualTo(git.revisions(revisions));
        List<ObjectId> trees = revisions.stream().map(id -> git.revision(id).orElseThrow().directory()).toList();
        assertThat(archive.directories(trees)).isEqualTo(git.directories(trees));
        ObjectId snapshot = git.currentSnapshot().id();
        assertThat(archive.snapshot(snapshot)).isEqualTo(git.snapshot(snapshot));
        ObjectId skipped = ObjectId.fromHex("ab".repeat(20));
        assertThat(archive.contents(List.of(skipped))).hasSize(1);
        assertThat(archive.content(skipped).orElseThrow().status()).isEqualTo(ContentStatus.ABSENT);
    }

    @Test
    void bundlesAreTheSame() throws Exception {
        Swhid tree = Swhid.of(ObjectType.DIRECTORY, ObjectId.fromHex(history.revParse("main^{tree}")));
        Swhid main = Swhid.of(ObjectType.REVISION, ObjectId.fromHex(history.revParse("main")));
        Swhid snapshot = Swhid.of(ObjectType.SNAPSHOT, git.currentSnapshot().id());
        GitBareCooker bare = new GitBareCooker(tmp, 1, GitBareCooker.DEFAULT_LEVEL, false);
        assertThat(Archives.cook(new FlatCooker(), tree, archive)).isEqualTo(Archives.cook(new FlatCooker(), tree, git));
        assertThat(Archives.cook(new GitfastCooker(), main, archive))
                .isEqualTo(Archives.cook(new GitfastCooker(), main, git));
        assertThat(Archives.cook(bare, snapshot, archive)).isEqualTo(Archives.cook(bare, snapshot, git));
    }

    @Test
    void theLoaderStillSkipsWhatIsThere() throws Exception {
        history.write("added.txt", "added\n");
        history.git("add", "added.txt");
        history.commit("Added\n");
        try {
            SwhLoader.Summary again = Archives.load(history.dir(), db, Archives.objstorage(objects), tmp);
            assertThat(again.written(ObjectType.REVISION)).isEqualTo(1);
            assertThat(again.written(ObjectType.CONTENT)).isEqualTo(1);
        } finally {
            history.git("reset", "-q", "--hard", "HEAD~1");
        }
    }
}
