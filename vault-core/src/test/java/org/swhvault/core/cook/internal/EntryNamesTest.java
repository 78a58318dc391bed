package org.swhvault.core.cook.internal;

import org.junit.jupiter.api.Test;
import org.swhvault.spi.model.Bytes;

import static org.assertj.core.api.Assertions.assertThat;

class EntryNamesTest {
    @Test
    void displayQuotesAndEscapesEverythingButPrintableAscii() {
        assertThat(EntryNames.display(Bytes.of(new byte[] {'a', '\n', (byte) 0xe9, '\'', '\\', 0, '\t', ' '})))
                .isEqualTo("'a\\n\\xe9\\'\\\\\\x00\\t '");
    }

    @Test
    void dotGitIsRefusedInAnyCaseButItsLookalikesAreNot() {
        for (String bad : new String[] {".git", ".GIT", ".Git", "..", ".", "", "a/b", "/", "nul\0"}) {
            assertThat(EntryNames.problem(Bytes.utf8(bad))).as(bad).isNotNull();
        }
        for (String fine : new String[] {"...", ".gitignore", ".git ", "git", "a..b", " ", "-"}) {
            assertThat(EntryNames.problem(Bytes.utf8(fine))).as(fine).isNull();
        }
    }
}
