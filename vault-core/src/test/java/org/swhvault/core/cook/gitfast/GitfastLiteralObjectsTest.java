package org.swhvault.core.cook.gitfast;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.SampleRepositories;
import org.swhvault.testing.git.SampleRepositories.Literal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.swhvault.core.cook.gitfast.LossReason.EXTRA_HEADERS;
import static org.swhvault.core.cook.gitfast.LossReason.LOSSY_PARENT;

/**
 * Cooks commits and trees written with {@code git hash-object --literally}: fast-import must accept
 * every bundle, and the cooker's report must say exactly which commits come back with another id.
 */
class GitfastLiteralObjectsTest {
    /** The literal commits whose bytes fast-import can reproduce. */
    private static final Set<String> EXACT = Set.of("zones", "empty message", "reachable");
    private static final String PERSONS = "author A U Thor <author@example.com> 1234567890 +0000\n"
            + "committer C O Mitter <committer@example.com> 1234567890 +0000\n";

    @TempDir
    static Path temp;
    static GitFixture git;
    static Map<String, Literal> literals;
    static GitObjectSource source;
    static final AtomicInteger imports = new AtomicInteger();

    @BeforeAll
    static void writeLiterals() {
        git = GitFixture.init(temp.resolve("literals"));
        literals = SampleRepositories.literalObjects(git);
        source = GitObjectSource.open(git.dir());
    }

    @AfterAll
    static void closeSource() {
        source.close();
    }

    @Test
    void reportSaysExactlyWhichLiteralCommitsKeepTheirIds() {
        List<String> labels = literals.entrySet().stream()
                .filter(e -> git.git("cat-file", "-t", e.getValue().id()).equals("commit"))
                .map(Map.Entry::getKey).toList();
        assertThat(labels).hasSize(24).contains("gpgsig", "extra headers", "odd zones", "no message", "two >",
                "swapped persons", "missing parent", "parent is a blob", "no tree");
        for (String label : labels) {
            String id = literals.get(label).id();
            Bundles.Cooked cooked = Bundles.cook(source, id);
            GitFixture back = importFresh(cooked);
            boolean sameId = back.revParse("refs/heads/master").equals(id);
            assertThat(cooked.report().exact()).as(label + " exact in the report").isEqualTo(sameId);
            assertThat(sameId).as(label + " keeps its id").isEqualTo(EXACT.contains(label));
        }
    }

    @Test
    void signedCommitAndItsDescendantsAreReportedLossy() {
        String tree = git.revParse(literals.get("reachable").id() + "^{tree}");
        String first = git.literal("commit", "tree " + tree + "\n" + PERSONS + "\nFirst\n");
        String signed = git.literal("commit", "tree " + tree + "\nparent " + first + "\n" + PERSONS
                + "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEz\n -----END PGP SIGNATURE-----\n\nSigned\n");
        String child = git.literal("commit", "tree " + tree + "\nparent " + signed + "\n" + PERSONS + "\nChild\n");
        Bundles.Cooked cooked = Bundles.cook(source, child);
        GitFixture back = importFresh(cooked);

        assertThat(back.git("rev-list", "--count", "refs/heads/master")).isEqualTo("3");
        assertThat(back.revParse("refs/heads/master~2")).isEqualTo(first);
        assertThat(back.revParse("refs/heads/master~1")).isNotEqualTo(signed);
        assertThat(back.revParse("refs/heads/master")).isNotEqualTo(child);
        assertThat(back.git("log", "--format=%s %T", "refs/heads/master"))
                .isEqualTo("Child " + tree + "\nSigned " + tree + "\nFirst " + tree);
        assertThat(cooked.report().lossyRevisions()).isEqualTo(2);
        assertThat(cooked.report().revisionsByReason()).containsExactlyInAnyOrderEntriesOf(
                Map.of(EXTRA_HEADERS, 1L, LOSSY_PARENT, 1L));
    }

    @Test
    void oddModeIsWrittenNormalisedAndReported() {
        Bundles.Cooked cooked = Bundles.cook(source, commitOf("mode 100664"));
        GitFixture back = importFresh(cooked);
        assertThat(back.git("ls-tree", "refs/heads/master")).startsWith("100644 blob ");
        assertThat(cooked.report().revisionsByReason()).containsOnlyKeys(LossReason.ODD_MODE);
    }

    @Test
    void gitlinkToABlobIsLeftOutRatherThanAbortingTheImport() {
        // fast-import dies with "Not a commit (actually a blob)" when the blob is in the stream.
        String commit = commitOf("gitlink and symlink");
        Bundles.Cooked cooked = Bundles.cook(source, commit);
        GitFixture back = importFresh(cooked);
        assertThat(back.git("ls-tree", "--name-only", "refs/heads/master")).isEqualTo("link");
        assertThat(cooked.report().revisionsByReason()).containsOnlyKeys(LossReason.UNUSABLE_GITLINK);
    }

    @Test
    void nonCanonicalTreesImportAndAreReported() {
        for (String label : List.of("mode 040000", "unsorted")) {
            String commit = commitOf(label);
            Bundles.Cooked cooked = Bundles.cook(source, commit);
            assertThat(importFresh(cooked).revParse("refs/heads/master")).as(label).isNotEqualTo(commit);
            assertThat(cooked.report().revisionsByReason()).as(label)
                    .containsKey(LossReason.NON_CANONICAL_DIRECTORY);
        }
    }

    @Test
    void unsafeNamesRefuseTheCookNamingTheEntry() {
        assertThatThrownBy(() -> Bundles.cook(source, commitOf("dot names")))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT))
                .hasMessageContaining("'..'")
                .hasMessageContaining("swh:1:dir:" + literals.get("dot names").id());
        // As the flat cooker does: two entries of one name could plant a file through a symbolic link.
        for (String label : List.of("slash in name", "empty name", "duplicate", "file and directory a")) {
            String commit = commitOf(label);
            assertThatThrownBy(() -> Bundles.cook(source, commit)).as(label)
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT))
                    .hasMessageContaining("swh:1:dir:" + literals.get(label).id());
        }
    }

    /** Writes a commit of a literal tree. */
    private static String commitOf(String treeLabel) {
        return git.literal("commit", "tree " + literals.get(treeLabel).id() + "\n" + PERSONS + "\n" + treeLabel + "\n");
    }

    private static GitFixture importFresh(Bundles.Cooked cooked) {
        return cooked.importInto(temp.resolve("import-" + imports.incrementAndGet()));
    }
}
