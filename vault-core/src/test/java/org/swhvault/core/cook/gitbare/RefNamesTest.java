package org.swhvault.core.cook.gitbare;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.model.Bytes;
import org.swhvault.testing.git.IsolatedGit;

import static org.assertj.core.api.Assertions.assertThat;

class RefNamesTest {
    private static final List<String> NAMES = List.of("refs/heads/main", "refs/heads/a b", "refs/heads/.a",
            "refs/heads/a.", "refs/heads/a.lock", "refs/heads/a.lock/b", "refs/heads/a..b", "refs/heads/a@{b",
            "refs/heads/@", "@", "a", "HEAD", "refs/heads//a", "refs/heads/a/", "/refs/heads/a", "refs/heads/a*",
            "refs/heads/a?", "refs/heads/a[", "refs/heads/a\\b", "refs/heads/a~1", "refs/heads/a^", "refs/heads/a:b",
            "refs/heads/a\tb", "refs/heads/a\u007fb", "refs/heads/a/.b", "refs/heads/a./b", "refs/heads/@{",
            "refs/x", "refs/tags/1.0.0:weirdname", "refs/tags/debian/1.0-1", "refs/heads/ünï", "refs/heads/a{b}",
            "refs/heads/a@b", "refs/heads/-a", "refs/heads/.lock", "refs/heads/lock.", "refs");

    @TempDir
    Path tmp;

    @Test
    void validityAgreesWithGitCheckRefFormat() {
        for (String name : NAMES) {
            boolean git = IsolatedGit.in(tmp).command("check-ref-format", name).attempt().exitCode() == 0;
            assertThat(RefNames.isValid(Bytes.utf8(name))).as(name).isEqualTo(git);
        }
        byte[] latin1 = "refs/heads/caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(RefNames.isValid(Bytes.of(latin1))).isTrue();
        assertThat(RefNames.isValid(Bytes.of(new byte[] {'r', 'e', 'f', 's', '/', 'a', 0, 'b'}))).isFalse();
    }

    @Test
    void branchesOutsideRefsGoToHeadsForRevisionsAndToTagsOtherwise() {
        assertThat(RefNames.forBranch(Bytes.utf8("refs/remotes/origin/x"), false)).isEqualTo(
                Bytes.utf8("refs/remotes/origin/x"));
        assertThat(RefNames.forBranch(Bytes.utf8("trunk"), true)).isEqualTo(Bytes.utf8("refs/heads/trunk"));
        assertThat(RefNames.forBranch(Bytes.utf8("releases/1.0"), false)).isEqualTo(
                Bytes.utf8("refs/tags/releases/1.0"));
        assertThat(RefNames.forBranch(Bytes.utf8("bad name"), true)).isNull();
        assertThat(RefNames.forBranch(Bytes.utf8("refs/heads/x..y"), true)).isNull();
    }
}
