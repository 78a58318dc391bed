package org.swhvault.core.cook.gitfast;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.testing.git.GitFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cooks the sample history read from a real git repository, imports the bundle with the real
 * {@code git fast-import}, and compares every commit id with the original.
 */
class GitfastRoundTripTest {
    @TempDir
    static Path temp;
    static GitfastSamples.Sample sample;
    static Bundles.Cooked cooked;
    static GitFixture imported;

    @BeforeAll
    static void cookAndImport() {
        sample = GitfastSamples.history(temp.resolve("original"));
        try (GitObjectSource source = GitObjectSource.open(sample.git().dir())) {
            cooked = Bundles.cook(source, sample.head());
        }
        imported = cooked.importInto(temp.resolve("imported"));
    }

    @Test
    void importGivesBackEveryCommitIdOnMaster() {
        List<String> original = List.of(sample.git().git("rev-list", "--topo-order", sample.head()).split("\n"));
        List<String> back = List.of(imported.git("rev-list", "--topo-order", "refs/heads/master").split("\n"));
        assertThat(original).hasSizeGreaterThan(20);
        assertThat(back).containsExactlyElementsOf(original);
        assertThat(imported.revParse("refs/heads/master")).isEqualTo(sample.head());
    }

    @Test
    void importedRepositoryIsClean() {
        assertThat(imported.tryGit("fsck", "--no-dangling", "--strict")).isNotNull();
        assertThat(imported.git("for-each-ref", "--format=%(refname)")).isEqualTo("refs/heads/master");
    }

    @Test
    void reportSaysEveryRevisionIsExact() {
        GitfastReport report = cooked.report();
        assertThat(report.revisionsByReason()).isEmpty();
        assertThat(report.exact()).isTrue();
        assertThat(report.revisions()).isEqualTo(
                Long.parseLong(sample.git().git("rev-list", "--count", sample.head())));
    }

    @Test
    void timeZonesKeepTheirOriginalBytes() {
        // The reference vault wrote every date as +0000.
        assertThat(imported.git("log", "-1", "--format=%ai", sample.commits().get("+0530"))).endsWith("+0530");
        String zones = new String(imported.catFile("commit", sample.commits().get("-0000 and +1500")),
                StandardCharsets.UTF_8);
        assertThat(zones).contains(" 1600900000 -0000\n").contains(" 1600900060 +1500\n");
        assertThat(cooked.text()).startsWith("feature date-format=raw-permissive\n");
    }

    @Test
    void encodingHeaderAndLatin1MessageSurvive() {
        String latin1 = sample.git().git("log", "--format=%H", "--grep=cr", "-1", "--encoding=ISO-8859-1",
                sample.head());
        byte[] body = imported.catFile("commit", latin1);
        assertThat(new String(body, StandardCharsets.ISO_8859_1)).contains("\nencoding ISO-8859-1\n")
                .endsWith("\n\nCaf\u00e9 cr\u00e8me\n");
    }

    @Test
    void fileBecomingADirectoryIsRemovedBeforeItsReplacementIsWritten() {
        String text = cooked.text();
        int delete = text.indexOf("\nD thing\n");
        int modify = text.indexOf(" thing/inside\n");
        assertThat(delete).isPositive();
        assertThat(modify).isGreaterThan(delete);
        assertThat(imported.git("ls-tree", "--name-only", "-r", sample.commits().get("file to directory")))
                .contains("thing/inside", "vendor/submodule/file");
        assertThat(imported.git("cat-file", "-t", sample.commits().get("directory to file") + ":thing"))
                .isEqualTo("blob");
    }

    @Test
    void oddNamesAreCQuoted() {
        String text = cooked.text();
        assertThat(text).contains(" \"tab\\there\"\n", " \"new\\nline\"\n", " \"caf\\351.txt\"\n",
                " \"quote\\\"d\"\n", " \"back\\\\slash\"\n", " \"\\\"leading quote\"\n", " with space.txt\n");
        assertThat(text).contains("M 160000 ");
    }

    @Test
    void eachBlobIsWrittenOnce() {
        String text = cooked.text();
        long blobs = text.lines().filter("blob"::equals).count();
        long distinct = sample.git().git("rev-list", "--objects", "--no-object-names", sample.head()).lines()
                .filter(id -> sample.git().git("cat-file", "-t", id).equals("blob")).count();
        assertThat(blobs).isEqualTo(distinct);
        assertThat(text).contains("\ndata " + GitfastSamples.BIG_BLOB_SIZE + "\n");
    }

    @Test
    void cookingTwiceGivesTheSameBytes() {
        try (GitObjectSource source = GitObjectSource.open(sample.git().dir())) {
            assertThat(Bundles.cook(source, sample.head()).gzip()).isEqualTo(cooked.gzip());
        }
    }
}
