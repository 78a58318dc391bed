package org.swhvault.core.cook.gitbare;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.SampleRepositories;
import org.swhvault.testing.process.ProcessResult;

import static org.assertj.core.api.Assertions.assertThat;

/** Cooks bundles of a real git history and checks them with git itself. */
class GitBareCookerGitTest {
    @TempDir
    static Path tmp;

    static GitFixture history;
    static GitObjectSource source;
    static Snapshot snapshot;
    static Cooked snp;

    @BeforeAll
    static void cookTheSnapshot() {
        history = SampleRepositories.history(tmp.resolve("history"));
        source = GitObjectSource.open(history.dir());
        snapshot = source.currentSnapshot();
        snp = Cooked.cook(swhid(ObjectType.SNAPSHOT, snapshot.id().toHex()), source, tmp.resolve("snp"));
    }

    @AfterAll
    static void closeTheSource() {
        source.close();
    }

    @Test
    void aSnapshotBundleHasTheOriginalRefsAndHead() {
        assertThat(Cooked.refs(snp.repo)).isEqualTo(Cooked.refs(history.dir())).containsKeys(
                "refs/heads/main", "refs/tags/v1.0-signed", "refs/tags/tree-tag", "refs/tags/light-blob",
                "refs/remotes/origin/HEAD", "refs/notes/commits");
        assertThat(snp.git("symbolic-ref", "HEAD")).isEqualTo("refs/heads/main");
        assertThat(snp.git("symbolic-ref", "refs/remotes/origin/HEAD")).isEqualTo("refs/remotes/origin/main");
    }

    @Test
    void aSnapshotBundleHoldsExactlyTheReachableObjectsWithTheirOriginalBytes() {
        assertReused(snp);
        assertSameObjects(snp.repo, "--all");
    }

    @Test
    void packingObjectByObjectGivesTheSameObjectsAndReferences() throws IOException {
        for (String tag : List.of("refs/tags/v1.0-signed", "refs/tags/tree-tag")) {
            Swhid rel = swhid(ObjectType.RELEASE, history.revParse(tag));
            assertSameBundle(Cooked.cook(rel, source, tmp.resolve("reused-" + tag)),
                    Cooked.cook(new GitBareCooker(null, 0, GitBareCooker.DEFAULT_LEVEL, false), rel, source,
                            tmp.resolve("general-" + tag)));
        }
        Cooked general = Cooked.cook(new GitBareCooker(null, 0, GitBareCooker.DEFAULT_LEVEL, false),
                swhid(ObjectType.SNAPSHOT, snapshot.id().toHex()), source, tmp.resolve("snp-general"));
        assertSameBundle(snp, general);
    }

    @Test
    void aSnapshotBundlePassesFsckAndClonesThroughTheGitProtocol() {
        assertFsckClean(snp);
        Path clone = tmp.resolve("snp-clone");
        Cooked.git(tmp, "clone", "-q", "--no-local", snp.repo.toString(), clone.toString());
        assertThat(Cooked.git(clone, "rev-parse", "HEAD")).isEqualTo(history.revParse("main"));
        assertThat(Cooked.git(clone, "status", "--porcelain")).isEmpty();
        assertThat(Files.exists(clone.resolve("ünïcödé.txt"))).isTrue();
    }

    @Test
    void packedRefsCarryThePeeledTargetOfAnnotatedTags() throws IOException {
        String packed = Files.readString(snp.repo.resolve("packed-refs"));
        assertThat(packed).startsWith("# pack-refs with: peeled fully-peeled sorted \n")
                .contains(history.revParse("refs/tags/v1.0-signed") + " refs/tags/v1.0-signed\n^"
                        + history.revParse("v1.0^{commit}") + "\n")
                .contains(history.revParse("refs/tags/tree-tag") + " refs/tags/tree-tag\n^"
                        + history.revParse("tree-tag^{tree}") + "\n");
    }

    @Test
    void cookingTwiceGivesTheSameBytes() throws IOException {
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        new GitBareCooker(null, 1, GitBareCooker.DEFAULT_LEVEL).cook(swhid(ObjectType.SNAPSHOT, snapshot.id().toHex()), source, again,
                CookContext.silent());
        assertThat(again.toByteArray()).isEqualTo(snp.bytes);
    }

    @Test
    void aRevisionBundleHoldsItsHistoryOnMaster() {
        String main = history.revParse("main");
        Cooked rev = Cooked.cook(swhid(ObjectType.REVISION, main), source, tmp.resolve("rev"));
        assertReused(rev);
        assertThat(Cooked.refs(rev.repo)).containsExactly(Map.entry("refs/heads/master", main + " commit"));
        assertThat(rev.git("symbolic-ref", "HEAD")).isEqualTo("refs/heads/master");
        assertSameObjects(rev.repo, main);
        assertFsckClean(rev);
        assertThat(rev.git("log", "--format=%H", "master")).isEqualTo(history.git("log", "--format=%H", "main"));
    }

    @Test
    void aReleaseBundleHasItsTagAndItsRevisionOnMaster() {
        String tag = history.revParse("refs/tags/v1.0");
        Cooked rel = Cooked.cook(swhid(ObjectType.RELEASE, tag), source, tmp.resolve("rel"));
        assertReused(rel);
        assertThat(Cooked.refs(rel.repo)).containsExactly(
                Map.entry("refs/heads/master", history.revParse("v1.0^{commit}") + " commit"),
                Map.entry("refs/tags/v1.0", tag + " tag"));
        assertSameObjects(rel.repo, "refs/tags/v1.0");
        assertFsckClean(rel);
    }

    @Test
    void aReleaseOfAReleaseKeepsTheChain() {
        String tag = history.revParse("refs/tags/v1.0-signed");
        Cooked rel = Cooked.cook(swhid(ObjectType.RELEASE, tag), source, tmp.resolve("rel-of-rel"));
        assertThat(Cooked.refs(rel.repo)).containsExactly(
                Map.entry("refs/heads/master", history.revParse("v1.0^{commit}") + " commit"),
                Map.entry("refs/tags/v1.0-signed", tag + " tag"));
        assertThat(Cooked.objectIds(rel.repo)).contains(history.revParse("refs/tags/v1.0"));
        assertSameObjects(rel.repo, "refs/tags/v1.0-signed");
        assertFsckClean(rel);
    }

    @Test
    void releasesOfATreeOrABlobHaveNoMaster() {
        for (String name : List.of("tree-tag", "blob-tag")) {
            String tag = history.revParse("refs/tags/" + name);
            Cooked rel = Cooked.cook(swhid(ObjectType.RELEASE, tag), source, tmp.resolve("rel-" + name));
            assertThat(Cooked.refs(rel.repo)).containsExactly(Map.entry("refs/tags/" + name, tag + " tag"));
            assertSameObjects(rel.repo, "refs/tags/" + name);
            assertFsckClean(rel, "notice: HEAD points to an unborn branch (master)");
            Path clone = tmp.resolve("clone-" + name);
            Cooked.git(tmp, "clone", "-q", rel.repo.toString(), clone.toString());
            assertThat(Cooked.refs(clone)).containsKey("refs/tags/" + name);
        }
    }

    @Test
    void aDirectoryBundleHasAStubCommitOnMaster() {
        String tree = history.revParse("main^{tree}");
        Cooked dir = Cooked.cook(swhid(ObjectType.DIRECTORY, tree), source, tmp.resolve("dir"));
        assertThat(dir.messages).doesNotContain(RepositoryPacker.MESSAGE, StoredPackCopy.MESSAGE);
        String stub = history.hashLiterally("commit", ("tree " + tree + "\n"
                + "author swh-vault, git-bare cooker <robot@softwareheritage.org> 946684800 +0000\n"
                + "committer swh-vault, git-bare cooker <robot@softwareheritage.org> 946684800 +0000\n"
                + "\nInitial commit\n").getBytes(StandardCharsets.UTF_8));
        assertThat(Cooked.refs(dir.repo)).containsExactly(Map.entry("refs/heads/master", stub + " commit"));
        assertThat(dir.git("rev-parse", "master^{tree}")).isEqualTo(tree);
        TreeSet<String> expected = new TreeSet<>(revListObjects(history.dir(), tree));
        expected.add(stub);
        assertThat(Cooked.objectIds(dir.repo)).containsExactlyElementsOf(expected);
        assertFsckClean(dir);
        Path clone = tmp.resolve("dir-clone");
        Cooked.git(tmp, "clone", "-q", "--no-local", dir.repo.toString(), clone.toString());
        assertThat(Cooked.git(clone, "rev-parse", "HEAD^{tree}")).isEqualTo(tree);
    }

    /** Checks that the bundle holds exactly what {@code git rev-list --objects <args>} lists, byte for byte. */
    static void assertSameObjects(Path bundle, String... revListArgs) {
        List<String> expected = List.copyOf(new TreeSet<>(revListObjects(history.dir(), revListArgs)));
        List<String> actual = Cooked.objectIds(bundle);
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(Cooked.catFileBatch(bundle, actual)).isEqualTo(Cooked.catFileBatch(history.dir(), actual));
    }

    static List<String> revListObjects(Path repo, String... args) {
        String[] command = new String[args.length + 2];
        command[0] = "rev-list";
        command[1] = "--objects";
        System.arraycopy(args, 0, command, 2, args.length);
        return Cooked.git(repo, command).lines().map(l -> l.substring(0, ObjectId.HEX_LENGTH)).toList();
    }

    /** Checks that two bundles hold the same objects and references, with the same HEAD and packed-refs. */
    static void assertSameBundle(Cooked reused, Cooked general) throws IOException {
        assertReused(reused);
        assertThat(general.messages).doesNotContain(RepositoryPacker.MESSAGE, StoredPackCopy.MESSAGE);
        assertThat(Cooked.objectIds(reused.repo)).isNotEmpty().isEqualTo(Cooked.objectIds(general.repo));
        assertThat(Cooked.refs(reused.repo)).isEqualTo(Cooked.refs(general.repo));
        for (String file : List.of("HEAD", "packed-refs")) {
            assertThat(reused.repo.resolve(file)).hasSameBinaryContentAs(general.repo.resolve(file));
        }
        assertThat(reused.bytes).isNotEqualTo(general.bytes);
    }

    /**
     * Checks that a bundle's pack copies the repository's stored objects (its pack lent whole, or its objects
     * copied by JGit), and did not fall back.
     */
    static void assertReused(Cooked cooked) {
        assertThat(cooked.messages).containsAnyOf(RepositoryPacker.MESSAGE, StoredPackCopy.MESSAGE)
                .noneMatch(m -> m.contains("packed one by one"));
    }

    /** Checks that a bundle's pack and index are the repository's own, byte for byte. */
    static void assertLent(Cooked cooked, Path gitDir) {
        assertThat(cooked.messages).contains(StoredPackCopy.MESSAGE).doesNotContain(RepositoryPacker.MESSAGE)
                .anyMatch(m -> m.endsWith(StoredPackCopy.LENT)).noneMatch(m -> m.contains("packed one by one"));
        for (String ext : List.of(".pack", ".idx")) {
            assertThat(Cooked.onlyFile(cooked.repo.resolve("objects/pack"), ext))
                    .hasSameBinaryContentAs(Cooked.onlyFile(gitDir.resolve("objects/pack"), ext));
        }
    }

    /** Checks that a bundle's objects were copied by JGit, and that its pack is not the repository's. */
    static void assertCopiedByJGit(Cooked cooked, Path gitDir) throws IOException {
        assertThat(cooked.messages).contains(RepositoryPacker.MESSAGE).doesNotContain(StoredPackCopy.MESSAGE)
                .noneMatch(m -> m.contains("packed one by one"));
        assertPackDiffers(cooked, gitDir);
    }

    /**
     * Checks that a bundle's objects were copied from the entries of the repository's only pack, which was not
     * lent whole.
     */
    static void assertCopiedFromPack(Cooked cooked, Path gitDir) throws IOException {
        assertThat(cooked.messages).contains(StoredPackCopy.MESSAGE).doesNotContain(RepositoryPacker.MESSAGE)
                .anyMatch(m -> m.startsWith(StoredPackCopy.COPY_MESSAGE + ": "))
                .noneMatch(m -> m.endsWith(StoredPackCopy.LENT)).noneMatch(m -> m.contains("packed one by one"));
        assertPackDiffers(cooked, gitDir);
    }

    private static void assertPackDiffers(Cooked cooked, Path gitDir) throws IOException {
        assertThat(Files.mismatch(Cooked.onlyFile(cooked.repo.resolve("objects/pack"), ".pack"),
                Cooked.onlyFile(gitDir.resolve("objects/pack"), ".pack"))).as("where the packs differ").isNotNegative();
    }

    static void assertFsckClean(Cooked cooked, String... notices) {
        ProcessResult fsck = cooked.tryGit("fsck", "--full", "--strict", "--no-dangling");
        assertThat(fsck.stderrText().lines()).containsExactly(notices);
        assertThat(fsck.stdoutText()).isEmpty();
        assertThat(fsck.exitCode()).isZero();
    }

    static Swhid swhid(ObjectType type, String hex) {
        return Swhid.parse("swh:1:" + type.tag() + ":" + hex);
    }
}
