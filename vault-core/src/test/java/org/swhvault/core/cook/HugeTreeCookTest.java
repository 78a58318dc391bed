package org.swhvault.core.cook;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.testing.git.GeneratedTrees;
import org.swhvault.testing.git.GitFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tree of a million entries, made by the real git, cooked in a child JVM with a small heap: a cooker
 * must not hold a whole directory as a million objects.
 */
class HugeTreeCookTest {
    private static final int ENTRIES = 1_000_000;

    @TempDir
    static Path tmp;
    static GitFixture git;
    static String tree;

    @BeforeAll
    static void createRepository() {
        git = GitFixture.initBare(tmp.resolve("wide.git"));
        tree = GeneratedTrees.wideTree(git, ENTRIES);
    }

    @Test
    void flatOfAMillionEntryTreeFitsIn128MiBAndListsEveryEntry() throws Exception {
        Swhid swhid = Swhid.of(ObjectType.DIRECTORY, ObjectId.fromHex(tree));
        Path bundle = cookInChildJvm("128m", "flat", swhid, "wide.tar.gz");
        Path listing = tmp.resolve("wide-listing.txt");
        Process tar = new ProcessBuilder("tar", "-tzf", bundle.toString()).redirectOutput(listing.toFile()).start();
        assertThat(tar.waitFor()).as("tar -t exit status").isZero();
        long members = 0;
        try (BufferedReader lines = Files.newBufferedReader(listing, StandardCharsets.US_ASCII)) {
            assertThat(lines.readLine()).isEqualTo(swhid + "/");
            members++;
            for (String line; (line = lines.readLine()) != null; members++) {
                if (members == 1) {
                    assertThat(line).isEqualTo(swhid + "/f0000000");
                }
            }
        }
        assertThat(members).isEqualTo(ENTRIES + 1);
    }

    /**
     * git fast-import takes time quadratic in a directory's size (it inserts entries one by one into a
     * sorted array), about half an hour for a million: the stream is checked by counting its file
     * commands instead; smaller trees are imported back by the gitfast tests.
     */
    @Test
    void gitfastOfAMillionEntryTreeFitsIn128MiBAndWritesEveryEntry() throws Exception {
        String commit = git.commitTree(tree, "wide\n".getBytes(StandardCharsets.UTF_8), List.of());
        Swhid swhid = Swhid.of(ObjectType.REVISION, ObjectId.fromHex(commit));
        Path bundle = cookInChildJvm("128m", "gitfast", swhid, "wide.gitfast.gz");
        Process counting = new ProcessBuilder("sh", "-c", "gzip -dc \"$0\" | grep -c '^M 100644 '",
                bundle.toString()).redirectErrorStream(true).start();
        String count = new String(counting.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(counting.waitFor()).as("gzip -dc | grep -c: %s", count).isZero();
        assertThat(count).isEqualTo(Integer.toString(ENTRIES));
    }

    /** Runs {@link CookMain} with {@code -Xmx}{@code heap}; fails with its standard error if it fails. */
    private static Path cookInChildJvm(String heap, String type, Swhid swhid, String name)
            throws IOException, InterruptedException {
        Path bundle = tmp.resolve(name);
        Path log = tmp.resolve(name + ".log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", classPath(), CookMain.class.getName(), type, git.dir().toString(),
                swhid.toString(), bundle.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = child.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            child.destroyForcibly().waitFor();
        }
        assertThat(ended && child.exitValue() == 0).as("%s cook at -Xmx%s; its output:%n%s", type, heap,
                Files.readString(log)).isTrue();
        return bundle;
    }

    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }
}
