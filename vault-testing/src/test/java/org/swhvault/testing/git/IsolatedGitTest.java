package org.swhvault.testing.git;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsolatedGitTest {
    private static final String EMPTY_BLOB = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";
    private static final String EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    @TempDir
    Path tmp;

    @Test
    void hashesAsGitDoes() {
        IsolatedGit git = IsolatedGit.in(tmp.resolve("home"));
        assertThat(git.hashObject(new byte[0])).isEqualTo(EMPTY_BLOB);
        assertThat(git.mktree()).isEqualTo(EMPTY_TREE);
        String tree = git.mktree("100644 blob " + EMPTY_BLOB + "\tf");
        assertThat(git.run("--git-dir=" + git.home().resolve("mktree-repo/.git"), "cat-file", "-p", tree))
                .isEqualTo("100644 blob " + EMPTY_BLOB + "\tf");
    }

    @Test
    void writeTreeKeepsTheRepositoryOutsideTheTree() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("f"), "");
        IsolatedGit git = IsolatedGit.in(tmp.resolve("home"));
        assertThat(git.writeTree(tree)).isEqualTo(git.mktree("100644 blob " + EMPTY_BLOB + "\tf"));
        try (var files = Files.list(tree)) {
            assertThat(files).containsExactly(tree.resolve("f"));
        }
    }

    @Test
    void theUsersConfigurationAndGitVariablesAreIgnored() throws Exception {
        Path home = tmp.resolve("home");
        IsolatedGit git = IsolatedGit.in(home);
        Path config = Files.writeString(tmp.resolve("config"), "[alias]\n\tsecret = version\n");
        Files.copy(config, home.resolve(".gitconfig"));
        assertThat(git.command("secret").env("GIT_CONFIG_GLOBAL", config.toString()).attempt().exitCode())
                .as("a variable set after the isolation wins").isZero();
        assertThat(git.command("secret").attempt().exitCode()).as("neither HOME's nor the global file").isNotZero();
        assertThat(git.command("var", "GIT_AUTHOR_IDENT").run().stdoutText())
                .isEqualTo("Test Author <author@example.org> 1700000000 +0000\n");
    }

    @Test
    void aFailingCommandSaysWhatGitSaid() {
        IsolatedGit git = IsolatedGit.in(tmp.resolve("home"));
        assertThatThrownBy(() -> git.run("cat-file", "-t", "1".repeat(40)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("git cat-file");
        assertThat(git.run("hash-object", "--stdin").length()).isEqualTo(40);
        assertThat(git.run("x".getBytes(StandardCharsets.UTF_8), "hash-object", "--stdin"))
                .isNotEqualTo(EMPTY_BLOB);
    }
}
