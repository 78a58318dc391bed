package org.swhvault.core.cook;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.BundleStatus;
import org.swhvault.core.Vault;
import org.swhvault.core.cook.gitbare.GitBareCooker;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.storage.fs.FsBundleStore;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.SampleRepositories;
import org.swhvault.testing.process.Processes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trees with entry names a bundle must not hold, written with {@code git hash-object --literally}: flat
 * and gitfast refuse them with one sentence and publish nothing; git-bare keeps every object as it is.
 */
class UnsafeEntryNamesTest {
    @TempDir
    static Path tmp;
    static GitFixture git;
    static GitObjectSource source;
    static String blob;

    @BeforeAll
    static void createRepository() {
        git = GitFixture.initBare(tmp.resolve("repo.git"));
        blob = git.blob("payload\n".getBytes(StandardCharsets.UTF_8));
        source = GitObjectSource.open(git.dir());
    }

    @AfterAll
    static void closeSource() {
        source.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        ".GIT | the name of git's own metadata directory",
        "..   | a name that means the directory itself or its parent",
        "a/b  | a name containing '/'"})
    void flatAndGitfastRefuseWithOneSentenceAndPublishNothing(String name, String problem) throws Exception {
        String bad = git.literal("tree", SampleRepositories.treeBody(
                SampleRepositories.entry("100644", "fine", blob), SampleRepositories.entry("100644", name, blob)));
        String root = git.literal("tree", SampleRepositories.treeBody(SampleRepositories.entry("40000", "sub", bad)));
        String commit = git.commitTree(root, "hostile\n".getBytes(StandardCharsets.UTF_8), List.of());
        String sentence = "Directory swh:1:dir:" + bad + " has an entry named '" + name + "' (" + problem
                + "), which cannot be written safely to a bundle.";
        Swhid revision = Swhid.of(ObjectType.REVISION, ObjectId.fromHex(commit));
        Path storeDir = tmp.resolve("store-" + bad);
        try (FsBundleStore store = FsBundleStore.open(storeDir);
                Vault vault = Vault.builder().source(source).store(store).build()) {
            for (BundleType type : List.of(BundleType.FLAT, BundleType.GITFAST)) {
                vault.cook(type, revision);
                BundleStatus status = vault.awaitCompletion(type, revision, Duration.ofMinutes(2));
                assertThat(status.state()).as("%s", type).isEqualTo(RequestState.FAILED);
                assertThat(status.progressMessage()).as("%s", type).contains(sentence);
            }
            assertThat(store.list()).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({".GIT", "..", "a/b"})
    void gitBareKeepsTheTreeAsItIs(String name) throws Exception {
        String bad = git.literal("tree", SampleRepositories.treeBody(SampleRepositories.entry("100644", name, blob)));
        String commit = git.commitTree(bad, "kept\n".getBytes(StandardCharsets.UTF_8), List.of());
        Swhid revision = Swhid.of(ObjectType.REVISION, ObjectId.fromHex(commit));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new GitBareCooker().cook(revision, source, out, CookContext.silent());
        Path dir = Files.createDirectories(tmp.resolve("bare-" + bad));
        Files.write(dir.resolve("bundle.tar"), out.toByteArray());
        Processes.run(dir, "tar", "-xf", "bundle.tar");
        GitFixture cooked = GitFixture.open(dir.resolve(revision + ".git"), true);
        assertThat(cooked.revParse(commit + "^{tree}")).isEqualTo(bad);
        assertThat(cooked.catFile("tree", bad)).isEqualTo(git.catFile("tree", bad));
    }
}
