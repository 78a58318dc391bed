package org.swhvault.core.cook.gitbare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GeneratedHistory;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.source.ForwardingObjectSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bundles packed object by object, as from an archive that stores no packs, store similar objects as
 * deltas: cooked from a generated history of thousands of commits, such a bundle is at most 1.3 times the
 * size of the one that copies the repository's own pack, and git accepts it whole.
 */
class GitBareCookerDeltaTest {
    private static final int COMMITS = 2500;

    @TempDir
    static Path tmp;

    static GitFixture git;
    static GitObjectSource source;
    static Swhid snp;
    static Cooked stored;
    static Cooked archived;

    /** The git source as an archive shows it: objects one by one, no stored packs to copy. */
    static final class ArchiveLike extends ForwardingObjectSource {
        ArchiveLike(ObjectSource delegate) {
            super(delegate);
        }

        @Override
        public <T> Optional<T> unwrap(Class<T> capability) {
            return Optional.empty();
        }
    }

    @BeforeAll
    static void cookALongHistoryBothWays() {
        git = GitFixture.initBare(tmp.resolve("history.git"));
        GeneratedHistory.write(git, 150, COMMITS, 42);
        git.git("repack", "-a", "-d", "-f", "-q"); // git's own delta search, not fast-import's: the best it can do
        source = GitObjectSource.open(git.dir());
        snp = Swhid.of(ObjectType.SNAPSHOT, source.currentSnapshot().id());
        stored = Cooked.cook(snp, source, tmp.resolve("stored"));
        archived = Cooked.cook(new GitBareCooker(null, 2, GitBareCooker.DEFAULT_LEVEL), snp, new ArchiveLike(source),
                tmp.resolve("archived"));
    }

    @AfterAll
    static void closeTheSource() {
        source.close();
    }

    @Test
    void theHistoryIsLongAndTheArchiveCookDidNotCopyThePack() {
        assertThat(Integer.parseInt(git.git("rev-list", "--all", "--count"))).isGreaterThan(COMMITS);
        assertThat(archived.messages).doesNotContain(RepositoryPacker.MESSAGE, StoredPackCopy.MESSAGE);
    }

    @Test
    void theBundleCookedObjectByObjectIsAtMost1Point3TimesTheOneCopiedFromTheRepository() {
        assertThat((double) archived.bytes.length).isLessThanOrEqualTo(1.3 * stored.bytes.length);
    }

    @Test
    void itHoldsTheSameObjectsAndReferencesUnderTheirIdsAndGitAcceptsIt() throws IOException {
        GitBareCookerGitTest.assertSameBundle(stored, archived);
        List<String> ids = Cooked.objectIds(archived.repo);
        assertThat(Cooked.catFileBatch(archived.repo, ids)).isEqualTo(Cooked.catFileBatch(git.dir(), ids));
        GitBareCookerGitTest.assertFsckClean(archived);

        Path pack = Cooked.onlyFile(archived.repo.resolve("objects/pack"), ".pack");
        Path index = tmp.resolve("index-pack.idx");
        archived.git("index-pack", "--strict", "-o", index.toString(), pack.toString());
        assertThat(index).as("git computes every id from the bytes: the index it writes is ours")
                .hasSameBinaryContentAs(Cooked.onlyFile(archived.repo.resolve("objects/pack"), ".idx"));

        Path clone = tmp.resolve("clone");
        Cooked.git(tmp, "clone", "-q", "--no-local", archived.repo.toString(), clone.toString());
        assertThat(Cooked.git(clone, "log", "--format=%H %T", "origin/main")).isEqualTo(git.git("log", "--format=%H %T", "main"));
    }

    @Test
    void mostObjectsAreDeltasInChainsOfAtMostFifty() throws IOException {
        Map<Integer, Long> depths = depths(archived.repo);
        assertThat(depths.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow()).isLessThanOrEqualTo(50);
        long deltas = depths.entrySet().stream().filter(e -> e.getKey() > 0).mapToLong(Map.Entry::getValue).sum();
        long all = depths.values().stream().mapToLong(Long::longValue).sum();
        assertThat(deltas).isGreaterThan(all / 2);
    }

    @Test
    void oneThreadAndTwoThreadsCookTheSameBytes() {
        Cooked one = Cooked.cook(new GitBareCooker(null, 1, GitBareCooker.DEFAULT_LEVEL), snp, new ArchiveLike(source),
                tmp.resolve("one-thread"));
        assertThat(one.bytes).isEqualTo(archived.bytes);
    }

    @Test
    void aCookWhoseStructuresGoToDiskAtOnceWritesTheSameBytesAndLeavesNothingBehind() throws IOException {
        // 64 KiB: less than the empty set of ids takes on the heap, so it moves to a mapped file at the first
        // id; the pack index spills runs of 2,048 records.
        Path work = Files.createDirectories(tmp.resolve("small-heap-work"));
        Cooked small = Cooked.cook(new GitBareCooker(work, 2, GitBareCooker.DEFAULT_LEVEL, true, Long.MAX_VALUE,
                64 << 10), snp, new ArchiveLike(source), tmp.resolve("small-heap"));
        assertThat(Cooked.objectIds(small.repo)).hasSizeGreaterThan(4 * 2048);
        assertThat(small.bytes).isEqualTo(archived.bytes);
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void hugeBlobsAreStoredWholeEmptyOnesTooAndSharedContentOnce() throws IOException {
        GitFixture odd = GitFixture.init(tmp.resolve("odd"));
        Random random = new Random(3);
        byte[] huge = new byte[3 << 19]; // 1.5 MiB, over the 1 MiB up to which objects are compared
        random.nextBytes(huge);
        for (int version = 0; version < 3; version++) {
            huge[random.nextInt(huge.length)] ^= 1;
            odd.write("huge.bin", huge.clone()).write("a/empty", "").write("b/empty", "")
                    .write("a/same.txt", "same text\n".repeat(50)).write("b/same.txt", "same text\n".repeat(50))
                    .write("notes.txt", ("notes, version " + version + "\n").repeat(40 + version));
            odd.commitAll("Version " + version + "\n");
        }
        try (GitObjectSource oddSource = GitObjectSource.open(odd.dir())) {
            Swhid swhid = Swhid.of(ObjectType.SNAPSHOT, oddSource.currentSnapshot().id());
            Cooked cooked = Cooked.cook(new GitBareCooker(null, 2, GitBareCooker.DEFAULT_LEVEL), swhid,
                    new ArchiveLike(oddSource), tmp.resolve("odd-bundle"));
            GitBareCookerGitTest.assertFsckClean(cooked);
            List<String> ids = Cooked.objectIds(cooked.repo);
            assertThat(ids).containsExactlyElementsOf(Cooked.objectIds(odd.gitDir()).stream().sorted().toList());
            assertThat(Cooked.catFileBatch(cooked.repo, ids)).isEqualTo(Cooked.catFileBatch(odd.gitDir(), ids));
            Map<String, String> lines = verifyPack(cooked.repo).stream()
                    .collect(Collectors.toMap(l -> l.split(" +")[0], l -> l));
            for (String rev : List.of("main", "main~1", "main~2")) {
                String blob = odd.revParse(rev + ":huge.bin");
                assertThat(lines.get(blob).split(" +")).as("stored whole: no depth, no base").hasSize(5);
            }
            assertThat(lines.get(odd.revParse("main:a/empty")).split(" +")).hasSize(5);
            assertThat(odd.revParse("main:a/same.txt")).isEqualTo(odd.revParse("main:b/same.txt"));
        }
    }

    /** Returns how many objects sit at each delta depth (0: stored whole), from {@code git verify-pack -v}. */
    private static Map<Integer, Long> depths(Path repo) throws IOException {
        return verifyPack(repo).stream().map(l -> l.split(" +"))
                .collect(Collectors.groupingBy(f -> f.length == 7 ? Integer.parseInt(f[5]) : 0, Collectors.counting()));
    }

    private static List<String> verifyPack(Path repo) throws IOException {
        Path index = Cooked.onlyFile(repo.resolve("objects/pack"), ".idx");
        return Cooked.git(repo, "verify-pack", "-v", index.toString()).lines()
                .filter(l -> l.matches("[0-9a-f]{40} .*")).toList();
    }
}
