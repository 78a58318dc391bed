package org.swhvault.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.testing.git.IsolatedGit;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifyCommandTest {
    private static final String EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    @TempDir
    Path tmp;

    private IsolatedGit git;

    @BeforeEach
    void setUp() throws IOException {
        git = IsolatedGit.in(tmp.resolve("home"));
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private String blob(String text) {
        return git.hashObject(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void filesAndDirectoriesPrintSwhidTabArgumentLikeGit() throws IOException {
        Path dir = tmp.resolve("tree");
        write(dir.resolve("README"), "read me\n");
        Path run = write(dir.resolve("bin/run me.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        write(dir.resolve("tab\tname"), "t\n");
        write(dir.resolve("a.txt"), "a\n");
        write(dir.resolve("a/b"), "b\n");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("bin"));
        String file = dir.resolve("README").toString();

        Cli.Result r = Cli.run("identify", file, dir.toString());

        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("swh:1:cnt:" + blob("read me\n") + "\t" + file + "\n"
                + "swh:1:dir:" + git.writeTree(dir) + "\t" + dir + "\n");
    }

    @Test
    void emptyDirectoriesAreKeptUnlikeGitAdd() throws IOException {
        Path dir = tmp.resolve("tree");
        write(dir.resolve("f"), "f\n");
        Files.createDirectories(dir.resolve("empty"));
        String expected = git.mktree("100644 blob " + blob("f\n") + "\tf", "040000 tree " + EMPTY_TREE + "\tempty");

        assertThat(Cli.run("identify", "--no-filename", dir.toString()).out()).isEqualTo("swh:1:dir:" + expected + "\n");
        assertThat(Cli.run("identify", "-t", "directory", "--no-filename", dir.resolve("empty").toString()).out())
                .isEqualTo("swh:1:dir:" + EMPTY_TREE + "\n");
    }

    @Test
    void excludeLeavesOutMatchingDirectories() throws IOException {
        Path dir = tmp.resolve("tree");
        write(dir.resolve("f"), "f\n");
        write(dir.resolve(".git/HEAD"), "h\n");
        write(dir.resolve("sub/.git/HEAD"), "h\n");
        write(dir.resolve("sub/g"), "g\n");
        String sub = git.mktree("100644 blob " + blob("g\n") + "\tg");
        String expected = git.mktree("100644 blob " + blob("f\n") + "\tf", "040000 tree " + sub + "\tsub");

        assertThat(Cli.run("identify", "-x", "*.git", "--no-filename", dir.toString()).out())
                .isEqualTo("swh:1:dir:" + expected + "\n");
    }

    @Test
    void symlinkArgumentIsDereferencedUnlessAskedNotTo() throws IOException {
        write(tmp.resolve("target.txt"), "target\n");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), Path.of("target.txt"));

        assertThat(Cli.run("identify", "--no-filename", link.toString()).out())
                .isEqualTo("swh:1:cnt:" + blob("target\n") + "\n");
        assertThat(Cli.run("identify", "--no-dereference", "--no-filename", link.toString()).out())
                .isEqualTo("swh:1:cnt:" + blob("target.txt") + "\n");
    }

    @Test
    void dashReadsAContentFromStandardInput() {
        Cli.Result r = Cli.runWithInput("from stdin\n", "identify", "-");
        assertThat(r.out()).isEqualTo("swh:1:cnt:" + blob("from stdin\n") + "\t-\n");
        assertThat(r.exitCode()).isZero();

        Cli.Result asDirectory = Cli.runWithInput("x", "identify", "--type", "directory", "-");
        assertThat(asDirectory.exitCode()).isEqualTo(1);
        assertThat(asDirectory.err()).isEqualTo("error: -: standard input can only be identified as a content\n");
    }

    @Test
    void originIsTheSha1OfTheUrl() {
        String url = "https://github.com/torvalds/linux";
        String expected = "swh:1:ori:b63a575fe3faab7692c9f38fb09d4bb45651bb0f\t" + url + "\n";

        assertThat(Cli.run("identify", "--type", "origin", url).out()).isEqualTo(expected);
        assertThat(Cli.run("identify", url).out()).as("auto detects URLs that are not files").isEqualTo(expected);
    }

    @Test
    void missingFileIsReportedAndTheOtherArgumentsStillProcessed() throws IOException {
        Path file = write(tmp.resolve("present"), "here\n");
        String missing = tmp.resolve("absent").toString();

        Cli.Result r = Cli.run("identify", missing, file.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: " + missing + ": no such file or directory\n");
        assertThat(r.out()).isEqualTo("swh:1:cnt:" + blob("here\n") + "\t" + file + "\n");
    }

    @Test
    void wrongKindOfArgumentIsAnError() throws IOException {
        Path file = write(tmp.resolve("f"), "x");
        Cli.Result r = Cli.run("identify", "--type", "directory", file.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: " + file + ": not a directory\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void verifyExitsZeroOnMatchAndOneOnMismatch() throws IOException {
        Path file = write(tmp.resolve("f"), "verify me\n");
        String good = "swh:1:cnt:" + blob("verify me\n");
        String bad = "swh:1:cnt:" + blob("something else\n");

        Cli.Result match = Cli.run("identify", "--verify", good, file.toString());
        assertThat(match.exitCode()).isZero();
        assertThat(match.out()).isEqualTo("SWHID match: " + good + "\n");

        Cli.Result mismatch = Cli.run("identify", "-v", bad, file.toString());
        assertThat(mismatch.exitCode()).isEqualTo(1);
        assertThat(mismatch.out()).isEqualTo("SWHID mismatch: " + bad + " != " + good + "\n");
    }

    @Test
    void usageErrorsExitTwoWithAMessageOnStandardError() throws IOException {
        Path file = write(tmp.resolve("f"), "x");
        String[][] cases = {
            {"identify"},
            {"identify", "--type", "blob", file.toString()},
            {"identify", "--bogus", file.toString()},
            {"identify", "--verify", "swh:1:cnt:" + "0".repeat(40), file.toString(), file.toString()},
            {"identify", "--jobs", "0", file.toString()},
            {"identify", "--exclude", "[z-a]", file.toString()},
        };
        for (String[] args : cases) {
            Cli.Result r = Cli.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.out()).as(String.join(" ", args)).isEmpty();
            assertThat(r.err()).as(String.join(" ", args)).contains("Usage: vault identify");
        }
        assertThat(Cli.run("identify", "--type", "blob", file.toString()).err())
                .startsWith("Invalid value for option '--type': expected one of auto, content, directory,"
                        + " snapshot, origin but was 'blob'");
    }

    @Test
    void helpDescribesTheOptions() {
        Cli.Result r = Cli.run("identify", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: vault identify", "--type=TYPE", "auto, content, directory, snapshot,",
                "--no-dereference", "--no-filename", "--exclude=PATTERN", "--verify=SWHID", "Exit status:");
    }
}
