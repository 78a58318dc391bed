package org.swhvault.core.identify;

import org.junit.jupiter.api.Test;
import org.swhvault.spi.VaultException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Expectations are Python's {@code fnmatch.fnmatchcase}, which {@code swh identify --exclude} uses. */
class GlobPatternTest {
    @Test
    void starMatchesAcrossSlashesLikeFnmatch() {
        GlobPattern p = new GlobPattern("*.git");
        assertThat(p.matches(".git")).isTrue();
        assertThat(p.matches("a/b/.git")).isTrue();
        assertThat(p.matches("a/.git/objects")).isFalse();
        assertThat(p.matches(".gitignore")).isFalse();
    }

    @Test
    void wholePathMustMatchAndCaseCounts() {
        GlobPattern p = new GlobPattern("build");
        assertThat(p.matches("build")).isTrue();
        assertThat(p.matches("src/build")).isFalse();
        assertThat(p.matches("Build")).isFalse();
        assertThat(p.matches("build\n")).isFalse();
    }

    @Test
    void questionMarkAndSetsWork() {
        assertThat(new GlobPattern("v?").matches("v1")).isTrue();
        assertThat(new GlobPattern("v?").matches("v12")).isFalse();
        assertThat(new GlobPattern("[a-c]x").matches("bx")).isTrue();
        assertThat(new GlobPattern("[a-c]x").matches("dx")).isFalse();
        assertThat(new GlobPattern("[!a-c]x").matches("dx")).isTrue();
        assertThat(new GlobPattern("[!a-c]x").matches("ax")).isFalse();
        assertThat(new GlobPattern("[]]").matches("]")).isTrue();
        assertThat(new GlobPattern("[-a]").matches("-")).isTrue();
        assertThat(new GlobPattern("[^]").matches("^")).isTrue();
        assertThat(new GlobPattern("[\\]").matches("\\")).isTrue();
    }

    @Test
    void regexCharactersAreLiteral() {
        assertThat(new GlobPattern("a.b+(c)$").matches("a.b+(c)$")).isTrue();
        assertThat(new GlobPattern("a.b").matches("axb")).isFalse();
        assertThat(new GlobPattern("[").matches("[")).isTrue();
        assertThat(new GlobPattern("x[y").matches("x[y")).isTrue();
    }

    @Test
    void malformedSetIsAnInvalidArgument() {
        assertThatThrownBy(() -> new GlobPattern("[z-a]"))
                .isInstanceOf(VaultException.class)
                .hasMessageStartingWith("invalid exclusion pattern '[z-a]'");
    }
}
