package org.swhvault.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.testing.git.IsolatedGit;
import org.swhvault.testing.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vault load} writes a git repository into a swh-storage database and a pathslicing objstorage, and
 * {@code vault cook --storage … --objstorage …} cooks from it the bytes {@code vault cook --repo} cooks.
 */
class ArchiveCliTest {
    @TempDir
    static Path home;
    static TestPostgres postgres;
    static Path repo;
    static String tree;
    static String commit;
    static String url;
    static Path objects;

    @BeforeAll
    static void archive() throws IOException {
        IsolatedGit git = IsolatedGit.in(home);
        repo = home.resolve("repo");
        Files.createDirectories(repo.resolve("src"));
        Files.writeString(repo.resolve("README"), "hello\n");
        Files.writeString(repo.resolve("src/main.c"), "int main(void) { return 0; }\n");
        git.run("init", "-q", "-b", "main", repo.toString());
        git.run("-C", repo.toString(), "add", "-A");
        git.run("-C", repo.toString(), "commit", "-q", "-m", "first");
        Files.writeString(repo.resolve("README"), "hello again\n");
        git.run("-C", repo.toString(), "commit", "-q", "-am", "second");
        tree = git.run("-C", repo.toString(), "rev-parse", "HEAD^{tree}");
        commit = git.run("-C", repo.toString(), "rev-parse", "HEAD");
        postgres = TestPostgres.start();
        postgres.createDatabase("swh", "pw");
        url = "postgresql://swh:pw@127.0.0.1:" + postgres.port() + "/swh";
        objects = Files.createDirectories(home.resolve("objects"));
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void aLoadedRepositoryCooksTheSameBundlesFromTheArchive() throws IOException {
        Cli.Result load = Cli.run("load", "--repo", repo.toString(), "--storage", url, "--objstorage",
                "pathslicing:" + objects, "--origin", "https://example.org/repo", "--create-schema", "mirror");
        assertThat(load.exitCode()).as(load.err()).isZero();
        assertThat(load.err()).contains("vault: loaded swh:1:snp:").contains("3 contents written")
                .contains("2 revisions written").contains("3 directories written");

        for (String[] object : new String[][] {{"flat", "swh:1:dir:" + tree}, {"gitfast", "swh:1:rev:" + commit},
                {"flat", "swh:1:rev:" + commit}}) {
            Path fromGit = home.resolve("git-" + object[0] + ".bundle");
            Path fromArchive = home.resolve("archive-" + object[0] + ".bundle");
            Cli.Result a = Cli.run("cook", "-q", "--repo", repo.toString(), "-t", object[0], object[1],
                    fromGit.toString());
            Cli.Result b = Cli.run("cook", "-q", "--storage", url, "--objstorage", "pathslicing:" + objects,
                    "-t", object[0], object[1], fromArchive.toString());
            assertThat(a.exitCode()).as(a.err()).isZero();
            assertThat(b.exitCode()).as(b.err()).isZero();
            assertThat(Files.readAllBytes(fromArchive)).as(object[0] + " " + object[1])
                    .isEqualTo(Files.readAllBytes(fromGit));
        }

        Cli.Result again = Cli.run("load", "-q", "--repo", repo.toString(), "--storage", url, "--objstorage",
                "pathslicing:" + objects);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("0 contents written").contains("0 revisions written (1 already there)")
                .contains("0 snapshots written (1 already there)");

        Cli.Result missing = Cli.run("cook", "-q", "--storage", url, "--objstorage", "pathslicing:" + objects,
                "swh:1:dir:" + "00".repeat(20), home.resolve("none.tar.gz").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).startsWith("error: swh:1:dir:" + "00".repeat(20) + " was not found in "
                + "postgresql://swh:***@");
    }

    /** The README's load command, with --create-schema, run again to load new commits. */
    @Test
    void theLoadCommandWithCreateSchemaRunsAgainAndKeepsTheSchema() {
        postgres.createDatabase("again", "pw");
        String again = "postgresql://again:pw@127.0.0.1:" + postgres.port() + "/again";
        String[] load = {"load", "-q", "--repo", repo.toString(), "--storage", again, "--objstorage",
            "pathslicing:" + objects, "--create-schema", "mirror"};
        Cli.Result first = Cli.run(load);
        Cli.Result second = Cli.run(load);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.err()).contains("already holds swh-storage's schema; --create-schema left it as it is")
                .contains("0 revisions written (1 already there)");
        assertThat(postgres.psql("again", "SELECT count(*) FROM revision").strip()).isEqualTo("2");
    }

    /** A mirror whose objstorage has not received a file's bytes yet: no bundle with a hole, unless asked. */
    @Test
    void aContentWhoseBytesHaveNotArrivedFailsTheCookUnlessPlaceholdersAreAskedFor() throws Exception {
        postgres.createDatabase("lag", "pw");
        String lag = "postgresql://lag:pw@127.0.0.1:" + postgres.port() + "/lag";
        Cli.Result load = Cli.run("load", "-q", "--repo", repo.toString(), "--storage", lag, "--objstorage",
                "pathslicing:" + objects, "--create-schema", "mirror");
        assertThat(load.exitCode()).as(load.err()).isZero();
        byte[] main = "int main(void) { return 0; }\n".getBytes(StandardCharsets.UTF_8);
        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(main));
        String blob = IsolatedGit.in(home).run("-C", repo.toString(), "rev-parse", "HEAD:src/main.c");
        Path stored = objects.resolve(sha1.substring(0, 2)).resolve(sha1.substring(2, 4)).resolve(sha1);
        Path aside = home.resolve("aside-" + sha1);
        Path out = home.resolve("lag.tar.gz");
        Files.move(stored, aside);
        try {
            Cli.Result strict = Cli.run("cook", "-q", "--storage", lag, "--objstorage", "pathslicing:" + objects,
                    "swh:1:dir:" + tree, out.toString());
            assertThat(strict.exitCode()).isEqualTo(1);
            assertThat(strict.err()).startsWith("error: The bytes of swh:1:cnt:" + blob + " are not yet available on"
                    + " this mirror: try again once it is replicated, or give --placeholders to write the reference's"
                    + " placeholder text for it.");
            assertThat(out).doesNotExist();

            Cli.Result lenient = Cli.run("cook", "-q", "--placeholders", "--storage", lag, "--objstorage",
                    "pathslicing:" + objects, "swh:1:dir:" + tree, out.toString());
            assertThat(lenient.exitCode()).as(lenient.err()).isZero();
            String mainC = new String(new ProcessBuilder("tar", "-xzOf", out.toString(), "swh:1:dir:" + tree
                    + "/src/main.c").start().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(mainC).startsWith("This content has not been retrieved");
        } finally {
            Files.move(aside, stored);
        }
        Path fromGit = home.resolve("lag-git.tar.gz");
        Cli.Result a = Cli.run("cook", "-q", "--repo", repo.toString(), "swh:1:dir:" + tree, fromGit.toString());
        Cli.Result b = Cli.run("cook", "-q", "--storage", lag, "--objstorage", "pathslicing:" + objects,
                "swh:1:dir:" + tree, home.resolve("lag-again.tar.gz").toString());
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(Files.readAllBytes(home.resolve("lag-again.tar.gz"))).isEqualTo(Files.readAllBytes(fromGit));
    }
}
