package org.swhvault.examples.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.swhvault.testing.PseudoRandomBytes;
import org.swhvault.testing.git.GeneratedTrees;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.IsolatedGit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vault cook} in its own JVM, as a user runs it: interrupted by a signal it removes its partial file
 * and says so, it creates files with the permissions the umask gives, and a reader that closes the pipe ends
 * it quietly.
 */
class CookProcessTest {
    @TempDir
    static Path home;
    static Path repo;
    static String tree;

    /** 64 MiB of incompressible files: long enough a cook to be interrupted in the middle. */
    @BeforeAll
    static void repository() throws IOException {
        IsolatedGit git = IsolatedGit.in(home);
        repo = home.resolve("repo");
        Files.createDirectories(repo);
        for (int i = 0; i < 64; i++) {
            try (OutputStream out = Files.newOutputStream(repo.resolve("blob" + i))) {
                new PseudoRandomBytes(i, 1 << 20).writeTo(out);
            }
        }
        git.run("init", "-q", repo.toString());
        git.run("-C", repo.toString(), "add", "-A");
        git.run("-C", repo.toString(), "commit", "-q", "-m", "random");
        tree = git.run("-C", repo.toString(), "rev-parse", "HEAD^{tree}");
    }

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void aSignalMidCookRemovesThePartialFileAndSaysSo(String signal, int status) throws Exception {
        Path dir = Files.createDirectories(home.resolve("signal-" + signal));
        Path out = dir.resolve("bundle.tar.gz");
        Process cook = new ProcessBuilder(vault("cook", "--repo", repo.toString(), "swh:1:dir:" + tree,
                out.toString())).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (partFiles(dir).isEmpty() || Files.size(partFiles(dir).get(0)) < 1 << 20) {
            assertThat(cook.isAlive()).as("the cook ended before it could be interrupted").isTrue();
            assertThat(System.nanoTime()).as("a partial file appears").isLessThan(deadline);
            Thread.sleep(5);
        }
        new ProcessBuilder("kill", "-" + signal, Long.toString(cook.pid())).start().waitFor();

        assertThat(cook.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String err = new String(cook.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cook.exitValue()).as(err).isEqualTo(status);
        assertThat(err).contains("vault: interrupted; removed the partial bundle").doesNotContain("Exception");
        assertThat(partFiles(dir)).isEmpty();
        assertThat(out).doesNotExist();
    }

    @ParameterizedTest(name = "umask {0}")
    @CsvSource({"022, rw-r--r--", "002, rw-rw-r--", "077, rw-------"})
    void theBundleGetsThePermissionsTheUmaskGivesANewFile(String umask, String permissions) throws Exception {
        Path out = home.resolve("umask-" + umask + ".tar.gz");
        List<String> command = new ArrayList<>(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
        command.addAll(vault("cook", "-q", "--repo", repo.toString(), "swh:1:dir:" + tree, out.toString()));
        Process cook = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(cook.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(cook.waitFor()).as(output).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo(permissions);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"head -c 1", "true"})
    void aReaderThatClosesThePipeEndsTheCookQuietly(String reader) throws Exception {
        Path err = home.resolve("pipe-" + reader.replace(' ', '_') + ".err");
        List<String> cook = vault("cook", "-q", "--repo", repo.toString(), "swh:1:dir:" + tree, "-");
        String script = String.join(" ", cook.stream().map(a -> "'" + a + "'").toList()) + " 2>'" + err + "' | "
                + reader + " >/dev/null; echo \"${PIPESTATUS[0]}\"";
        Process pipe = new ProcessBuilder("bash", "-c", script).start();
        String status = new String(pipe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(pipe.waitFor()).isZero();

        assertThat(Files.readString(err)).isEmpty();
        assertThat(status).isEqualTo("141");
    }

    @Test
    void runningOutOfMemorySaysWhichOptionGivesMoreAndLeavesNothing() throws Exception {
        GitFixture wide = GitFixture.initBare(home.resolve("wide.git"));
        String tree = GeneratedTrees.wideTree(wide, 300_000);
        Path dir = Files.createDirectories(home.resolve("oom"));
        List<String> command = vault("cook", "-q", "--repo", wide.dir().toString(), "swh:1:dir:" + tree,
                dir.resolve("wide.tar.gz").toString());
        command.add(1, "-Xmx12m");
        Process cook = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(cook.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(cook.waitFor()).as(err).isEqualTo(1);
        assertThat(err.lines().toList()).as(err).hasSize(1);
        assertThat(err).startsWith("error: the Java heap (").contains("VAULT_JAVA_OPTS=-Xmx")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(partFiles(dir)).isEmpty();
    }

    private static List<String> vault(String... args) {
        return Cli.childJvm(args);
    }

    private static List<Path> partFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }
}
