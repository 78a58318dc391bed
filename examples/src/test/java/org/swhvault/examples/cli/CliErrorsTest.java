package org.swhvault.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.swhvault.testing.git.IsolatedGit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's one rule for errors, over every option of every command: a bad value is a usage error
 * (exit 2) that names the option and says what is allowed; a failure while running is one sentence (exit 1);
 * neither shows a Java class name or a stack trace.
 */
class CliErrorsTest {
    @TempDir
    static Path home;
    static String repo;
    static String dir;
    static String rev;

    @BeforeAll
    static void repository() throws IOException {
        IsolatedGit git = IsolatedGit.in(home);
        Path r = home.resolve("repo");
        Files.createDirectories(r);
        Files.writeString(r.resolve("README"), "hello\n");
        git.run("init", "-q", r.toString());
        git.run("-C", r.toString(), "add", "-A");
        git.run("-C", r.toString(), "commit", "-q", "-m", "first");
        repo = r.toString();
        dir = "swh:1:dir:" + git.run("-C", repo, "rev-parse", "HEAD^{tree}");
        rev = "swh:1:rev:" + git.run("-C", repo, "rev-parse", "HEAD");
    }

    static Stream<Arguments> badValues() {
        String out = home.resolve("out.tar.gz").toString();
        return Stream.of(
                usage("--max-size", "cook", "--repo", repo, "--max-size", "-5", dir, out),
                usage("--max-size", "cook", "--repo", repo, "--max-size", "lots", dir, out),
                usage("--bundle-type", "cook", "--repo", repo, "--bundle-type", "zip", dir, out),
                usage("--bundle-type", "cook", "--repo", repo, "--bundle-type", "gitfast", dir, out),
                usage("--bundle-type", "cook", "--repo", repo, "--bundle-type", "flat",
                        "swh:1:snp:0000000000000000000000000000000000000000", out),
                usage("--bundle-type", "cook", "--repo", repo, rev, out),
                usage("SWHID", "cook", "--repo", repo, "swh:1:dir:XYZ", out),
                usage("OUTFILE", "cook", "--repo", repo, dir, home.toString()),
                usage("OUTFILE", "cook", "--repo", repo, dir, home.resolve("missing/out.tar.gz").toString()),
                usage("--repo", "cook", dir, out),
                usage("--storage", "cook", dir, out),
                usage("--storage", "cook", "--repo", repo, "--storage", "postgresql://u@localhost/swh", dir, out),
                usage("--storage", "cook", "--storage", "ftp://archive.example.org", dir, out),
                usage("--objstorage", "cook", "--storage", "postgresql://u@localhost:1/swh", dir, out),
                usage("--objstorage", "cook", "--storage", "postgresql://u@localhost:1/swh", "--objstorage", "bogus:x",
                        dir, out),
                usage("--objstorage", "serve", "--storage", "postgresql://u@localhost:1/swh", "--objstorage",
                        "pathslicing:root=/srv/objects,slicing", "--port", "0"),
                usage("--objstorage", "cook", "--repo", repo, "--objstorage", "pathslicing:/tmp", dir, out),
                usage("--objstorage", "serve", "--repo", repo, "--objstorage", "pathslicing:/tmp"),
                usage("--storage", "serve", "--storage", "mysql://u@localhost/swh"),
                usage("--type", "identify", "--type", "blob", repo),
                usage("--jobs", "identify", "--jobs", "0", repo),
                usage("--jobs", "identify", "--jobs", "many", repo),
                usage("--verify", "identify", "--verify", "swh:1:cnt:nothex", repo),
                usage("--frobnicate", "swhid", "--frobnicate"),
                usage("--port", "serve", "--repo", repo, "--port", "99999"),
                usage("--port", "serve", "--repo", repo, "--port", "-1"),
                usage("--port", "serve", "--repo", repo, "--port", "http"),
                usage("--threads", "serve", "--repo", repo, "--threads", "0"),
                usage("--max-concurrent-cooks", "serve", "--repo", repo, "--max-concurrent-cooks", "0"),
                usage("--max-bundle-size", "serve", "--repo", repo, "--max-bundle-size", "-1"),
                usage("--mirror-of", "serve", "--repo", repo, "--mirror-of", "notaurl"),
                usage("--mirror-of", "serve", "--repo", repo, "--mirror-of", "ftp://archive.example.org"),
                usage("--rate-limit", "serve", "--repo", repo, "--rate-limit", "60"),
                usage("--cook-rate-limit", "serve", "--repo", repo, "--cook-rate-limit", "0/min"),
                usage("--store", "serve", "--repo", repo, "--store", "/proc/nope"),
                usage("--state", "serve", "--repo", repo, "--store", home.resolve("store").toString(),
                        "--state", "/proc/nope"),
                usage("--store", "serve", "--repo", repo, "--store", "s3://bucket?colour=blue"),
                usage("--store", "serve", "--repo", repo, "--store", "fs:pth=/tmp/x"),
                usage("--store", "serve", "--repo", repo, "--store", "fs:/tmp/x"),
                usage("--store", "serve", "--repo", repo, "--store", "s3:bucket=b,secretKey=hunter2"),
                usage("--store", "serve", "--repo", repo, "--store", "ceph:pool=x"),
                usage("--state", "serve", "--repo", repo, "--state", "redis://vault@db/vault"),
                usage("--state", "serve", "--repo", repo, "--state", "postgresql://vault@db:0/vault"),
                usage("--state", "serve", "--repo", repo, "--state", "postgresql://vault@db/vault?sslmode=bogus"),
                usage("--state", "serve", "--repo", repo, "--state", "postgres://vault@db/vault?foo=1"),
                usage("--storage", "cook", "--storage", "postgresql://u@localhost:1/swh?connect_timeout=x",
                        "--objstorage", "pathslicing:/tmp", dir, out),
                usage("--storage", "load", "--repo", repo, "--storage", "postgresql://u@localhost:1/swh?foo=1",
                        "--objstorage", "pathslicing:/tmp"),
                usage("--state", "serve", "--repo", repo, "--state", "memory:size=1"),
                usage("--repo", "serve"));
    }

    private static Arguments usage(String option, String... args) {
        return Arguments.of(option, List.of(args));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badValues")
    void aBadOptionValueIsAUsageErrorNamingTheOption(String option, List<String> args) {
        Cli.Result r = Cli.run(args.toArray(String[]::new));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElse("")).as(r.err()).contains(option);
        assertThat(r.err()).contains("Usage: vault").doesNotContain("Exception").doesNotContain("java.")
                .doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    static Stream<Arguments> runtimeFailures() {
        String out = home.resolve("failed.tar.gz").toString();
        return Stream.of(
                Arguments.of(List.of("cook", "--repo", home.resolve("nowhere").toString(), dir, out), "nowhere"),
                Arguments.of(List.of("cook", "--repo", repo, "swh:1:dir:" + "0".repeat(40), out), "was not found"),
                Arguments.of(List.of("cook", "--repo", repo, "--max-size", "100", "-t", "flat", rev, out),
                        "exceeds the maximum allowed size of 100 bytes; give a larger --max-size, or 0 for no limit."),
                Arguments.of(List.of("cook", "--repo", repo, "--max-size", "100", "-t", "gitfast", rev, out),
                        "exceeds the maximum allowed size of 100 bytes; give a larger --max-size, or 0 for no limit."),
                Arguments.of(List.of("cook", "--repo", repo, "--max-size", "100", "-t", "git-bare", rev, "-"),
                        "exceeds the maximum allowed size of 100 bytes; give a larger --max-size, or 0 for no limit."),
                Arguments.of(List.of("identify", home.resolve("absent").toString()), "no such file or directory"),
                Arguments.of(List.of("cook", "--repo", repo, dir, "/proc/bundle.tar.gz"),
                        "cannot write /proc/bundle.tar.gz: no new file can be created in /proc."),
                Arguments.of(List.of("serve", "--repo", home.toString(), "--store", home.resolve("s").toString(),
                        "--port", "0"), "not a git repository"),
                Arguments.of(List.of("serve", "--repo", repo, "--store", home.resolve("s").toString(), "--state",
                        "postgresql://vault:hunter2@127.0.0.1:1/vault", "--port", "0"),
                        "Cannot reach PostgreSQL at 127.0.0.1:1: Connection to 127.0.0.1:1 refused."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runtimeFailures")
    void aRuntimeFailureIsOneSentenceAndExit1(List<String> args, String says) throws IOException {
        Cli.Result r = Cli.run(args.toArray(String[]::new));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        List<String> errors = new ArrayList<>(r.err().lines().filter(l -> l.startsWith("error: ")).toList());
        assertThat(errors).as(r.err()).hasSize(1);
        assertThat(errors.get(0)).contains(says).doesNotContain("Exception").doesNotContain("java.")
                .as("the internal partial file is not the user's business").doesNotContain(".part");
        assertThat(r.err()).doesNotContain("\tat ").as("a password never shows").doesNotContain("hunter2");
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")).toList()).isEmpty();
        }
    }

    static Stream<Arguments> archiveNamedWrongly() {
        String out = home.resolve("never.tar.gz").toString();
        String both = "--repo and --storage are exclusive: give a git repository (--repo) or a Software Heritage"
                + " archive (--storage), not both.";
        String neither = "Missing the archive to read: give --repo GITDIR (a git repository) or --storage URL (a"
                + " Software Heritage archive).";
        return Stream.of(
                Arguments.of(List.of("cook", "--repo", repo, "--storage", "http://127.0.0.1:1/", dir, out), both),
                Arguments.of(List.of("cook", "--storage", "http://127.0.0.1:1/", "--repo", repo, dir, out), both),
                Arguments.of(List.of("serve", "--repo", repo, "--storage", "http://127.0.0.1:1/"), both),
                Arguments.of(List.of("cook", dir, out), neither),
                Arguments.of(List.of("cook", "--objstorage", "pathslicing:/tmp", dir, out), neither),
                Arguments.of(List.of("serve"), neither),
                Arguments.of(List.of("cook", "--repo", repo, "--repo", repo, dir, out),
                        "option '--repo' (GITDIR) should be specified only once"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("archiveNamedWrongly")
    void theArchiveNamedTwiceOrNotAtAllIsAUsageErrorInASentence(List<String> args, String says) {
        Cli.Result r = Cli.run(args.toArray(String[]::new));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElse("")).as(r.err()).isEqualTo(says);
        assertThat(r.err()).contains("Usage: vault").doesNotContain("expected only one match");
        assertThat(home.resolve("never.tar.gz")).doesNotExist();
    }

    @Test
    void anObjectMissingFromARelativeRepositoryNamesItsAbsolutePath() throws Exception {
        Process cook = new ProcessBuilder(Cli.childJvm("cook", "--repo", ".", "swh:1:dir:" + "0".repeat(40),
                home.resolve("absent.tar.gz").toString())).directory(Path.of(repo).toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(cook.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(cook.waitFor()).as(err).isEqualTo(1);
        assertThat(err).isEqualTo("error: swh:1:dir:" + "0".repeat(40) + " was not found in "
                + Path.of(repo).toRealPath() + ".\n");
    }
}
