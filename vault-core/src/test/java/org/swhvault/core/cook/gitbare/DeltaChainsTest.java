package org.swhvault.core.cook.gitbare;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.testing.git.GitFixture;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe tells git fast-import's delta chains (newer trees on older ones) from git repack's. */
class DeltaChainsTest {
    @TempDir
    Path tmp;

    @Test
    void fastImportChainsNewerTreesOntoOlderOnesAndRepackTheReverse() throws Exception {
        GitFixture imported = GitFixture.initBare(tmp.resolve("imported.git"));
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String text = "file number " + i + " of a growing tree\n";
            stream.append("commit refs/heads/main\ncommitter A <a@example.org> ").append(1_600_000_000L + 100L * i)
                    .append(" +0000\ndata 2\nc\n")
                    .append("M 100644 inline file-").append(String.format("%03d", i)).append(".txt\ndata ")
                    .append(text.length()).append('\n').append(text).append('\n');
        }
        imported.run(stream.toString().getBytes(StandardCharsets.US_ASCII), "fast-import", "--quiet");
        assertThat(newerAreDeeper(imported.dir())).isTrue();

        imported.git("repack", "-q", "-a", "-d", "-f");
        assertThat(newerAreDeeper(imported.dir())).isFalse();
    }

    @Test
    void looseObjectsGiveTheUsualOrder() throws Exception {
        GitFixture loose = GitFixture.init(tmp.resolve("loose"));
        for (int i = 0; i < 3; i++) {
            loose.write("f" + i, "text " + i + "\n").commitAll("Commit " + i + "\n");
        }
        assertThat(newerAreDeeper(loose.gitDir())).isFalse();
    }

    private static boolean newerAreDeeper(Path gitDir) throws Exception {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build()) {
            List<ObjectId> tips = List.of(repository.resolve("refs/heads/main"));
            return DeltaChains.newerAreDeeper(repository, tips);
        }
    }
}
