package org.swhvault.core.cook.gitbare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.SampleRepositories;
import org.swhvault.testing.git.SampleRepositories.Literal;
import org.swhvault.testing.process.ProcessResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cooks a snapshot whose branches point to objects written with {@code git hash-object --literally}
 * (signatures, unknown headers, odd time zones, odd modes, unsorted trees): their ids and bytes must
 * survive exactly.
 */
class GitBareCookerLiteralTest {
    private static final List<String> COMMITS = List.of("gpgsig", "extra headers", "zones", "odd zones",
            "no committer", "no message", "empty message", "swapped persons", "leading zero", "two spaces",
            "no zone", "header without value");
    private static final List<String> TREES = List.of("mode 100664", "mode 040000", "unsorted", "duplicate",
            "gitlink and symlink");
    private static final List<String> TAGS = List.of("tag", "no tagger", "tag without message",
            "unknown tag header");

    @TempDir
    static Path tmp;

    static GitFixture git;
    static Map<String, Literal> literal;
    static Cooked snp;
    static Cooked general;

    @BeforeAll
    static void cook() {
        git = GitFixture.initBare(tmp.resolve("literals.git"));
        literal = SampleRepositories.literalObjects(git);
        int n = 0;
        for (String label : COMMITS) {
            git.updateRef("refs/heads/commit-" + n++, literal.get(label).id());
        }
        for (String label : TREES) {
            git.updateRef("refs/tags/tree-" + n++, literal.get(label).id());
        }
        for (String label : TAGS) {
            git.updateRef("refs/tags/tag-" + n++, literal.get(label).id());
        }
        try (GitObjectSource source = GitObjectSource.open(git.dir())) {
            Swhid swhid = GitBareCookerGitTest.swhid(ObjectType.SNAPSHOT, source.currentSnapshot().id().toHex());
            snp = Cooked.cook(swhid, source, tmp.resolve("snp"));
            general = Cooked.cook(new GitBareCooker(null, 0, GitBareCooker.DEFAULT_LEVEL, false), swhid, source,
                    tmp.resolve("general"));
        }
    }

    @Test
    void packingObjectByObjectGivesTheSameObjectsAndReferences() throws IOException {
        GitBareCookerGitTest.assertSameBundle(snp, general);
    }

    @Test
    void everyLiteralObjectKeepsItsIdAndBytes() {
        List<String> ids = Cooked.objectIds(snp.repo);
        for (String label : concat()) {
            assertThat(ids).as(label).contains(literal.get(label).id());
        }
        assertThat(Cooked.objectIds(git.dir())).containsAll(ids);
        assertThat(Cooked.catFileBatch(snp.repo, ids)).isEqualTo(Cooked.catFileBatch(git.dir(), ids));
        assertThat(Cooked.refs(snp.repo)).isEqualTo(Cooked.refs(git.dir()));
    }

    @Test
    void fsckComplainsAboutTheOddObjectsOnly() {
        Set<String> odd = new HashSet<>();
        for (String label : concat()) {
            odd.add(literal.get(label).id());
        }
        ProcessResult fsck = snp.tryGit("fsck", "--full", "--no-dangling");
        assertThat(fsck.stderrText()).contains("treeNotSorted", "zeroPaddedFilemode", "badTimezone");
        assertThat(fsck.stderrText().lines().filter(l -> !l.startsWith("Checking")))
                .allSatisfy(line -> assertThat(odd).anySatisfy(id -> assertThat(line).contains(id)));
    }

    private static List<String> concat() {
        return java.util.stream.Stream.of(COMMITS, TREES, TAGS).flatMap(List::stream).toList();
    }
}
