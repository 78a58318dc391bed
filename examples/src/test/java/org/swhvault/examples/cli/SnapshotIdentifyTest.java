package org.swhvault.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.testing.git.IsolatedGit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vault identify --type snapshot}: the expected id is computed independently, by git itself, from
 * a snapshot manifest built from {@code git for-each-ref} and {@code HEAD}
 * ({@code git hash-object --literally -t snapshot}).
 */
class SnapshotIdentifyTest {
    @TempDir
    Path tmp;

    private IsolatedGit git;
    private Path repo;
    private String expectedBeforeDetach;

    @BeforeEach
    void setUp() throws IOException {
        git = IsolatedGit.in(tmp.resolve("home"));
        repo = tmp.resolve("repo");
        git.run("init", "-q", "-b", "main", repo.toString());
        Files.writeString(repo.resolve("a.txt"), "a\n");
        inRepo("add", "a.txt");
        inRepo("commit", "-q", "-m", "first");
        inRepo("tag", "v1.0");
        inRepo("tag", "-a", "-m", "annotated", "v2.0");
        inRepo("branch", "feature");
        Files.writeString(repo.resolve("b.txt"), "b\n");
        inRepo("add", "b.txt");
        inRepo("commit", "-q", "-m", "second");
        inRepo("tag", "tree-tag", "HEAD^{tree}");
        inRepo("tag", "blob-tag", "HEAD:b.txt");
        expectedBeforeDetach = expectedSnapshot();
    }

    private String inRepo(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-C";
        all[1] = repo.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return git.run(all);
    }

    /** Builds the SWH snapshot manifest of the repository's refs and lets git hash it. */
    private String expectedSnapshot() {
        List<byte[][]> branches = new ArrayList<>();
        for (String line : inRepo("for-each-ref", "--format=%(objecttype) %(objectname) %(refname)").split("\n")) {
            String[] f = line.split(" ", 3);
            String type = switch (f[0]) {
                case "commit" -> "revision";
                case "tag" -> "release";
                case "tree" -> "directory";
                case "blob" -> "content";
                default -> throw new IllegalStateException(line);
            };
            branches.add(new byte[][] {utf8(f[2]), utf8(type), HexFormat.of().parseHex(f[1])});
        }
        String head = inRepo("rev-parse", "--symbolic-full-name", "HEAD");
        if (head.equals("HEAD")) { // detached: a plain revision branch
            branches.add(new byte[][] {utf8("HEAD"), utf8("revision"),
                HexFormat.of().parseHex(inRepo("rev-parse", "HEAD"))});
        } else {
            branches.add(new byte[][] {utf8("HEAD"), utf8("alias"), utf8(head)});
        }
        branches.sort((x, y) -> Arrays.compareUnsigned(x[0], y[0]));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[][] b : branches) {
            body.writeBytes(b[1]);
            body.write(' ');
            body.writeBytes(b[0]);
            body.write(0);
            body.writeBytes(utf8(b[2].length + ":"));
            body.writeBytes(b[2]);
        }
        return "swh:1:snp:" + git.run(body.toByteArray(), "hash-object", "--literally", "-t", "snapshot", "--stdin");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void snapshotHasEveryRefAndHeadAsAnAlias() {
        String expected = expectedSnapshot();

        Cli.Result r = Cli.run("identify", "--type", "snapshot", repo.toString());

        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(expected + "\t" + repo + "\n");
    }

    @Test
    void detachedHeadIsARevisionBranch() {
        inRepo("checkout", "-q", "--detach", "v1.0");
        String expected = expectedSnapshot();
        assertThat(expected).isNotEqualTo(expectedBeforeDetach);

        Cli.Result r = Cli.run("identify", "--type", "snapshot", "--no-filename", repo.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(expected + "\n");
    }

    @Test
    void bareClonesHaveTheSameRefsAndSoTheSameSnapshotWhenHeadMatches() {
        Path bare = tmp.resolve("bare.git");
        git.run("clone", "-q", "--mirror", repo.toString(), bare.toString());

        Cli.Result fromWorkTree = Cli.run("identify", "-t", "snapshot", "--no-filename", repo.toString());
        Cli.Result fromBare = Cli.run("identify", "-t", "snapshot", "--no-filename", bare.toString());

        assertThat(fromBare.exitCode()).isZero();
        assertThat(fromBare.out()).isEqualTo(fromWorkTree.out());
    }

    @Test
    void notARepositoryIsAnErrorForThatArgument() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Cli.Result r = Cli.run("identify", "--type", "snapshot", plain.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: ").contains(plain.toString());
    }
}
