package org.swhvault.source.swhpg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.cook.flat.FlatCooker;
import org.swhvault.core.cook.gitbare.GitBareCooker;
import org.swhvault.core.cook.gitfast.GitfastCooker;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GeneratedHistory;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.postgres.TestPostgres;
import org.swhvault.testing.process.Processes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated history of thousands of commits (merges, moves, tags, an unrelated branch) loaded into a
 * mirror-flavour archive: flat and gitfast bundles cooked from the archive are the bytes cooked from git, and a
 * git-bare bundle of the whole snapshot (the git side copying its stored pack, the archive side packing object by
 * object) holds the same objects, as {@code git cat-file --batch-all-objects} lists them, and the same refs.
 */
class GeneratedHistoryArchiveTest {
    static final int COMMITS = 2_000;

    @TempDir
    static Path tmp;
    static TestPostgres postgres;
    static GitFixture history;
    static GitObjectSource git;
    static SwhPostgresSource archive;
    static SwhLoader.Summary loaded;

    @BeforeAll
    static void load() throws Exception {
        postgres = TestPostgres.start();
        history = GitFixture.init(tmp.resolve("generated"));
        GeneratedHistory.write(history, 60, COMMITS, 7);
        history.git("checkout", "-q", "main");
        git = GitObjectSource.open(history.dir());
        PostgresLocation db = Archives.database(postgres, SwhSchema.Flavor.MIRROR);
        Path objects = tmp.resolve("objects");
        loaded = Archives.load(history.dir(), db, Archives.objstorage(objects), tmp);
        archive = SwhPostgresSource.open(db, 2, Archives.objstorage(objects));
    }

    @AfterAll
    static void stop() {
        archive.close();
        git.close();
        postgres.close();
    }

    @Test
    void everyCommitIsLoaded() {
        long commits = history.allObjects().stream().filter(o -> o.type().equals("commit")).count();
        assertThat(commits).isGreaterThan(COMMITS);
        assertThat(loaded.written(ObjectType.REVISION)).isEqualTo(commits);
        assertThat(loaded.written(ObjectType.RELEASE)).isEqualTo(COMMITS / 250);
    }

    @Test
    void flatAndGitfastBundlesAreTheSameBytes() throws IOException {
        Swhid main = Swhid.of(ObjectType.REVISION, ObjectId.fromHex(history.revParse("main")));
        Swhid pages = Swhid.of(ObjectType.REVISION, ObjectId.fromHex(history.revParse("pages")));
        Swhid tree = Swhid.of(ObjectType.DIRECTORY, ObjectId.fromHex(history.revParse("main^{tree}")));
        // flat of a revision holds the tree of every commit of its history: the short one is enough
        for (Cooker cooker : List.<Cooker>of(new FlatCooker(), new GitfastCooker())) {
            for (Swhid swhid : cooker instanceof FlatCooker ? List.of(tree, pages) : List.of(main, pages)) {
                assertThat(Archives.cook(cooker, swhid, archive)).as("%s of %s", cooker, swhid)
                        .isEqualTo(Archives.cook(cooker, swhid, git));
            }
        }
    }

    @Test
    void aGitBareBundleOfTheSnapshotHasTheSameObjectsAndRefs() throws IOException {
        Swhid snapshot = Swhid.of(ObjectType.SNAPSHOT, git.currentSnapshot().id());
        GitBareCooker cooker = new GitBareCooker(tmp, 2, GitBareCooker.DEFAULT_LEVEL);
        GitFixture fromGit = extract(Archives.cook(cooker, snapshot, git), snapshot, tmp.resolve("bare-git"));
        GitFixture fromArchive = extract(Archives.cook(cooker, snapshot, archive), snapshot, tmp.resolve("bare-swh"));
        assertThat(ids(fromArchive)).isEqualTo(ids(fromGit)).hasSizeGreaterThan(COMMITS * 3);
        assertThat(fromArchive.git("for-each-ref", "--format=%(refname) %(objectname)"))
                .isEqualTo(fromGit.git("for-each-ref", "--format=%(refname) %(objectname)"));
        fromArchive.git("fsck", "--strict", "--no-dangling");
    }

    static GitFixture extract(byte[] tar, Swhid swhid, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("bundle.tar"), tar);
        Processes.run(dir, "tar", "-xf", "bundle.tar");
        return GitFixture.open(dir.resolve(swhid + ".git"), true);
    }

    static String ids(GitFixture repo) {
        return repo.allObjects().stream().map(o -> o.id() + " " + o.type()).sorted().collect(Collectors.joining("\n"));
    }
}
