package org.swhvault.source.swhpg;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
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
import org.swhvault.spi.model.Revision;
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
        history.updateRef("refs/heads/unknown-zone", history.literal("commit", "tree "
                + history.revParse("main^{tree}") + "\nparent " + history.revParse("main") + "\nauthor A <a> 5 -0000\n"
                + "committer C <c> 1700000000 -0000\n\nUnknown zone\n"));
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
        Archives.sql(db, "CREATE TABLE held_directory AS SELECT * FROM directory WHERE id = " + hex);
        Archives.sql(db, "DELETE FROM directory WHERE id = " + hex);
        try {
            assertThatThrownBy(() -> cook(new FlatCooker(), root, archive))
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_YET_AVAILABLE))
                    .hasMessage("swh:1:dir:" + sub.toHex() + " is not yet available on this mirror.");
        } finally {
            Archives.sql(db, "INSERT INTO directory SELECT * FROM held_directory");
            Archives.sql(db, "DROP TABLE held_directory");
        }
        assertThat(cook(new FlatCooker(), root, archive)).isEqualTo(expected);
    }

    @Test
    void aRevisionNotYetReplicatedMidHistoryFailsTheCookUntilItArrives() throws Exception {
        Swhid head = swhid(ObjectType.REVISION, history.revParse("main"));
        String parent = history.revParse("main~1");
        byte[] expected = cook(new GitfastCooker(), head, git);
        String hex = "'\\x" + parent + "'";
        Archives.sql(db, "CREATE TABLE held_revision AS SELECT * FROM revision WHERE id = " + hex);
        Archives.sql(db, "DELETE FROM revision WHERE id = " + hex);
        try {
            assertThatThrownBy(() -> cook(new GitfastCooker(), head, archive))
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_YET_AVAILABLE))
                    .hasMessageEndingWith(" is not yet available on this mirror.");
        } finally {
            Archives.sql(db, "INSERT INTO revision SELECT * FROM held_revision");
            Archives.sql(db, "DROP TABLE held_revision");
        }
        assertThat(cook(new GitfastCooker(), head, archive)).isEqualTo(expected);
    }

    /** The first regular file of the main tree. */
    static ObjectId firstFile(Swhid root) {
        return git.directory(root.id()).orElseThrow().entries().stream()
                .filter(e -> e.type() == EntryType.FILE && !e.isSymlink()).map(DirectoryEntry::target).findFirst()
                .orElseThrow();
    }

    @Test
    void aContentWhoseBytesHaveNotReachedTheObjstorageFailsTheCookUntilTheyArrive() throws Exception {
        Swhid root = swhid(ObjectType.DIRECTORY, history.revParse("main^{tree}"));
        ObjectId file = firstFile(root);
        byte[] bytes;
        try (InputStream in = git.openContent(file)) {
            bytes = in.readAllBytes();
        }
        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        Path stored = objects.resolve(sha1.substring(0, 2)).resolve(sha1.substring(2, 4)).resolve(sha1);
        assertThat(stored).as("the objstorage's file of %s", file).isRegularFile();
        GitBareCooker bare = new GitBareCooker(tmp, 1, GitBareCooker.DEFAULT_LEVEL, false);
        byte[] expected = cook(new FlatCooker(), root, git);
        Path aside = tmp.resolve("aside-" + sha1);
        Files.move(stored, aside);
        try {
            for (Cooker cooker : List.of(new FlatCooker(), bare)) {
                assertThatThrownBy(() -> cook(cooker, root, archive)).as("%s", cooker)
                        .isInstanceOfSatisfying(VaultException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_YET_AVAILABLE))
                        .hasMessage("The bytes of swh:1:cnt:" + file.toHex() + " are not yet available on this mirror.");
            }
            // the last attempt the availability horizon leaves takes the reference's placeholder
            String last = new String(new GZIPInputStream(new ByteArrayInputStream(
                    Archives.cook(new FlatCooker(), root, archive, true))).readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(last).contains("This content has not been retrieved in the Software Heritage archive");
        } finally {
            Files.move(aside, stored);
        }
        assertThat(cook(new FlatCooker(), root, archive)).isEqualTo(expected);
        assertThat(cook(bare, root, archive)).isEqualTo(cook(bare, root, git));
    }

    @Test
    void aContentNotYetReplicatedFailsTheCookUntilItArrives() throws Exception {
        Swhid head = swhid(ObjectType.REVISION, history.revParse("main"));
        ObjectId file = firstFile(swhid(ObjectType.DIRECTORY, history.revParse("main^{tree}")));
        byte[] expected = cook(new GitfastCooker(), head, git);
        String hex = "'\\x" + file.toHex() + "'";
        Archives.sql(db, "CREATE TABLE held_content AS SELECT * FROM content WHERE sha1_git = " + hex);
        Archives.sql(db, "DELETE FROM content WHERE sha1_git = " + hex);
        try {
            assertThatThrownBy(() -> cook(new GitfastCooker(), head, archive))
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_YET_AVAILABLE))
                    .hasMessage("swh:1:cnt:" + file.toHex() + " is not yet available on this mirror.");
        } finally {
            Archives.sql(db, "INSERT INTO content SELECT * FROM held_content");
            Archives.sql(db, "DROP TABLE held_content");
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
        Archives.sql(db, "UPDATE content SET status = 'hidden' WHERE sha1_git = " + hex);
        try {
            byte[] bundle = cook(new FlatCooker(), root, archive);
            String tar = new String(new GZIPInputStream(new ByteArrayInputStream(bundle)).readAllBytes(),
                    StandardCharsets.ISO_8859_1);
            assertThat(tar).contains("This content is hidden.");
        } finally {
            Archives.sql(db, "UPDATE content SET status = 'visible' WHERE sha1_git = " + hex);
        }
        // visible again: served at once (git-bare opens contents without asking about them first)
        GitBareCooker bare = new GitBareCooker(tmp, 1, GitBareCooker.DEFAULT_LEVEL, false);
        assertThat(cook(bare, root, archive)).isEqualTo(cook(bare, root, git));
    }

    @Test
    void aReleaseNotYetReplicatedFailsTheCookUntilItArrives() throws Exception {
        Swhid signed = swhid(ObjectType.RELEASE, history.revParse("refs/tags/v1.0-signed"));
        String inner = history.revParse("refs/tags/v1.0");
        GitBareCooker bare = new GitBareCooker(tmp, 1, GitBareCooker.DEFAULT_LEVEL, false);
        byte[] expected = cook(bare, signed, git);
        String hex = "'\\x" + inner + "'";
        Archives.sql(db, "CREATE TABLE held_release AS SELECT * FROM release WHERE id = " + hex);
        Archives.sql(db, "DELETE FROM release WHERE id = " + hex);
        try {
            assertThatThrownBy(() -> cook(bare, signed, archive))
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_YET_AVAILABLE))
                    .hasMessage("swh:1:rel:" + inner + " is not yet available on this mirror.");
        } finally {
            Archives.sql(db, "INSERT INTO release SELECT * FROM held_release");
            Archives.sql(db, "DROP TABLE held_release");
        }
        assertThat(cook(bare, signed, archive)).isEqualTo(expected);
    }

    @Test
    void rowsOfOldLoadersWithoutOffsetBytesReadTheSame() throws Exception {
        List<ObjectId> revisions = new ArrayList<>();
        try (Stream<Revision> log = git.revisionLog(ObjectId.fromHex(history.revParse("unknown-zone")))) {
            log.forEach(r -> revisions.add(r.id()));
        }
        List<ObjectId> releases = List.of(ObjectId.fromHex(history.revParse("refs/tags/v1.0")),
                ObjectId.fromHex(history.revParse("refs/tags/tree-tag")));
        String canonical = " ~ '^[+-][0-9]{4}$'";
        Archives.sql(db, "CREATE TABLE held_revision_offsets AS SELECT id, date_offset_bytes, committer_date_offset_bytes FROM revision");
        Archives.sql(db, "CREATE TABLE held_release_offsets AS SELECT id, date_offset_bytes FROM release");
        try {
            Archives.sql(db, "UPDATE revision SET date_offset_bytes = NULL WHERE convert_from(date_offset_bytes, 'UTF8')" + canonical);
            Archives.sql(db, "UPDATE revision SET committer_date_offset_bytes = NULL WHERE"
                    + " convert_from(committer_date_offset_bytes, 'UTF8')" + canonical);
            Archives.sql(db, "UPDATE release SET date_offset_bytes = NULL WHERE convert_from(date_offset_bytes, 'UTF8')" + canonical);
            assertThat(postgres.psql(db.database(), "SELECT count(*) FROM revision WHERE date_offset_bytes IS NULL"
                    + " AND date_neg_utc_offset").strip()).isEqualTo("1");
            assertThat(archive.revisions(revisions)).hasSize(revisions.size()).isEqualTo(git.revisions(revisions));
            assertThat(archive.releases(releases)).hasSize(releases.size()).isEqualTo(git.releases(releases));
        } finally {
            Archives.sql(db, "UPDATE revision r SET date_offset_bytes = h.date_offset_bytes, committer_date_offset_bytes ="
                    + " h.committer_date_offset_bytes FROM held_revision_offsets h WHERE h.id = r.id");
            Archives.sql(db, "UPDATE release r SET date_offset_bytes = h.date_offset_bytes FROM held_release_offsets h"
                    + " WHERE h.id = r.id");
            Archives.sql(db, "DROP TABLE held_revision_offsets");
            Archives.sql(db, "DROP TABLE held_release_offsets");
        }
    }

    @Test
    void aRowThatDoesNotHashToItsIdIsCorrupt() throws Exception {
        String commit = history.revParse("main~1");
        String tag = history.revParse("refs/tags/v1.0");
        String tree = history.revParse("main^{tree}");
        assertCorrupt("UPDATE revision SET message = message || '\\x20'::bytea WHERE id = '\\x" + commit + "'",
                () -> archive.revision(ObjectId.fromHex(commit)), "swh:1:rev:" + commit);
        assertCorrupt("UPDATE release SET name = name || '\\x20'::bytea WHERE id = '\\x" + tag + "'",
                () -> archive.release(ObjectId.fromHex(tag)), "swh:1:rel:" + tag);
        assertCorrupt("UPDATE directory SET file_entries = file_entries[2:] WHERE id = '\\x" + tree + "'",
                () -> archive.directory(ObjectId.fromHex(tree)), "swh:1:dir:" + tree);
        assertCorrupt("UPDATE snapshot_branch SET name = name || '\\x20'::bytea WHERE name = 'refs/heads/topic'",
                () -> archive.snapshot(git.currentSnapshot().id()), "swh:1:snp:" + git.currentSnapshot().id());
    }

    /** Makes {@code change} to a table, checks that {@code read} fails as corrupt, and puts the table back. */
    static void assertCorrupt(String change, Runnable read, String swhid) throws SQLException {
        String table = change.substring("UPDATE ".length(), change.indexOf(' ', "UPDATE ".length()));
        Archives.sql(db, "CREATE TABLE held_corrupt AS SELECT * FROM " + table);
        try {
            Archives.sql(db, change);
            assertThatThrownBy(read::run).isInstanceOfSatisfying(VaultException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT))
                    .hasMessage(swhid + " in the swh-storage database does not hash to its id: the row is corrupt.");
        } finally {
            Archives.sql(db, "TRUNCATE " + table);
            Archives.sql(db, "INSERT INTO " + table + " SELECT * FROM held_corrupt");
            Archives.sql(db, "DROP TABLE held_corrupt");
        }
    }
}
