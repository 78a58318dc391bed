package org.swhvault.core.cook.gitbare;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.IsolatedGit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a git repository's only pack is lent whole to a git-bare bundle, and when it is not: each case is a
 * {@code --mirror --no-local} clone (files of its own) of one repository, changed as the case needs, and checked
 * with the real git (what the pack holds, {@code fsck}, the objects a reference reaches).
 */
class StoredPackCopyTest {
    @TempDir
    static Path tmp;

    static GitFixture origin;

    @BeforeAll
    static void aRepositoryWithDeltasATagAndASubmodule() {
        origin = GitFixture.init(tmp.resolve("origin"));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            text.append("line ").append(i).append(" of a file that changes a little in each commit\n");
        }
        for (int c = 0; c < 5; c++) {
            origin.at(1_600_000_000L + 1000L * c, "+0200");
            text.append("change ").append(c).append('\n');
            origin.write("text.txt", text.toString()).write("docs/copy.txt", text + "copy\n").addAll();
            if (c == 4) {
                // a submodule: its commit is not in this repository, and is not followed
                origin.stage("160000", "1234567890123456789012345678901234567890", "lib".getBytes());
            }
            origin.commit("Commit " + c + "\n");
        }
        origin.annotatedTag("v1", "main", "Version 1\n");
        origin.git("branch", "side", "main~2");
    }

    /** A mirror with files of its own, packed by git into one pack. */
    private static Path mirror(String name) {
        Path mirror = tmp.resolve(name + ".git");
        Cooked.git(tmp, "clone", "-q", "--mirror", "--no-local", origin.dir().toString(), mirror.toString());
        Cooked.git(mirror, "repack", "-a", "-d", "-q");
        assertThat(Cooked.git(mirror, "count-objects", "-v")).contains("count: 0\n", "packs: 1\n");
        return mirror;
    }

    private static Cooked cookSnapshot(Path repo, String name) {
        try (GitObjectSource source = GitObjectSource.open(repo)) {
            return Cooked.cook(Swhid.of(ObjectType.SNAPSHOT, source.currentSnapshot().id()), source,
                    tmp.resolve(name));
        }
    }

    @Test
    void aSnapshotOfAMirrorPackedByGitIsItsPackWithTheObjectsEveryReferenceReaches() {
        Path repo = mirror("lent");
        Cooked cooked = cookSnapshot(repo, "lent-bundle");

        GitBareCookerGitTest.assertLent(cooked, repo);
        assertThat(Cooked.onlyFile(repo.resolve("objects/pack"), ".bitmap")).as("git wrote bitmaps").exists();
        assertThat(cooked.messages).anyMatch(m -> m.endsWith("(from its bitmaps)" + StoredPackCopy.LENT));
        assertThat(Cooked.objectIds(cooked.repo)).isEqualTo(new ArrayList<>(new TreeSet<>(
                List.of(Cooked.git(repo, "rev-list", "--objects", "--all", "--no-object-names").split("\n")))));
        assertThat(Cooked.refs(cooked.repo)).isEqualTo(Cooked.refs(repo));
        GitBareCookerGitTest.assertFsckClean(cooked);
        Path clone = tmp.resolve("lent-clone");
        Cooked.git(tmp, "clone", "-q", "--no-local", cooked.repo.toString(), clone.toString());
        assertThat(Cooked.git(clone, "rev-parse", "HEAD")).isEqualTo(origin.revParse("main"));
        assertThat(Cooked.git(clone, "ls-tree", "HEAD", "lib")).startsWith("160000 commit 1234567890");
    }

    @Test
    void withoutBitmapsTheWalkFindsThatThePackIsTheBundlesToo() {
        Path repo = mirror("no-bitmaps");
        Cooked withWalk;
        try (var files = Files.newDirectoryStream(repo.resolve("objects/pack"), "*.bitmap")) {
            for (Path bitmap : files) {
                Files.delete(bitmap);
            }
            withWalk = cookSnapshot(repo, "no-bitmaps-bundle");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        GitBareCookerGitTest.assertLent(withWalk, repo);
        assertThat(withWalk.messages).noneMatch(m -> m.contains("bitmaps"));
        assertThat(Cooked.objectIds(withWalk.repo)).isEqualTo(Cooked.objectIds(repo));
        assertThat(Cooked.refs(withWalk.repo)).isEqualTo(Cooked.refs(repo));
        GitBareCookerGitTest.assertFsckClean(withWalk);
    }

    @Test
    void aRevisionOfARepositoryWithOtherReferencesIsCopiedFromThePacksEntries() throws IOException {
        Path repo = mirror("revision");
        String main = origin.revParse("main");
        try (GitObjectSource source = GitObjectSource.open(repo)) {
            Cooked cooked = Cooked.cook(Swhid.of(ObjectType.REVISION, org.swhvault.spi.model.ObjectId.fromHex(main)),
                    source, tmp.resolve("revision-bundle"));
            GitBareCookerGitTest.assertCopiedFromPack(cooked, repo);
            assertThat(Cooked.objectIds(cooked.repo)).isEqualTo(new ArrayList<>(new TreeSet<>(
                    List.of(Cooked.git(repo, "rev-list", "--objects", "--no-object-names", main).split("\n")))));
            GitBareCookerGitTest.assertFsckClean(cooked);
        }
    }

    @Test
    void anOldRevisionsObjectsStoredAsDeltasOfNewerOnesAreStoredWhole() throws IOException {
        Path repo = mirror("old-revision");
        String old = origin.revParse("main~3");
        Set<String> reached = Set.of(Cooked.git(repo, "rev-list", "--objects", "--no-object-names", old).split("\n"));
        Map<String, String> stored = deltaBases(repo);
        List<String> baseLeftOut = stored.entrySet().stream()
                .filter(e -> reached.contains(e.getKey()) && !reached.contains(e.getValue())).map(Map.Entry::getKey)
                .toList();
        assertThat(baseLeftOut).as("git stores older versions as deltas of newer ones").isNotEmpty();

        Cooked cooked = cookRevision(repo, old, "old-revision-bundle", new GitBareCooker());

        GitBareCookerGitTest.assertCopiedFromPack(cooked, repo);
        assertThat(Cooked.objectIds(cooked.repo)).isEqualTo(new ArrayList<>(new TreeSet<>(reached)));
        Map<String, String> bundled = deltaBases(cooked.repo);
        assertThat(bundled).doesNotContainKeys(baseLeftOut.toArray(String[]::new));
        assertThat(bundled).as("the other deltas are kept").containsAllEntriesOf(stored.entrySet().stream()
                .filter(e -> reached.contains(e.getKey()) && reached.contains(e.getValue()))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        GitBareCookerGitTest.assertFsckClean(cooked);
        assertThat(cooked.git("cat-file", "-p", old + ":text.txt")).isEqualTo(origin.git("cat-file", "-p",
                old + ":text.txt"));
    }

    @Test
    void theCopyIsTheSameWithOrWithoutBitmapsAndWithNoHeapBudget() throws IOException {
        Path repo = mirror("budget");
        String rev = origin.revParse("main~1");
        Cooked withBitmaps = cookRevision(repo, rev, "budget-bitmaps", new GitBareCooker());
        Cooked noHeap = cookRevision(repo, rev, "budget-none",
                new GitBareCooker(null, 0, GitBareCooker.DEFAULT_LEVEL, true, Long.MAX_VALUE, 0));
        try (var files = Files.newDirectoryStream(repo.resolve("objects/pack"), "*.bitmap")) {
            for (Path bitmap : files) {
                Files.delete(bitmap);
            }
        }
        Cooked walked = cookRevision(repo, rev, "budget-walked", new GitBareCooker());

        GitBareCookerGitTest.assertCopiedFromPack(withBitmaps, repo);
        assertThat(withBitmaps.messages).anyMatch(m -> m.contains("(from its bitmaps)"));
        assertThat(walked.messages).noneMatch(m -> m.contains("bitmaps"));
        assertThat(walked.bytes).isEqualTo(withBitmaps.bytes);
        assertThat(noHeap.bytes).isEqualTo(withBitmaps.bytes);
        GitBareCookerGitTest.assertFsckClean(walked);
    }

    @Test
    void aCorruptEntryIsNotCopied() throws IOException {
        Path repo = mirror("corrupt");
        String blob = origin.revParse("main:text.txt");
        Path index = Cooked.onlyFile(repo.resolve("objects/pack"), ".idx");
        String[] entry = Cooked.git(repo, "verify-pack", "-v", index.toString()).lines()
                .filter(l -> l.startsWith(blob + " ")).findFirst().orElseThrow().split(" +");
        long offset = Long.parseLong(entry[4]);
        long length = Long.parseLong(entry[3]);
        Path pack = Cooked.onlyFile(repo.resolve("objects/pack"), ".pack");
        overwrite(pack, offset + length / 2, new byte[] {(byte) (Files.readAllBytes(pack)[(int) (offset + length / 2)]
                ^ 0x55)});

        Cooked cooked = cookRevision(repo, origin.revParse("main"), "corrupt-bundle", new GitBareCooker());

        assertThat(cooked.messages).doesNotContain(RepositoryPacker.MESSAGE)
                .noneMatch(m -> m.startsWith(StoredPackCopy.COPY_MESSAGE + ": "))
                .anySatisfy(m -> assertThat(m).startsWith("The repository's pack is corrupt (its pack is corrupt: the"
                        + " stored bytes of " + blob + " do not match their CRC32)")
                        .endsWith("its objects are packed one by one instead."));
        // What the corrupt entry spoils (it and the deltas based on it) is reported, and git finds nothing else.
        List<String> corrupt = cooked.tryGit("fsck", "--full", "--no-dangling").stderrText().lines()
                .map(l -> l.replaceAll(".* ([0-9a-f]{40}) .*", "$1")).toList();
        assertThat(corrupt).isNotEmpty().allSatisfy(id -> assertThat(cooked.messages).anyMatch(m -> m.contains(id)));
        assertThat(cooked.messages).anyMatch(m -> m.contains(blob));
    }

    private static Cooked cookRevision(Path repo, String rev, String name, GitBareCooker cooker) {
        try (GitObjectSource source = GitObjectSource.open(repo)) {
            return Cooked.cook(cooker, Swhid.of(ObjectType.REVISION, org.swhvault.spi.model.ObjectId.fromHex(rev)),
                    source, tmp.resolve(name));
        }
    }

    /** The objects a repository's only pack stores as deltas, each with its base, from {@code git verify-pack}. */
    private static Map<String, String> deltaBases(Path repo) {
        Path index = Cooked.onlyFile(repo.resolve("objects/pack"), ".idx");
        Map<String, String> bases = new java.util.HashMap<>();
        for (String line : Cooked.git(repo, "verify-pack", "-v", index.toString()).split("\n")) {
            String[] f = line.split(" +");
            if (f.length == 7 && f[0].length() == 40) {
                bases.put(f[0], f[6]);
            }
        }
        return bases;
    }

    @Test
    void aRevisionThatReachesEveryObjectOfThePackIsLentItThoughOtherReferencesAreNotRoots() {
        Path repo = mirror("every-object");
        Cooked.git(repo, "update-ref", "-d", "refs/tags/v1");
        Cooked.git(repo, "repack", "-a", "-d", "-q");
        String main = origin.revParse("main");
        assertThat(Cooked.git(repo, "rev-list", "--objects", "--all").lines().count())
                .isEqualTo(Cooked.git(repo, "rev-list", "--objects", main).lines().count());

        Cooked cooked = cookRevision(repo, main, "every-object-bundle", new GitBareCooker());

        GitBareCookerGitTest.assertLent(cooked, repo);
        assertThat(Cooked.refs(cooked.repo)).containsExactly(Map.entry("refs/heads/master", main + " commit"));
        GitBareCookerGitTest.assertFsckClean(cooked);
    }

    @Test
    void aPackHoldingObjectsNoReferenceReachesIsNotLentButItsEntriesAreCopied() throws IOException {
        Path repo = mirror("unreachable");
        String tag = Cooked.git(repo, "rev-parse", "refs/tags/v1");
        String side = Cooked.git(repo, "rev-parse", "refs/heads/side");
        Cooked.git(repo, "update-ref", "-d", "refs/tags/v1");
        Cooked.git(repo, "update-ref", "-d", "refs/heads/side");

        Cooked cooked = cookSnapshot(repo, "unreachable-bundle");

        GitBareCookerGitTest.assertCopiedFromPack(cooked, repo);
        assertThat(Cooked.objectIds(repo)).as("the pack still holds them").contains(tag);
        assertThat(Cooked.objectIds(cooked.repo)).doesNotContain(tag).isEqualTo(new ArrayList<>(new TreeSet<>(
                List.of(Cooked.git(repo, "rev-list", "--objects", "--all", "--no-object-names").split("\n")))));
        assertThat(Cooked.refs(cooked.repo)).doesNotContainKeys("refs/tags/v1", "refs/heads/side");
        assertThat(side).isNotEmpty();
        GitBareCookerGitTest.assertFsckClean(cooked);
    }

    @Test
    void aPackWhoseTrailerIsNotItsChecksumIsNotLentButItsEntriesAreCopied() throws Exception {
        Path repo = mirror("wrong-sum");
        Path pack = Cooked.onlyFile(repo.resolve("objects/pack"), ".pack");
        Path index = Cooked.onlyFile(repo.resolve("objects/pack"), ".idx");
        // a trailer that the index agrees with (so that JGit reads the pack) but that is not the SHA-1 of the pack
        byte[] fake = new byte[20];
        java.util.Arrays.fill(fake, (byte) 0x5a);
        overwrite(pack, Files.size(pack) - 20, fake);
        overwrite(index, Files.size(index) - 40, fake);
        overwrite(index, Files.size(index) - 20, sha1(index, Files.size(index) - 20));

        Cooked cooked = cookSnapshot(repo, "wrong-sum-bundle");

        GitBareCookerGitTest.assertCopiedFromPack(cooked, repo);
        assertThat(Cooked.objectIds(cooked.repo)).isEqualTo(Cooked.objectIds(repo));
        GitBareCookerGitTest.assertFsckClean(cooked);
    }

    @Test
    void aPackDeletedByARepackAfterItWasCheckedIsStillReadWhole() throws IOException {
        Path repo = mirror("repacked-meanwhile");
        Path packs = repo.resolve("objects/pack");
        List<String> expected = Cooked.objectIds(repo);
        byte[] packBytes = Files.readAllBytes(Cooked.onlyFile(packs, ".pack"));
        List<String> messages = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GitObjectSource source = GitObjectSource.open(repo)) {
            Swhid snp = Swhid.of(ObjectType.SNAPSHOT, source.currentSnapshot().id());
            new GitBareCooker().cook(snp, source, out, new CookContext() {
                @Override
                public void progress(String message, long done, long total) {
                    messages.add(message);
                    if (message.startsWith("Writing references")) {
                        try (var files = Files.list(packs)) {
                            for (Path f : files.toList()) {
                                Files.delete(f);
                            }
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }
            });
            assertThat(packs).isEmptyDirectory();
            Path dir = Files.createDirectories(tmp.resolve("repacked-meanwhile-bundle"));
            Files.write(dir.resolve("bundle.tar"), out.toByteArray());
            org.swhvault.testing.process.Processes.run(dir, "tar", "-xf", "bundle.tar");
            Path bundled = dir.resolve(snp + ".git");
            assertThat(messages).contains(StoredPackCopy.MESSAGE);
            assertThat(Cooked.onlyFile(bundled.resolve("objects/pack"), ".pack")).hasBinaryContent(packBytes);
            assertThat(Cooked.objectIds(bundled)).isEqualTo(expected);
            assertThat(IsolatedGit.in(bundled).command("fsck", "--full", "--strict", "--no-dangling").attempt()
                    .exitCode()).isZero();
        }
    }

    @Test
    void aRepositoryQualifiesWhenItStoresItsObjectsItselfAndItsPackMayBeLentWhenItIsTheOnlyPlace()
            throws IOException {
        Path repo = mirror("qualifies");
        try (org.eclipse.jgit.lib.Repository r = open(repo)) {
            assertThat(StoredPackCopy.find(r)).hasValueSatisfying(stored -> {
                assertThat(stored.onePack()).isTrue();
                assertThat(stored.packs()).singleElement().satisfies(p -> {
                    assertThat(p.objectCount()).isEqualTo(Cooked.objectIds(repo).size());
                    assertThat(p.pack()).isEqualTo(Cooked.onlyFile(repo.resolve("objects/pack"), ".pack"));
                });
            });
        }
        Path loose = mirror("loose");
        IsolatedGit.in(loose).command("hash-object", "-w", "--stdin").stdin("loose\n".getBytes()).run();
        Path two = mirror("two-packs");
        IsolatedGit.in(two).command("hash-object", "-w", "--stdin").stdin("another\n".getBytes()).run();
        Cooked.git(two, "repack", "-q"); // packs the loose object into a second pack
        for (Path several : List.of(loose, two)) {
            try (org.eclipse.jgit.lib.Repository r = open(several)) {
                assertThat(StoredPackCopy.find(r)).as(several.getFileName().toString())
                        .hasValueSatisfying(stored -> assertThat(stored.onePack()).isFalse());
            }
        }

        Path promisor = mirror("promisor");
        Path pack = Cooked.onlyFile(promisor.resolve("objects/pack"), ".pack");
        Files.createFile(pack.resolveSibling(pack.getFileName().toString().replace(".pack", ".promisor")));
        Path alternates = mirror("alternates");
        Files.writeString(Files.createDirectories(alternates.resolve("objects/info")).resolve("alternates"),
                origin.gitDir().resolve("objects") + "\n");
        Path shallow = mirror("shallow");
        Files.writeString(shallow.resolve("shallow"), origin.revParse("main~1") + "\n");
        for (Path disqualified : List.of(promisor, alternates, shallow)) {
            try (org.eclipse.jgit.lib.Repository r = open(disqualified)) {
                assertThat(StoredPackCopy.find(r)).as(disqualified.getFileName().toString()).isEmpty();
            }
        }
    }

    @Test
    void aRepositoryWithSeveralPacksAndLooseObjectsHasEachObjectCopiedOnceFromTheFirstPackHoldingIt()
            throws IOException {
        Path repo = mirror("several");
        // a second pack holding some of the objects again (a duplicate of the newest commit's), and loose objects
        String main = origin.revParse("main");
        IsolatedGit.in(repo).command("pack-objects", "-q", "--revs", repo.resolve("objects/pack/pack").toString())
                .stdin((main + "\n^" + main + "~1\n").getBytes()).run();
        String blob = IsolatedGit.in(repo).command("hash-object", "-w", "--stdin")
                .stdin("a file committed after the mirror was made\n".getBytes()).run().stdoutText().trim();
        String tree = IsolatedGit.in(repo).command("mktree")
                .stdin(("100644 blob " + blob + "\tlate.txt\n").getBytes()).run().stdoutText().trim();
        String late = IsolatedGit.in(repo).command("commit-tree", tree, "-p", main, "-m", "Late commit")
                .run().stdoutText().trim();
        Cooked.git(repo, "update-ref", "refs/heads/late", late);
        assertThat(Cooked.git(repo, "count-objects", "-v")).contains("packs: 2\n").doesNotContain("count: 0\n");

        Cooked cooked = cookSnapshot(repo, "several-bundle");

        assertThat(cooked.messages).contains(StoredPackCopy.MESSAGE).doesNotContain(RepositoryPacker.MESSAGE)
                .anyMatch(m -> m.startsWith(StoredPackCopy.COPY_MESSAGE + ": "))
                .anyMatch(m -> m.contains(" the repository's 2 packs hold, and its loose objects"))
                .noneMatch(m -> m.endsWith(StoredPackCopy.LENT)).noneMatch(m -> m.contains("packed one by one"));
        assertThat(Cooked.objectIds(cooked.repo)).isEqualTo(new ArrayList<>(new TreeSet<>(
                List.of(Cooked.git(repo, "rev-list", "--objects", "--all", "--no-object-names").split("\n")))));
        assertThat(Cooked.refs(cooked.repo)).containsEntry("refs/heads/late", late + " commit");
        GitBareCookerGitTest.assertFsckClean(cooked);
        assertThat(Cooked.git(cooked.repo, "cat-file", "-p", "refs/heads/late:late.txt"))
                .isEqualTo("a file committed after the mirror was made");
    }

    private static org.eclipse.jgit.lib.Repository open(Path repo) throws IOException {
        return new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(repo.toFile()).setMustExist(true)
                .build();
    }

    private static void overwrite(Path file, long at, byte[] bytes) throws IOException {
        file.toFile().setWritable(true);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(bytes), at);
        }
    }

    private static byte[] sha1(Path file, long length) throws IOException, NoSuchAlgorithmException {
        byte[] all = Files.readAllBytes(file);
        MessageDigest digest = MessageDigest.getInstance("SHA-1");
        digest.update(all, 0, (int) length);
        return digest.digest();
    }
}
