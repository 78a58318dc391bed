package org.swhvault.core.cook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.cook.flat.FlatCooker;
import org.swhvault.core.cook.gitfast.GitfastCooker;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleCompression;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GeneratedHistory;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.process.Processes;

import com.github.luben.zstd.ZstdInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * gzip and zstd flat and gitfast bundles of a generated repository, read back by the real tools: the
 * same bytes for any number of threads, gzip read by {@code gzip -d}, {@code zcat} and Python's
 * {@code tarfile}, zstd by the {@code zstd} command (or, where it is not installed, zstd-jni's own
 * decoder) into exactly the tar or stream the gzip bundle holds.
 */
class BundleCompressionTest {
    @TempDir
    static Path tmp;
    static GitObjectSource source;
    static Swhid tree;
    static Swhid head;

    @BeforeAll
    static void repository() {
        GitFixture git = GitFixture.initBare(tmp.resolve("repo.git"));
        // Enough content for many 128 KiB gzip blocks and several zstd jobs.
        String last = GeneratedHistory.write(git, 400, 40, 13);
        source = GitObjectSource.open(git.gitDir());
        tree = Swhid.parse("swh:1:dir:" + git.revParse(last + "^{tree}"));
        head = Swhid.parse("swh:1:rev:" + last);
    }

    @org.junit.jupiter.api.AfterAll
    static void close() {
        source.close();
    }

    @Test
    void gzipFlatBundlesAreTheSameForOneTwoAndFiveThreadsAndReadByGzipZcatAndPython() throws IOException {
        byte[] one = cook(new FlatCooker(BundleCompression.GZIP, 6, 1, 1000), tree);
        assertThat(cook(new FlatCooker(BundleCompression.GZIP, 6, 2, 1000), tree)).isEqualTo(one);
        assertThat(cook(new FlatCooker(BundleCompression.GZIP, 6, 5, 1000), tree)).isEqualTo(one);
        assertThat(one.length).as("several compression blocks").isGreaterThan(256 * 1024);

        Path file = Files.write(tmp.resolve("flat.tar.gz"), one);
        byte[] tar = gunzip(one);
        assertThat(Processes.run(tmp, "gzip", "-dc", file.toString())).isEqualTo(tar);
        assertThat(Processes.run(tmp, "zcat", file.toString())).isEqualTo(tar);
        String listing = new String(Processes.run(tmp, "tar", "-tzf", file.toString()));
        String python = new String(Processes.run(tmp, "python3", "-c",
                "import sys, tarfile\n"
                        + "with tarfile.open(sys.argv[1], 'r:gz') as t:\n"
                        + "    for m in t: print(m.name + ('/' if m.isdir() else ''))\n",
                file.toString()));
        assertThat(python).isEqualTo(listing);
        assertThat(listing.lines().count()).isGreaterThan(400);
    }

    @Test
    void zstdFlatBundlesHoldTheGzipBundlesTarAndAreTheSameForAnyThreadCount() throws IOException {
        byte[] one = cook(new FlatCooker(BundleCompression.ZSTD, 3, 1, 1000), tree);
        assertThat(cook(new FlatCooker(BundleCompression.ZSTD, 3, 2, 1000), tree)).isEqualTo(one);
        assertThat(cook(new FlatCooker(BundleCompression.ZSTD, 3, 4, 1000), tree)).isEqualTo(one);
        assertThat(one).startsWith(0x28, 0xb5, 0x2f, 0xfd); // a zstd frame

        byte[] tar = unzstd(one, "flat.tar.zst");
        assertThat(tar).isEqualTo(gunzip(cook(new FlatCooker(), tree)));
    }

    @Test
    void zstdStreamsOfManyJobsAreTheSameForOneTwoAndFourThreads() throws IOException {
        // 40 MB of text with random words: several of zstd's compression jobs at level 3.
        java.util.Random random = new java.util.Random(5);
        String[] words = {"vault", "cook", "bundle", "swhid", "tree", "blob", "commit", "pack", "zstd", "gzip\n"};
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        while (text.size() < 40_000_000) {
            text.writeBytes((words[random.nextInt(words.length)] + ' ').getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        byte[] input = text.toByteArray();
        byte[] one = compress(BundleCompression.ZSTD, input, 1);
        assertThat(compress(BundleCompression.ZSTD, input, 2)).isEqualTo(one);
        assertThat(compress(BundleCompression.ZSTD, input, 4)).isEqualTo(one);
        assertThat(unzstd(one, "words.zst")).isEqualTo(input);
    }

    private static byte[] compress(BundleCompression compression, byte[] input, int threads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.io.OutputStream z = org.swhvault.core.cook.internal.Compressors.open(compression, out, compression.defaultLevel(), threads)) {
            for (int pos = 0; pos < input.length; pos += 10_000) {
                z.write(input, pos, Math.min(10_000, input.length - pos));
            }
        }
        return out.toByteArray();
    }

    @Test
    void zstdGitfastBundlesHoldTheGzipBundlesStream() throws IOException {
        byte[] zstd = cook(new GitfastCooker(BundleCompression.ZSTD), head);
        byte[] stream = unzstd(zstd, "history.gitfast.zst");
        assertThat(stream).isEqualTo(gunzip(cook(new GitfastCooker(), head)));
        assertThat(new String(stream, 0, 200, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("blob\nmark :1\n");
    }

    @Test
    void zstdBundlesHaveTheirOwnFileNameAndGitBareBundlesNone() {
        assertThat(BundleCompression.GZIP.extension(BundleType.FLAT)).isEqualTo("tar.gz");
        assertThat(BundleCompression.GZIP.extension(BundleType.GITFAST)).isEqualTo("gitfast.gz");
        assertThat(BundleCompression.ZSTD.extension(BundleType.FLAT)).isEqualTo("tar.zst");
        assertThat(BundleCompression.ZSTD.extension(BundleType.GITFAST)).isEqualTo("gitfast.zst");
        assertThat(BundleCompression.ZSTD.mediaType(BundleType.FLAT)).isEqualTo("application/zstd");
        assertThat(BundleCompression.GZIP.mediaType(BundleType.GIT_BARE)).isEqualTo("application/x-tar");
        assertThat(BundleCompression.fromName("ZSTD")).contains(BundleCompression.ZSTD);
        assertThat(BundleCompression.fromName("lz4")).isEmpty();
        assertThatThrownBy(() -> BundleCompression.ZSTD.extension(BundleType.GIT_BARE))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                .hasMessage("Only flat and gitfast bundles can be compressed with zstd; git-bare bundles are plain"
                        + " tar files.");
        assertThatThrownBy(() -> new FlatCooker(BundleCompression.GZIP, 10, 1, 0))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("The gzip level must be 0 to 9, got 10.");
        assertThatThrownBy(() -> new FlatCooker(BundleCompression.ZSTD, 0, 1, 0))
                .isInstanceOf(VaultException.class).hasMessage("The zstd level must be 1 to 19, got 0.");
    }

    private static byte[] cook(Cooker cooker, Swhid swhid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            cooker.cook(swhid, source, out, CookContext.silent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    /** Decompresses with the zstd command when it is installed, else with zstd-jni's decoder. */
    private static byte[] unzstd(byte[] zst, String name) throws IOException {
        if (onPath("zstd")) {
            Path file = Files.write(tmp.resolve(name), zst);
            return Processes.run(tmp, "zstd", "-q", "-dc", file.toString());
        }
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(zst))) {
            return in.readAllBytes();
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
