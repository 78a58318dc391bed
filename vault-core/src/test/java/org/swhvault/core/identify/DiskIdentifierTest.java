package org.swhvault.core.identify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.testing.git.IsolatedGit;
import org.swhvault.testing.process.Processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiskIdentifierTest {
    private static final String EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    @TempDir
    Path tmp;

    private IsolatedGit git() {
        return IsolatedGit.in(tmp.resolve("git-home"));
    }

    private Path tree() throws IOException {
        return Files.createDirectories(tmp.resolve("tree"));
    }

    private static void write(Path file, String text, String perms) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    }

    @Test
    void contentIdEqualsGitHashObjectAcrossBufferBoundaries() throws IOException {
        IsolatedGit git = git();
        Random random = new Random(42);
        DiskIdentifier identifier = DiskIdentifier.create();
        int b = BlobHasher.BUFFER_SIZE;
        for (int size : new int[] {0, 1, 5, b - 1, b, b + 1, 3 * b + 7}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            Path file = tmp.resolve("file-" + size);
            Files.write(file, data);
            assertThat(identifier.content(file).toString())
                    .as("size %d", size)
                    .isEqualTo("swh:1:cnt:" + git.hashObject(data));
            assertThat(identifier.identify(file)).isEqualTo(identifier.content(file));
        }
    }

    @Test
    void topLevelSymlinkIsFollowedByDefaultAndHashedAsItsTargetOtherwise() throws IOException {
        IsolatedGit git = git();
        Path file = tmp.resolve("real.txt");
        Files.writeString(file, "hello\n");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), Path.of("real.txt"));

        assertThat(DiskIdentifier.create().identify(link).toString())
                .isEqualTo("swh:1:cnt:" + git.hashObject("hello\n".getBytes(StandardCharsets.UTF_8)));
        DiskIdentifier noDereference = DiskIdentifier.builder().dereference(false).build();
        String linkItself = "swh:1:cnt:" + git.hashObject("real.txt".getBytes(StandardCharsets.UTF_8));
        assertThat(noDereference.identify(link).toString()).isEqualTo(linkItself);
        assertThat(noDereference.content(link).toString()).isEqualTo(linkItself);
    }

    @Test
    void topLevelSymlinkToDirectoryIsWalkedWhenDereferenced() throws IOException {
        IsolatedGit git = git();
        Path dir = tree();
        write(dir.resolve("a.txt"), "a\n", "rw-r--r--");
        Path link = Files.createSymbolicLink(tmp.resolve("dirlink"), dir);

        assertThat(DiskIdentifier.create().identify(link).toString())
                .isEqualTo("swh:1:dir:" + git.writeTree(dir));
        assertThat(DiskIdentifier.builder().dereference(false).build().identify(link).toString())
                .isEqualTo("swh:1:cnt:" + git.hashObject(dir.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void specialFilesAreEmptyContents() throws Exception {
        Path fifo = tmp.resolve("fifo");
        assertThat(Processes.command("mkfifo", fifo.toString()).attempt().exitCode()).isZero();
        DiskIdentifier identifier = DiskIdentifier.create();

        assertThat(identifier.identify(fifo).toString())
                .isEqualTo("swh:1:cnt:e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");

        Path dir = tree();
        Files.move(fifo, dir.resolve("fifo"));
        assertThat(identifier.directory(dir).toString()).isEqualTo("swh:1:dir:"
                + git().mktree("100644 blob e69de29bb2d1d6434b8b29ae775ad8c2e48c5391\tfifo"));
    }

    @Test
    void treeIdEqualsGitWriteTree() throws IOException {
        Path dir = tree();
        write(dir.resolve("README"), "read me\n", "rw-r--r--");
        write(dir.resolve("run.sh"), "#!/bin/sh\necho hi\n", "rwxr-xr-x");
        write(dir.resolve("owner-only-x"), "x\n", "rwx------");
        write(dir.resolve("with space.txt"), "space\n", "rw-r--r--");
        write(dir.resolve("tab\there"), "tab\n", "rw-r--r--");
        write(dir.resolve("new\nline"), "newline\n", "rw-r--r--");
        // names that a wrong sort order (signed, or without the '/' rule for trees) gets wrong
        write(dir.resolve("a-b"), "1\n", "rw-r--r--");
        write(dir.resolve("a.txt"), "2\n", "rw-r--r--");
        write(dir.resolve("a/inner.txt"), "3\n", "rw-r--r--");
        write(dir.resolve("a0"), "4\n", "rw-r--r--");
        write(dir.resolve("nested/deeper/deepest/file"), "deep\n", "rw-r--r--");
        Files.createSymbolicLink(dir.resolve("link-to-file"), Path.of("README"));
        Files.createSymbolicLink(dir.resolve("link-to-dir"), Path.of("nested"));
        Files.createSymbolicLink(dir.resolve("dangling"), Path.of("does/not/exist"));
        Files.createSymbolicLink(dir.resolve("nested/up"), Path.of(".."));

        assertThat(DiskIdentifier.create().directory(dir).toString())
                .isEqualTo("swh:1:dir:" + git().writeTree(dir));
    }

    @Test
    void anyExecuteBitMakesAnExecutableUnlikeGitWhichOnlyLooksAtTheOwner() throws IOException {
        IsolatedGit git = git();
        Path dir = tree();
        write(dir.resolve("group-x"), "g\n", "rw-r-xr--");
        write(dir.resolve("other-x"), "o\n", "rw-r--r-x");
        String g = git.hashObject("g\n".getBytes(StandardCharsets.UTF_8));
        String o = git.hashObject("o\n".getBytes(StandardCharsets.UTF_8));

        assertThat(DiskIdentifier.create().directory(dir).toString()).isEqualTo("swh:1:dir:"
                + git.mktree("100755 blob " + g + "\tgroup-x", "100755 blob " + o + "\tother-x"));
    }

    @Test
    void emptyDirectoriesAreKeptAsTheEmptyTree() throws IOException {
        IsolatedGit git = git();
        Path dir = tree();
        write(dir.resolve("file"), "f\n", "rw-r--r--");
        Files.createDirectories(dir.resolve("empty"));
        Files.createDirectories(dir.resolve("sub/empty-too"));
        String blob = git.hashObject("f\n".getBytes(StandardCharsets.UTF_8));
        String sub = git.mktree("040000 tree " + EMPTY_TREE + "\tempty-too");
        String root = git.mktree("100644 blob " + blob + "\tfile", "040000 tree " + EMPTY_TREE + "\tempty",
                "040000 tree " + sub + "\tsub");

        assertThat(DiskIdentifier.create().directory(dir).toString()).isEqualTo("swh:1:dir:" + root);
        assertThat(DiskIdentifier.create().directory(dir.resolve("empty")).toString())
                .isEqualTo("swh:1:dir:" + EMPTY_TREE);
    }

    @Test
    void nothingIsSkippedByDefaultNotEvenDotGit() throws IOException {
        IsolatedGit git = git();
        Path dir = tree();
        write(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n", "rw-r--r--");
        String head = git.hashObject("ref: refs/heads/main\n".getBytes(StandardCharsets.UTF_8));
        String dotGit = git.mktree("100644 blob " + head + "\tHEAD");

        assertThat(DiskIdentifier.create().directory(dir).toString())
                .isEqualTo("swh:1:dir:" + git.mktree("040000 tree " + dotGit + "\t.git"));
    }

    @Test
    void exclusionPatternsLeaveOutMatchingDirectoriesOnly() throws IOException {
        Path dir = tree();
        write(dir.resolve("kept.txt"), "k\n", "rw-r--r--");
        write(dir.resolve("x.git"), "a file, not excluded\n", "rw-r--r--");
        write(dir.resolve(".git/HEAD"), "h\n", "rw-r--r--");
        write(dir.resolve("deep/er/.git/HEAD"), "h\n", "rw-r--r--");
        write(dir.resolve("deep/er/file"), "f\n", "rw-r--r--");
        write(dir.resolve("build/out"), "o\n", "rw-r--r--");
        write(dir.resolve("src/build/keep"), "b\n", "rw-r--r--");
        Path expected = Files.createDirectories(tmp.resolve("expected"));
        write(expected.resolve("kept.txt"), "k\n", "rw-r--r--");
        write(expected.resolve("x.git"), "a file, not excluded\n", "rw-r--r--");
        write(expected.resolve("deep/er/file"), "f\n", "rw-r--r--");
        write(expected.resolve("src/build/keep"), "b\n", "rw-r--r--");

        DiskIdentifier identifier = DiskIdentifier.builder().exclude("*.git", "build").build();
        assertThat(identifier.directory(dir).toString()).isEqualTo("swh:1:dir:" + git().writeTree(expected));
    }

    @Test
    void resultDoesNotDependOnParallelismOrExecutor() throws IOException {
        Path dir = tree();
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] data = new byte[random.nextInt(4 * BlobHasher.BUFFER_SIZE / 3)];
            random.nextBytes(data);
            Path file = dir.resolve("d" + (i % 7) + "/e" + (i % 3) + "/f" + i);
            Files.createDirectories(file.getParent());
            Files.write(file, data);
        }
        String expected = "swh:1:dir:" + git().writeTree(dir);

        assertThat(DiskIdentifier.builder().parallelism(1).build().directory(dir).toString()).isEqualTo(expected);
        assertThat(DiskIdentifier.builder().parallelism(4).build().directory(dir).toString()).isEqualTo(expected);
        assertThat(DiskIdentifier.builder().executor(Runnable::run).build().directory(dir).toString())
                .isEqualTo(expected);
        var pool = Executors.newFixedThreadPool(3);
        try {
            assertThat(DiskIdentifier.builder().executor(pool).build().directory(dir).toString())
                    .isEqualTo(expected);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void missingPathIsReportedByName() {
        Path missing = tmp.resolve("missing");
        DiskIdentifier identifier = DiskIdentifier.create();
        for (var call : new java.util.function.Consumer<?>[] {
                x -> identifier.identify(missing), x -> identifier.content(missing),
                x -> identifier.directory(missing)}) {
            assertThatThrownBy(() -> call.accept(null))
                    .isInstanceOf(VaultException.class)
                    .hasMessage(missing + ": no such file or directory")
                    .extracting(e -> ((VaultException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        }
    }

    @Test
    void danglingTopLevelSymlinkIsMissingWhenDereferenced() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("dangling"), Path.of("nowhere"));
        assertThatThrownBy(() -> DiskIdentifier.create().identify(link))
                .hasMessage(link + ": no such file or directory");
    }

    @Test
    void wrongKindOfPathIsRejected() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertThatThrownBy(() -> DiskIdentifier.create().directory(file)).hasMessage(file + ": not a directory");
        assertThatThrownBy(() -> DiskIdentifier.create().content(tmp)).hasMessageContaining("is a directory");
    }

    @Test
    void contentOfStreamEqualsGitHashObjectInMemoryAndSpilled() throws IOException {
        IsolatedGit git = git();
        for (int size : new int[] {0, 12, 8 * 1024 * 1024 + 10}) {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            assertThat(DiskIdentifier.create().content(new ByteArrayInputStream(data)).toString())
                    .isEqualTo("swh:1:cnt:" + git.hashObject(data));
        }
    }

    @Test
    void namesThatAreNotValidInThePlatformCharsetFailWithThePathUnlessRawBytesAreReadable() throws Exception {
        Path dir = tree();
        write(dir.resolve("a/ok"), "ok\n", "rw-r--r--");
        Files.createDirectories(dir.resolve("b"));
        Files.createDirectories(dir.resolve("c"));
        Processes.run(dir.resolve("b"), "sh", "-c", "printf x > \"$(printf 'bad\\377name')\"");
        Processes.run(dir.resolve("c"), "sh", "-c", "printf x > \"$(printf 'worse\\376name')\"");

        if (FileNames.rawAccess()) {
            assertThat(DiskIdentifier.create().directory(dir).toString())
                    .isEqualTo("swh:1:dir:" + git().writeTree(dir));
        } else {
            // several bad names in different directories: always the first in name order is reported
            for (int threads = 1; threads <= 3; threads++) {
                DiskIdentifier identifier = DiskIdentifier.builder().parallelism(threads).build();
                assertThatThrownBy(() -> identifier.directory(dir))
                        .isInstanceOf(VaultException.class)
                        .hasMessageStartingWith(dir.resolve("b") + "/bad")
                        .hasMessageContaining("--add-opens java.base/sun.nio.fs=ALL-UNNAMED");
            }
        }
    }
}
