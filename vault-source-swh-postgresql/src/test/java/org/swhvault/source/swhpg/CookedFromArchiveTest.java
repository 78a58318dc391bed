package org.swhvault.source.swhpg;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.cook.flat.FlatCooker;
import org.swhvault.core.cook.gitbare.GitBareCooker;
import org.swhvault.core.cook.gitfast.GitfastCooker;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.SampleRepositories;
import org.swhvault.testing.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bundles cooked from an archive equal the bundles cooked from the git repository it was loaded from, byte for
 * byte, for flat, gitfast and git-bare (packed object by object on both sides); the loader is incremental; on a
 * mirror-flavour database, rows that have not arrived make the cook NOT_YET_AVAILABLE and, once they are back,
 * the exact bundle is cooked; a hidden content becomes the reference's placeholder.
 */
class CookedFromArchiveTest {
    @TempDir
    static Path tmp;
    static TestPostgres postgres;
    static GitFixture history;
    static GitObjectSource git;
    static PostgresLocation db;
    static SwhPostgresSource archive;
    static SwhLoader.Summary first;
    static Path objects;

    @BeforeAll
    static void load() throws Exception {
        postgres = TestPostgres.start();
        history = SampleRepositories.history(tmp.resolve("history"));
        SampleRepositories.literalObjects(history);
        git = GitObjectSource.open(history.dir());
        db = Archives.database(postgres, SwhSchema.Flavor.MIRROR);
        objects = tmp.resolve("objects");
        first = Archives.load(history.dir(), db, Archives.objstorage(objects), tmp);
        archive = SwhPostgresSource.open(db, 2, Archives.objstorage(objects));
    }

    @AfterAll
    static void stop() {
        archive.close();
        git.close();
        postgres.close();
    }

    static Swhid swhid(ObjectType type, String hex) {
        return Swhid.of(type, ObjectId.fromHex(hex));
    }

    static byte[] cook(Cooker cooker, Swhid swhid, ObjectSource source) throws IOException {
        return Archives.cook(cooker, swhid, source);
    }

    static void assertSameBundle(Cooker cooker, Swhid swhid) throws IOException {
        byte[] fromGit = cook(cooker, swhid, git);
        assertThat(cook(cooker, swhid, archive)).as("%s of %s", cooker, swhid).hasSizeGreaterThan(0)
                .isEqualTo(fromGit);
    }

    static void sql(String statement) throws SQLException {
        try (Connection c = Archives.connect(db); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    @Test
    void theLoaderWroteEverythingAndALoadAgainWritesNothing() throws SQLException {
        assertThat(first.written(ObjectType.CONTENT)).isGreaterThan(0);
        assertThat(first.written(ObjectType.DIRECTORY)).isGreaterThan(0);
        assertThat(first.written(ObjectType.REVISION)).isGreaterThan(0);
        assertThat(first.written(ObjectType.RELEASE)).isGreaterThan(0);
        assertThat(first.written(ObjectType.SNAPSHOT)).isEqualTo(1);
        SwhLoader.Summary again = Archives.load(history.dir(), db, Archives.objstorage(objects), tmp);
        for (ObjectType t : new ObjectType[] {ObjectType.CONTENT, ObjectType.DIRECTORY, ObjectType.REVISION,
                ObjectType.RELEASE, ObjectType.SNAPSHOT}) {
            assertThat(again.written(t)).as("%s written again", t).isZero();
        }
        assertThat(again.skipped(ObjectType.SNAPSHOT)).isEqualTo(1);
        assertThat(postgres.psql(db.database(), "SELECT count(*) FROM origin_visit_status WHERE status = 'full'")
                .strip()).isEqualTo("2");
    }

    @Test
    void flatBundlesAreTheSame() throws IOException {
        assertSameBundle(new FlatCooker(), swhid(ObjectType.DIRECTORY, history.revParse("main^{tree}")));
        assertSameBundle(new FlatCooker(), swhid(ObjectType.REVISION, history.revParse("main")));
    }

    @Test
    void gitfastBundlesAreTheSame() throws IOException {
        assertSameBundle(new GitfastCooker(), swhid(ObjectType.REVISION, history.revParse("main")));
        assertSameBundle(new GitfastCooker(), swhid(ObjectType.REVISION, history.revParse("literal")));
    }

    @Test
    void gitBareBundlesAreTheSame() throws IOException {
        GitBareCooker bare = new GitBareCooker(tmp, 1, GitBareCooker.DEFAULT_LEVEL, false);
        assertSameBundle(bare, swhid(ObjectType.REVISION, history.revParse("main")));
        assertSameBundle(bare, swhid(ObjectType.RELEASE, history.revParse("refs/tags/v1.0-signed")));
        assertSameBundle(bare, Swhid.of(ObjectType.SNAPSHOT, git.currentSnapshot().id()));
    }

    @Test
    void aDirectoryNotYetReplicatedFailsTheCookUntilItArrives() throws Exception {
        Swhid root = swhid(ObjectType.DIRECTORY, history.revParse("main^{tree}"));
        ObjectId sub = git.directory(root.id()).orElseThrow().entries().stream()
                .filter(e -> e.type() == EntryType.DIR).map(DirectoryEntry::target).findFirst().orElseThrow();
        byte[] expected = cook(new FlatCooker(), root, git);
        String hex = "'\\x" + sub.toHex() + "'";
        sql("CREATE TABLE held_directory AS SELECT * FROM directory WHERE id = " + hex);
        sql("DELETE FROM directory WHERE id = " + hex);
        try {
            assertThatThrownBy(() -> cook(new FlatCooker(), root, archive))
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_YET_AVAILABLE))
                    .hasMessage("swh:1:dir:" + sub.toHex() + " is not yet available on this mirror.");
        } finally {
            sql("INSERT INTO directory SELECT * FROM held_directory");
            sql("DROP TABLE held_directory");
        }
        assertThat(cook(new FlatCooker(), root, archive)).isEqualTo(expected);
    }

    @Test
    void aRevisionNotYetReplicatedMidHistoryFailsTheCookUntilItArrives() throws Exception {
        Swhid head = swhid(ObjectType.REVISION, history.revParse("main"));
        String parent = history.revParse("main~1");
        byte[] expected = cook(new GitfastCooker(), head, git);
        String hex = "'\\x" + parent + "'";
        sql("CREATE TABLE held_revision AS SELECT * FROM revision WHERE id = " + hex);
        sql("DELETE FROM revision WHERE id = " + hex);
        try {
            assertThatThrownBy(() -> cook(new GitfastCooker(), head, archive))
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_YET_AVAILABLE))
                    .hasMessageEndingWith(" is not yet available on this mirror.");
        } finally {
            sql("INSERT INTO revision SELECT * FROM held_revision");
            sql("DROP TABLE held_revision");
        }
        assertThat(cook(new GitfastCooker(), head, archive)).isEqualTo(expected);
    }

    @Test
    void aHiddenContentIsThePlaceholder() throws Exception {
        Swhid root = swhid(ObjectType.DIRECTORY, history.revParse("main^{tree}"));
        ObjectId file = git.directory(root.id()).orElseThrow().entries().stream()
                .filter(e -> e.type() == EntryType.FILE && !e.isSymlink()).map(DirectoryEntry::target).findFirst()
                .orElseThrow();
        String hex = "'\\x" + file.toHex() + "'";
        sql("UPDATE content SET status = 'hidden' WHERE sha1_git = " + hex);
        try {
            byte[] bundle = cook(new FlatCooker(), root, archive);
            String tar = new String(new GZIPInputStream(new ByteArrayInputStream(bundle)).readAllBytes(),
                    StandardCharsets.ISO_8859_1);
            assertThat(tar).contains("This content is hidden.");
        } finally {
            sql("UPDATE content SET status = 'visible' WHERE sha1_git = " + hex);
        }
    }
}
