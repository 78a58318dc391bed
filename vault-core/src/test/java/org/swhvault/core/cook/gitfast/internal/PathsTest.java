package org.swhvault.core.cook.gitfast.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.GitFixture.TreeEntry;

import static org.assertj.core.api.Assertions.assertThat;

class PathsTest {
    @TempDir
    Path temp;

    @Test
    void quotingMatchesGitsOwnCQuoting() {
        GitFixture git = GitFixture.init(temp);
        String blob = git.blob(new byte[0]);
        List<TreeEntry> entries = new ArrayList<>();
        List<String> ours = new ArrayList<>();
        for (int c = 1; c < 256; c++) {
            if (c == '/') {
                continue;
            }
            byte[] name = {'a', (byte) c, 'z'};
            entries.add(new TreeEntry("100644", "blob", blob, name));
            ours.add(new String(Paths.quote(name, name.length), StandardCharsets.ISO_8859_1));
        }
        String tree = git.mktree(entries);
        // ls-tree quotes names the way core.quotePath (on by default) says: the oracle.
        Set<String> gits = new String(git.run(null, "ls-tree", "--name-only", tree), StandardCharsets.ISO_8859_1)
                .lines().collect(Collectors.toSet());
        assertThat(Set.copyOf(ours)).isEqualTo(gits);
        assertThat(ours).contains("a z", "a~z", "\"a\\tz\"", "\"a\\\"z\"", "\"a\\\\z\"", "\"a\\177z\"", "\"a\\377z\"");
    }

    @Test
    void quotingOnlyTheNeededLength() {
        byte[] path = "dir/file.txt-and-garbage".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(Paths.quote(path, 12), StandardCharsets.US_ASCII)).isEqualTo("dir/file.txt");
        byte[] tab = "a\tb-and-garbage".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(Paths.quote(tab, 3), StandardCharsets.US_ASCII)).isEqualTo("\"a\\tb\"");
    }
}
