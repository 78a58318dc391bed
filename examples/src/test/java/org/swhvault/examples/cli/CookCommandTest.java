package org.swhvault.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.testing.git.IsolatedGit;
import org.swhvault.testing.process.ProcessResult;
import org.swhvault.testing.process.Processes;

import static org.assertj.core.api.Assertions.assertThat;

class CookCommandTest {
    @TempDir
    static Path home;
    static IsolatedGit git;
    static Path repo;
    static String tree;
    static String commit;

    @BeforeAll
    static void repository() throws IOException {
        git = IsolatedGit.in(home);
        repo = home.resolve("repo");
        Files.createDirectories(repo.resolve("src"));
        Files.writeString(repo.resolve("README"), "hello\n");
        Files.writeString(repo.resolve("src/main.c"), "int main(void) { return 0; }\n");
        git.run("init", "-q", "-b", "main", repo.toString());
        git.run("-C", repo.toString(), "add", "-A");
        git.run("-C", repo.toString(), "commit", "-q", "-m", "first");
        tree = git.run("-C", repo.toString(), "rev-parse", "HEAD^{tree}");
        commit = git.run("-C", repo.toString(), "rev-parse", "HEAD");
    }

    @Test
    void cookingADirectoryWritesAFlatBundleThatTarExtractsLikeGitArchive() throws IOException {
        Path out = home.resolve("dir.tar.gz");
        Cli.Result r = Cli.run("cook", "-q", "--repo", repo.toString(), "swh:1:dir:" + tree, out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        Path extracted = Files.createDirectories(home.resolve("extracted"));
        git.run("-C", extracted.toString(), "init", "-q");
        assertThat(tar("-xzf", out.toString(), "-C", extracted.toString())).isZero();
        Path root = extracted.resolve("swh:1:dir:" + tree);
        assertThat(Files.readString(root.resolve("README"))).isEqualTo("hello\n");
        assertThat(git.writeTree(root)).isEqualTo(tree);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void cookingToStandardOutputWritesTheBundleBytes() {
        Cli.BinaryResult r = Cli.runBinary("cook", "-q", "--repo", repo.toString(), "--bundle-type", "flat",
                "swh:1:rev:" + commit, "-");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.stdout()).startsWith(0x1f, 0x8b);
    }

    @Test
    void aGitfastBundleOnStandardOutputImportsBackToTheSameCommit() throws IOException {
        Cli.BinaryResult r = Cli.runBinary("cook", "-q", "--repo", repo.toString(), "--bundle-type", "gitfast",
                "swh:1:rev:" + commit, "-");
        assertThat(r.exitCode()).as(r.err()).isZero();

        Path imported = home.resolve("imported.git");
        git.run("init", "-q", "--bare", imported.toString());
        git.run(gunzip(r.stdout()), "-C", imported.toString(), "fast-import", "--quiet");
        assertThat(git.run("-C", imported.toString(), "rev-parse", "refs/heads/master")).isEqualTo(commit);
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void withZstdCompressionFlatAndGitfastBundlesHoldWhatTheGzipOnesHold() throws IOException {
        Path zst = home.resolve("dir.tar.zst");
        Cli.Result r = Cli.run("cook", "-q", "--compression", "zstd", "--repo", repo.toString(), "swh:1:dir:" + tree,
                zst.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Cli.BinaryResult gz = Cli.runBinary("cook", "-q", "--repo", repo.toString(), "swh:1:dir:" + tree, "-");
        assertThat(unzstd(Files.readAllBytes(zst))).isEqualTo(gunzip(gz.stdout()));

        Cli.BinaryResult fast = Cli.runBinary("cook", "-q", "--compression", "zstd", "--repo", repo.toString(),
                "--bundle-type", "gitfast", "swh:1:rev:" + commit, "-");
        assertThat(fast.exitCode()).as(fast.err()).isZero();
        Path imported = home.resolve("imported-zstd.git");
        git.run("init", "-q", "--bare", imported.toString());
        git.run(unzstd(fast.stdout()), "-C", imported.toString(), "fast-import", "--quiet");
        assertThat(git.run("-C", imported.toString(), "rev-parse", "refs/heads/master")).isEqualTo(commit);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void zstdCompressionOfAGitBareBundleOrAnUnknownCompressionIsAUsageError() {
        Cli.Result r = Cli.run("cook", "--compression", "zstd", "--repo", repo.toString(), "--bundle-type", "git-bare",
                "swh:1:rev:" + commit, home.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--compression zstd: Only flat and gitfast bundles can be compressed with zstd");

        r = Cli.run("cook", "--compression", "lz4", "--repo", repo.toString(), "swh:1:dir:" + tree,
                home.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--compression: unknown compression 'lz4'; expected gzip or zstd");
    }

    /** Decompresses with the zstd command when it is installed, else with zstd-jni's decoder. */
    private static byte[] unzstd(byte[] zst) throws IOException {
        if (Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "zstd")))) {
            return Processes.command("zstd", "-q", "-dc").stdin(zst).run().stdout();
        }
        try (var in = new com.github.luben.zstd.ZstdInputStream(new java.io.ByteArrayInputStream(zst))) {
            return in.readAllBytes();
        }
    }

    @Test
    void aRevisionNeedsABundleTypeAndIsAUsageError() {
        Cli.Result r = Cli.run("cook", "--repo", repo.toString(), "swh:1:rev:" + commit, home.resolve("x").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("choose with --bundle-type");
    }

    @Test
    void anUnsupportedPairIsRefusedWithTheReferenceMessage() {
        Cli.Result r = Cli.run("cook", "--repo", repo.toString(), "--bundle-type", "flat", "swh:1:snp:" + tree,
                home.resolve("x").toString());

        assertThat(r.exitCode()).as("a usage error, as for a content").isEqualTo(2);
        assertThat(r.err()).contains("Only directories and revisions can be cooked as 'flat' bundles.");
    }

    /**
     * A device or a pipe as OUTFILE (/dev/null, the /dev/fd/63 of {@code >(tar -tz)}) is written into, not replaced
     * by a renamed file: as root, that rename turned /dev/null into a plain file. A named pipe read by tar stands
     * for it.
     */
    @Test
    void aPipeAsOutfileIsWrittenIntoAndStaysAPipe() throws Exception {
        Path dir = Files.createDirectories(home.resolve("fifo"));
        Path fifo = dir.resolve("bundle.pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Process tar = new ProcessBuilder("tar", "-tzf", fifo.toString()).redirectErrorStream(true).start();

        Cli.Result r = Cli.run("cook", "-q", "--repo", repo.toString(), "swh:1:dir:" + tree, fifo.toString());
        if (r.exitCode() != 0 || !tar.waitFor(1, java.util.concurrent.TimeUnit.MINUTES)) {
            tar.destroyForcibly(); // it waits for a writer that never came
        }
        String listing = new String(tar.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(tar.waitFor()).as(listing).isZero();
        assertThat(listing).contains("swh:1:dir:" + tree + "/README", "swh:1:dir:" + tree + "/src/main.c");
        assertThat(Files.isRegularFile(fifo)).isFalse();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(fifo);
        }
    }

    @Test
    void anUnknownObjectFailsAndLeavesNoFile() throws IOException {
        Path out = home.resolve("missing.tar.gz");
        Cli.Result r = Cli.run("cook", "--repo", repo.toString(), "swh:1:dir:" + "0".repeat(40), out.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("swh:1:dir:" + "0".repeat(40) + " was not found");
        assertThat(out).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aBundleOverTheSizeLimitFailsWithTheReferenceMessageAndLeavesNothing() throws IOException {
        Path out = home.resolve("small.tar.gz");
        Cli.Result r = Cli.run("cook", "--max-size", "10", "--repo", repo.toString(), "swh:1:dir:" + tree,
                out.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("The requested bundle exceeds the maximum allowed size of 10 bytes; give a larger"
                + " --max-size, or 0 for no limit.");
        assertThat(out).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aMalformedSwhidIsAUsageError() {
        Cli.Result r = Cli.run("cook", "--repo", repo.toString(), "swh:1:dir:XYZ", home.resolve("x").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("invalid object id at column 11");
    }

    @Test
    void progressIsPrintedAsPlainLinesWhenStandardErrorIsNotATerminal() {
        Cli.Result r = Cli.run("cook", "--repo", repo.toString(), "swh:1:dir:" + tree, home.resolve("p.tar.gz").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("\r").contains("written to");
    }

    @Test
    void plainProgressPrintsOneLinePerPhaseNotOnePerCount() {
        Cli.Result r = Cli.run("cook", "--repo", repo.toString(), "--bundle-type", "git-bare", "swh:1:rev:" + commit,
                home.resolve("p.git.tar").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err().lines().filter(l -> l.startsWith("Writing objects"))).hasSizeLessThanOrEqualTo(2);
    }

    private static List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(home)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    private static int tar(String... args) {
        ProcessResult r = Processes.command(Stream.concat(Stream.of("tar"), Stream.of(args)).toList()).attempt();
        if (r.exitCode() != 0) {
            System.err.println(r.stderrText() + r.stdoutText());
        }
        return r.exitCode();
    }

    @Test
    void aFlatBundleOfARevisionSaysFirstHowManyRevisionsItWritesAndTheDefaultLimit() {
        Cli.Result r = Cli.run("cook", "--repo", repo.toString(), "-t", "flat", "swh:1:rev:" + commit,
                home.resolve("history.tar.gz").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err().lines().findFirst().orElse("")).isEqualTo("vault: the flat bundle of swh:1:rev:" + commit
                + " holds one directory per revision of its history: 1 revision, up to 1GiB (--max-size)");
    }

    @Test
    void plainProgressLinesDoNotRepeatTheirCountsNorSayOneReferences() {
        Cli.Result r = Cli.run("cook", "--repo", repo.toString(), "-t", "git-bare", "swh:1:rev:" + commit,
                home.resolve("bare.tar").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("1 reference").doesNotContain("1 references").doesNotContain("of 0 MiB")
                .doesNotContainPattern("of (\\d+) \\(\\d+/\\1\\)");
    }

    @Test
    void plainProgressCountsAgreeWithTheirNounsAndSayNoEmptyCount() {
        Cli.Result flat = Cli.run("cook", "--repo", repo.toString(), "-t", "flat", "swh:1:rev:" + commit,
                home.resolve("one.tar.gz").toString());
        Cli.Result bare = Cli.run("cook", "--repo", repo.toString(), "-t", "git-bare", "swh:1:rev:" + commit,
                home.resolve("one.tar").toString());

        assertThat(flat.exitCode()).as(flat.err()).isZero();
        assertThat(flat.err()).contains("Wrote 1 revision\n").doesNotContain("1 revisions");
        assertThat(bare.exitCode()).as(bare.err()).isZero();
        assertThat(bare.err()).as("a count of nothing yet, without a total, is no count").doesNotContainPattern("(?m): 0$");
    }
}
