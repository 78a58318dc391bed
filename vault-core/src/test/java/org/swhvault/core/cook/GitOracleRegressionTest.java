package org.swhvault.core.cook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.cook.gitfast.GitfastCooker;
import org.swhvault.core.cook.gitfast.GitfastReport;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Timestamp;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GitFixture;

import static org.assertj.core.api.Assertions.assertThat;

/** The smallest cases of the defects {@link GitOracleFuzzTest} found, each checked against git. */
class GitOracleRegressionTest {
    @TempDir
    Path tmp;

    /**
     * Found by seeds 2, 18 and 19: git writes dates before 1970 ({@code -86400 +0100}) and
     * {@code git fast-import} reads them back byte for byte, but the git source read such a line as having
     * no date, so the commit kept only its raw bytes and gitfast wrote {@code 0 +0000}, another id.
     */
    @Test
    void aCommitDatedBefore1970KeepsItsDateAndItsIdThroughGitfast() throws IOException {
        GitFixture git = GitFixture.initBare(tmp.resolve("original"));
        String tree = git.mktree(java.util.List.of());
        String commit = new String(git.run(("tree " + tree + "\n"
                + "author A U Thor <a@example.org> -86400 +0100\n"
                + "committer C O Mitter <c@example.org> -1 -0000\n\nBefore 1970\n").getBytes(StandardCharsets.UTF_8),
                "hash-object", "-t", "commit", "-w", "--stdin"), StandardCharsets.US_ASCII).trim();
        git.updateRef("refs/heads/main", commit);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GitfastReport report;
        try (GitObjectSource source = GitObjectSource.open(git.dir())) {
            Revision revision = source.revision(ObjectId.fromHex(commit)).orElseThrow();
            assertThat(revision.date()).contains(Timestamp.of(-86_400, "+0100"));
            assertThat(revision.committerDate()).contains(Timestamp.of(-1, "-0000"));
            assertThat(revision.rawManifest()).isEmpty();
            report = new GitfastCooker().cookAndReport(Swhid.parse("swh:1:rev:" + commit), source, out,
                    CookContext.silent());
        }
        assertThat(report.exact()).isTrue();
        GitFixture imported = GitFixture.initBare(tmp.resolve("imported"));
        imported.run(new GZIPInputStream(new ByteArrayInputStream(out.toByteArray())).readAllBytes(), "fast-import",
                "--quiet");
        assertThat(imported.revParse("refs/heads/master")).isEqualTo(commit);
    }
}
