package org.swhvault.testing.git;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.testing.git.GitFixture.GitObject;
import org.swhvault.testing.git.GitFixture.TreeEntry;

import static org.assertj.core.api.Assertions.assertThat;

class GitFixtureTest {
    @TempDir
    Path tmp;

    @Test
    void theSameHistoryHasTheSameIdsOnEveryMachine() {
        String first = GitFixture.init(tmp.resolve("a")).write("f", "x\n").commitAll("One\n");
        String second = GitFixture.init(tmp.resolve("b")).write("f", "x\n").commitAll("One\n");
        assertThat(first).isEqualTo(second);
        GitFixture git = GitFixture.open(tmp.resolve("a"), false);
        assertThat(git.catFile("commit", first)).asString().contains(
                "author Test Author <author@example.org> 1600000000 +0000\n"
                        + "committer Test Committer <committer@example.org> 1600000000 +0000\n");
    }

    @Test
    void eachCommitIsOneMinuteLaterUnlessADateIsSet() {
        GitFixture git = GitFixture.init(tmp.resolve("r"));
        git.commitAll("One\n");
        git.commitAll("Two\n");
        assertThat(git.git("log", "--format=%at %ai", "-2")).isEqualTo(
                "1600000060 2020-09-13 12:27:40 +0000\n1600000000 2020-09-13 12:26:40 +0000");
        git.at(0, "+0130").commitAll("Three\n");
        assertThat(git.git("log", "--format=%at %ai", "-1")).isEqualTo("0 1970-01-01 01:30:00 +0130");
    }

    @Test
    void literalObjectsAndTreesAreWrittenAsGiven() {
        GitFixture git = GitFixture.initBare(tmp.resolve("bare.git"));
        assertThat(git.gitDir()).isEqualTo(git.dir());
        String blob = git.blob(new byte[] {1});
        String tree = git.mktree(List.of(TreeEntry.of("100644", "blob", blob, "one")));
        String odd = git.literal("tree", SampleRepositories.treeBody(
                SampleRepositories.entry("100644", "b", blob), SampleRepositories.entry("100644", "a", blob)));
        assertThat(git.hashLiterally("tree", git.catFile("tree", odd))).isEqualTo(odd);
        assertThat(git.allObjects()).extracting(GitObject::id).containsExactlyInAnyOrder(blob, tree, odd);
        assertThat(git.tryGit("cat-file", "-t", "1".repeat(40))).isNull();
        git.repack();
        assertThat(git.git("count-objects", "-v")).contains("count: 0", "in-pack: 3");
    }

    @Test
    void theSampleHistoryPassesFsck() {
        GitFixture git = SampleRepositories.history(tmp.resolve("history"));
        Map<String, SampleRepositories.Literal> literals = SampleRepositories.literalObjects(git);
        assertThat(literals).containsKeys("gpgsig", "unsorted", "unknown tag type");
        assertThat(git.git("for-each-ref", "--format=%(refname)")).contains("refs/heads/main", "refs/tags/v1.0",
                "refs/notes/commits", "refs/heads/literal");
        assertThat(git.tryGit("fsck", "--no-dangling", "--connectivity-only")).isNotNull();
    }
}
