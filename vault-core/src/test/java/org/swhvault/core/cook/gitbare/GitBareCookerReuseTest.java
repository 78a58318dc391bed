package org.swhvault.core.cook.gitbare;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.io.SizeLimitedOutputStream;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.IsolatedGit;
import org.swhvault.testing.source.ForwardingObjectSource;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cooks a packed git repository whose objects are stored as deltas: the bundle copies them (its only pack lent
 * whole, or, in a copy of it that also holds a loose object, its objects copied by JGit); and what the copying
 * paths share with the general one (fallback, cancellation, size limit, clean-up).
 */
class GitBareCookerReuseTest {
    @TempDir
    static Path tmp;

    static GitFixture git;
    static GitObjectSource source;
    static Swhid snp;
    static Cooked reused;
    /** A mirror of the repository with one more object, loose: its pack cannot be lent, its entries are copied. */
    static GitObjectSource withLoose;
    /** A mirror of the repository with alternates: JGit copies its objects. */
    static GitObjectSource withAlternates;
    static Cooked copiedByJGit;
    static Cooked copied;

    @BeforeAll
    static void cookAPackedRepository() throws IOException {
        git = GitFixture.init(tmp.resolve("deltas"));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            text.append("line ").append(i).append(" of a text that grows a little in every commit\n");
        }
        for (int c = 0; c < 6; c++) {
            git.at(1_600_000_000L + 1000L * c, "+0100");
            text.append("change ").append(c).append('\n');
            git.write("text.txt", text.toString()).write("dir/copy.txt", text + "copy\n");
            git.commitAll("Commit " + c + "\n");
        }
        git.annotatedTag("v1", "main", "Version 1\n");
        git.repack();
        source = GitObjectSource.open(git.dir());
        snp = Swhid.of(ObjectType.SNAPSHOT, source.currentSnapshot().id());
        reused = Cooked.cook(snp, source, tmp.resolve("reused"));

        Path mirror = tmp.resolve("with-loose.git");
        Cooked.git(tmp, "clone", "-q", "--mirror", "--no-local", git.dir().toString(), mirror.toString());
        IsolatedGit.in(mirror).command("hash-object", "-w", "--stdin").stdin("loose\n".getBytes(UTF_8)).run();
        withLoose = GitObjectSource.open(mirror);
        copied = Cooked.cook(snp, withLoose, tmp.resolve("copied"));

        Path alternates = tmp.resolve("with-alternates.git");
        Cooked.git(tmp, "clone", "-q", "--mirror", "--no-local", git.dir().toString(), alternates.toString());
        Path empty = tmp.resolve("empty.git");
        Cooked.git(tmp, "init", "-q", "--bare", empty.toString());
        Files.writeString(Files.createDirectories(alternates.resolve("objects/info")).resolve("alternates"),
                empty.resolve("objects") + "\n");
        withAlternates = GitObjectSource.open(alternates);
        copiedByJGit = Cooked.cook(snp, withAlternates, tmp.resolve("copied-by-jgit"));
    }

    @AfterAll
    static void closeTheSources() {
        source.close();
        withLoose.close();
        withAlternates.close();
    }

    @Test
    void theBundleOfARepositoryStoringItsObjectsInOnePackIsThatPack() {
        GitBareCookerGitTest.assertLent(reused, git.gitDir());
        GitBareCookerGitTest.assertFsckClean(reused);
    }

    @Test
    void aLooseObjectKeepsThePackFromBeingLentAndItsEntriesAreCopied() throws IOException {
        GitBareCookerGitTest.assertCopiedFromPack(copied, git.gitDir());
        assertThat(Cooked.objectIds(copied.repo)).isEqualTo(Cooked.objectIds(reused.repo));
        assertThat(Cooked.refs(copied.repo)).isEqualTo(Cooked.refs(reused.repo));
        GitBareCookerGitTest.assertFsckClean(copied);
    }

    @Test
    void aRepositoryWithAlternatesHasItsObjectsCopiedByJGit() throws IOException {
        GitBareCookerGitTest.assertCopiedByJGit(copiedByJGit, git.gitDir());
        assertThat(Cooked.objectIds(copiedByJGit.repo)).isEqualTo(Cooked.objectIds(reused.repo));
        assertThat(Cooked.refs(copiedByJGit.repo)).isEqualTo(Cooked.refs(reused.repo));
        GitBareCookerGitTest.assertFsckClean(copiedByJGit);
    }

    @Test
    void theBundleCopiesTheStoredDeltas() {
        GitBareCookerGitTest.assertReused(reused);
        Path stored = Cooked.onlyFile(git.gitDir().resolve("objects/pack"), ".idx");
        Path bundled = Cooked.onlyFile(reused.repo.resolve("objects/pack"), ".idx");
        assertThat(deltas(git.dir(), stored)).isNotEmpty().isEqualTo(deltas(reused.repo, bundled));
        assertThat(Cooked.objectIds(reused.repo)).containsExactlyElementsOf(
                new TreeSet<>(GitBareCookerGitTest.revListObjects(git.dir(), "--all")));
        GitBareCookerGitTest.assertFsckClean(reused);
    }

    @Test
    void aSourceBehindAForwardingWrapperStillHasItsStoredDeltasCopied() {
        Cooked wrapped = Cooked.cook(snp, new ForwardingObjectSource(source), tmp.resolve("wrapped"));

        GitBareCookerGitTest.assertReused(wrapped);
        assertThat(wrapped.bytes).isEqualTo(reused.bytes);
    }

    @Test
    void aBundlePackedObjectByObjectIsAtMostAThirdLargerNowThatItHasDeltasToo() throws IOException {
        Cooked general = Cooked.cook(new GitBareCooker(null, 0, GitBareCooker.DEFAULT_LEVEL, false), snp, source,
                tmp.resolve("general"));
        GitBareCookerGitTest.assertSameBundle(reused, general);
        // Until packing object by object searched deltas, the copied bundle was the smaller one.
        assertThat((double) general.bytes.length).isLessThanOrEqualTo(1.3 * reused.bytes.length);
    }

    @Test
    void aRepositoryWhoseCopyByJGitWouldNotFitTheHeapAllowedIsPackedObjectByObject() throws IOException {
        long stored = GitBareCooker.packedObjects(git.gitDir().resolve("objects/pack"));
        assertThat(stored).as("the objects of the packed repository, as git counts them")
                .isEqualTo(Long.parseLong(git.git("count-objects", "-v").lines()
                        .filter(l -> l.startsWith("in-pack: ")).findFirst().orElseThrow().substring(9)));
        long heap = stored * GitBareCooker.STORED_COPY_BYTES_PER_OBJECT;

        Cooked small = Cooked.cook(new GitBareCooker(null, 0, GitBareCooker.DEFAULT_LEVEL, true, heap - 1), snp,
                withAlternates, tmp.resolve("small-heap"));
        assertThat(small.messages).doesNotContain(RepositoryPacker.MESSAGE)
                .anySatisfy(m -> assertThat(m).startsWith("The repository's packs hold " + stored + " objects:")
                        .endsWith("its objects are packed one by one instead."));
        GitBareCookerGitTest.assertSameBundle(copiedByJGit, small);
        GitBareCookerGitTest.assertFsckClean(small);

        Cooked enough = Cooked.cook(new GitBareCooker(null, 0, GitBareCooker.DEFAULT_LEVEL, true, heap), snp,
                withAlternates, tmp.resolve("enough-heap"));
        assertThat(enough.bytes).isEqualTo(copiedByJGit.bytes);
    }

    @Test
    void aPackLentWholeTakesNoHeapPerObjectSoTheHeapAllowedForJGitDoesNotMatter() {
        Cooked tiny = Cooked.cook(new GitBareCooker(null, 0, GitBareCooker.DEFAULT_LEVEL, true, 1, 0), snp, source,
                tmp.resolve("tiny-heap"));
        assertThat(tiny.bytes).as("the ids walked went to a file at once: same bundle").isEqualTo(reused.bytes);
        GitBareCookerGitTest.assertLent(tiny, git.gitDir());
    }

    @Test
    void cookingTwiceGivesTheSameBytes() throws IOException {
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        new GitBareCooker(null, 1, GitBareCooker.DEFAULT_LEVEL).cook(snp, source, again, CookContext.silent());
        assertThat(again.toByteArray()).isEqualTo(reused.bytes);
    }

    @Test
    void theProviderSettingReuseChoosesThePath() throws IOException {
        GitBareCookerProvider provider = new GitBareCookerProvider();
        GitBareCooker general = (GitBareCooker) provider.create(Map.of("reuse", "false"));
        assertThat(Cooked.cook(general, snp, source, tmp.resolve("by-setting")).messages)
                .doesNotContain(RepositoryPacker.MESSAGE);
        assertThatThrownBy(() -> provider.create(Map.of("reuse", "maybe"))).isInstanceOfSatisfying(
                VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void aCookCancelledWhileCountingTheLentPackStopsAndLeavesNothingBehind() throws IOException {
        assertCancelledWhenCounting(source, StoredPackCopy.MESSAGE);
    }

    @Test
    void aCookCancelledWhileJGitCountsStopsAndLeavesNothingBehind() throws IOException {
        assertCancelledWhenCounting(withAlternates, "Counting objects");
    }

    private static void assertCancelledWhenCounting(GitObjectSource from, String counting) throws IOException {
        Path work = Files.createDirectories(tmp.resolve("cancel-work-" + counting.length()));
        AtomicBoolean counted = new AtomicBoolean();
        CookContext cancelWhenCounting = new CookContext() {
            @Override
            public void progress(String message, long done, long total) {
                if (message.startsWith(counting)) {
                    counted.set(true);
                }
            }

            @Override
            public boolean isCancelled() {
                return counted.get();
            }
        };
        assertThatThrownBy(() -> new GitBareCooker(work, 1, GitBareCooker.DEFAULT_LEVEL)
                .cook(snp, from, new ByteArrayOutputStream(), cancelWhenCounting))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED));
        assertThat(counted).isTrue();
        assertNothingLeftIn(work);
    }

    @Test
    void aBundleOverTheSizeLimitFailsAndLeavesNothingBehind() throws IOException {
        Path work = Files.createDirectories(tmp.resolve("limit-work"));
        SizeLimitedOutputStream out = new SizeLimitedOutputStream(new ByteArrayOutputStream(), 4096);
        assertThatThrownBy(() -> new GitBareCooker(work, 1, GitBareCooker.DEFAULT_LEVEL)
                .cook(snp, source, out, CookContext.silent()))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BUNDLE_TOO_LARGE));
        assertNothingLeftIn(work);
    }

    @Test
    void aShallowCloneStopsAtItsShallowCommitsLikeThePackingObjectByObject() throws IOException {
        Path clone = tmp.resolve("shallow");
        Cooked.git(tmp, "clone", "-q", "--depth", "2", "file://" + git.dir(), clone.toString());
        try (GitObjectSource shallow = GitObjectSource.open(clone)) {
            Swhid swhid = Swhid.of(ObjectType.SNAPSHOT, shallow.currentSnapshot().id());
            Cooked reusedShallow = Cooked.cook(swhid, shallow, tmp.resolve("shallow-reused"));
            GitBareCookerGitTest.assertSameBundle(reusedShallow, Cooked.cook(
                    new GitBareCooker(null, 0, GitBareCooker.DEFAULT_LEVEL, false), swhid, shallow,
                    tmp.resolve("shallow-general")));
            assertThat(Cooked.objectIds(reusedShallow.repo)).isEqualTo(Cooked.objectIds(clone));
        }
    }

    /**
     * A shallow clone's bundle lists the shallow commits it holds in its {@code shallow} file, as the clone does:
     * without it, git found the bundle broken ({@code git log}: "Could not read" the left-out parent).
     */
    @Test
    void aShallowCloneBundleIsAShallowRepositoryThatGitReadsWhole() throws IOException {
        Path clone = tmp.resolve("shallow-1");
        Cooked.git(tmp, "clone", "-q", "--depth", "1", "file://" + git.dir(), clone.toString());
        String shallowFile = Files.readString(clone.resolve(".git/shallow"));
        String head = Cooked.git(clone, "rev-parse", "HEAD");
        try (GitObjectSource shallow = GitObjectSource.open(clone)) {
            for (Cooked cooked : List.of(
                    Cooked.cook(Swhid.of(ObjectType.REVISION, ObjectId.fromHex(head)), shallow,
                            tmp.resolve("shallow-rev")),
                    Cooked.cook(new GitBareCooker(null, 0, GitBareCooker.DEFAULT_LEVEL, false),
                            Swhid.of(ObjectType.SNAPSHOT, shallow.currentSnapshot().id()), shallow,
                            tmp.resolve("shallow-snp-general")))) {
                assertThat(Files.readString(cooked.repo.resolve("shallow"))).isEqualTo(shallowFile);
                GitBareCookerGitTest.assertFsckClean(cooked);
                assertThat(cooked.git("log", "--format=%H")).isEqualTo(Cooked.git(clone, "log", "--format=%H"));
            }
        }
    }

    @Test
    void aRepositoryMissingABlobIsPackedObjectByObjectWithAPlaceholder() throws IOException {
        GitFixture partial = GitFixture.init(tmp.resolve("partial"));
        partial.write("kept.txt", "kept\n").write("lost.txt", "lost\n");
        partial.commitAll("Two files\n");
        String lost = partial.revParse("main:lost.txt");
        Files.delete(partial.gitDir().resolve("objects/" + lost.substring(0, 2) + "/" + lost.substring(2)));
        try (GitObjectSource broken = GitObjectSource.open(partial.dir())) {
            java.util.concurrent.atomic.AtomicInteger snapshotReads = new java.util.concurrent.atomic.AtomicInteger();
            ForwardingObjectSource counting = new ForwardingObjectSource(broken) {
                @Override
                public java.util.Optional<org.swhvault.spi.model.Snapshot> snapshot(
                        org.swhvault.spi.model.ObjectId id) {
                    snapshotReads.incrementAndGet();
                    return super.snapshot(id);
                }
            };
            Cooked cooked = Cooked.cook(Swhid.of(ObjectType.SNAPSHOT, broken.currentSnapshot().id()), counting,
                    tmp.resolve("partial-bundle"));
            assertThat(cooked.messages).contains(RepositoryPacker.MESSAGE)
                    .anyMatch(m -> m.contains("packed one by one instead"));
            assertThat(snapshotReads).as("the fast path's failure does not read the snapshot again").hasValue(1);
            assertThat(cooked.git("cat-file", "blob", lost)).isEqualTo("This content is missing from the Software"
                    + " Heritage archive (or from the mirror used while retrieving it).");
            assertThat(cooked.git("cat-file", "blob", partial.revParse("main:kept.txt"))).isEqualTo("kept");
        }
    }

    /** Returns the lines of {@code git verify-pack -v} for objects stored as deltas (they name their base). */
    private static List<String> deltas(Path repo, Path index) {
        String out = Cooked.git(repo, "verify-pack", "-v", index.toString());
        return out.lines().map(l -> l.split(" +")).filter(f -> f.length == 7 && f[0].length() == 40)
                .map(f -> f[0] + " " + f[6]).sorted().toList();
    }

    private static void assertNothingLeftIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
