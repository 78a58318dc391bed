package org.swhvault.core.cook;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.cook.flat.FlatCooker;
import org.swhvault.core.cook.gitbare.GitBareCooker;
import org.swhvault.core.cook.gitfast.GitfastCooker;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GeneratedTrees;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.process.Processes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tree 10,000 directories deep, made by the real git, cooked by every cooker on a thread with the
 * default stack, and checked by the real git and tar: no cooker may walk a tree by recursion.
 */
class DeepTreeCookTest {
    private static final int DEPTH = 10_000;

    @TempDir
    static Path tmp;
    static GitFixture git;
    static GitObjectSource source;
    static String commit;
    static String tree;

    @BeforeAll
    static void createRepository() {
        git = GitFixture.initBare(tmp.resolve("deep.git"));
        commit = GeneratedTrees.deepCommit(git, DEPTH);
        tree = git.revParse(commit + "^{tree}");
        source = GitObjectSource.open(git.dir());
    }

    @AfterAll
    static void closeSource() {
        source.close();
    }

    @Test
    void gitfastOfADeepTreeImportsBackToTheSameCommit() throws Exception {
        Path bundle = cookOnANewThread(new GitfastCooker(), Swhid.of(ObjectType.REVISION, ObjectId.fromHex(commit)),
                "deep.gitfast.gz");
        GitFixture imported = GitFixture.initBare(tmp.resolve("imported.git"));
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(bundle))) {
            imported.run(in.readAllBytes(), "fast-import", "--quiet");
        }
        assertThat(imported.revParse("refs/heads/master")).isEqualTo(commit);
    }

    @Test
    void flatOfADeepTreeListsEveryDirectoryDownToTheFile() throws Exception {
        Swhid swhid = Swhid.of(ObjectType.DIRECTORY, ObjectId.fromHex(tree));
        Path bundle = cookOnANewThread(new FlatCooker(), swhid, "deep.tar.gz");
        // Member names reach 20,000 bytes, far beyond PATH_MAX: list them rather than extract.
        Path listing = tmp.resolve("flat-listing.txt");
        Process tar = new ProcessBuilder("tar", "-tzf", bundle.toString()).redirectOutput(listing.toFile())
                .redirectErrorStream(false).start();
        assertThat(tar.waitFor()).as("tar -t exit status").isZero();
        try (BufferedReader lines = Files.newBufferedReader(listing, StandardCharsets.US_ASCII)) {
            StringBuilder expected = new StringBuilder(swhid.toString()).append('/');
            assertThat(lines.readLine()).isEqualTo(expected.toString());
            for (int level = 1; level <= DEPTH; level++) {
                expected.append("d/");
                assertThat(lines.readLine()).as("member %d", level).isEqualTo(expected.toString());
            }
            assertThat(lines.readLine()).isEqualTo(expected.append('f').toString());
            assertThat(lines.readLine()).isNull();
        }
    }

    @Test
    void gitBareOfADeepTreePassesFsck() throws Exception {
        Swhid swhid = Swhid.of(ObjectType.REVISION, ObjectId.fromHex(commit));
        Path bundle = cookOnANewThread(new GitBareCooker(), swhid, "deep.git.tar");
        Path extracted = Files.createDirectories(tmp.resolve("bare"));
        Processes.run(extracted, "tar", "-xf", bundle.toString());
        GitFixture cooked = GitFixture.open(extracted.resolve(swhid + ".git"), true);
        cooked.git("fsck", "--strict", "--no-dangling");
        assertThat(cooked.revParse(commit + "^{tree}")).isEqualTo(tree);
    }

    /** Cooks into a file on a new thread, which has the JVM's default stack size; rethrows what it threw. */
    private static Path cookOnANewThread(Cooker cooker, Swhid swhid, String name) throws Exception {
        Path bundle = tmp.resolve(name);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(bundle)) {
                cooker.cook(swhid, source, out, CookContext.silent());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "cook-" + name);
        thread.start();
        thread.join();
        if (failure.get() instanceof Exception e) {
            throw e;
        }
        if (failure.get() instanceof Error e) {
            throw new AssertionError("cooking " + swhid + " as " + name + " failed: " + e, e);
        }
        return bundle;
    }
}
