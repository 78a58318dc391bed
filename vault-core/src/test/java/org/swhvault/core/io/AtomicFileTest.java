package org.swhvault.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** {@link AtomicFile}: a file appears whole or not at all, with a new file's permissions, and nothing is left behind. */
class AtomicFileTest {
    @TempDir
    Path tmp;

    @Test
    void aCommittedFileHasItsBytesAndNoPartialFileRemains() throws IOException {
        Path target = tmp.resolve("bundle.tar.gz");
        try (AtomicFile file = AtomicFile.create(target, 0)) {
            file.stream().write(bytes("hello"));
            assertThat(target).doesNotExist();
            assertThat(partFiles()).singleElement().satisfies(p -> assertThat(p.getFileName().toString())
                    .matches("\\.bundle\\.tar\\.gz\\.[0-9a-f]+\\.part"));
            file.commit();
            assertThat(file.isCommitted()).isTrue();
            assertThat(file.size()).isEqualTo(5);
        }
        assertThat(target).hasContent("hello");
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void closingWithoutCommitDeletesThePartialFileAndKeepsTheOldTarget() throws IOException {
        Path target = Files.writeString(tmp.resolve("bundle"), "old");
        try (AtomicFile file = AtomicFile.create(target, 0)) {
            file.stream().write(bytes("new, but never committed"));
            file.stream().flush();
        }
        assertThat(target).hasContent("old");
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void aCommitReplacesAnExistingFile() throws IOException {
        Path target = Files.writeString(tmp.resolve("bundle"), "old");
        try (AtomicFile file = AtomicFile.create(target, 0)) {
            file.stream().write(bytes("new"));
            file.commit();
        }
        assertThat(target).hasContent("new");
    }

    @Test
    void anAbandonedFileCannotBeCommittedAndACommittedOneIsNotAbandoned() throws IOException {
        Path target = tmp.resolve("bundle");
        AtomicFile abandoned = AtomicFile.create(target, 0);
        assertThat(abandoned.abandon()).isTrue();
        assertThat(abandoned.abandon()).isFalse();
        assertThatThrownBy(abandoned::commit).isInstanceOf(IOException.class);
        assertThat(target).doesNotExist();

        try (AtomicFile file = AtomicFile.create(target, 0)) {
            file.commit();
            assertThat(file.abandon()).isFalse();
        }
        assertThat(target).exists();
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void theSizeLimitStopsTheBytesAsTheyGrow() throws IOException {
        Path target = tmp.resolve("bundle");
        try (AtomicFile file = AtomicFile.create(target, 10)) {
            file.stream().write(new byte[10]);
            assertThatThrownBy(() -> file.stream().write(1)).isInstanceOfSatisfying(VaultException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.BUNDLE_TOO_LARGE))
                    .hasMessageContaining("10 bytes");
        }
        assertThat(target).doesNotExist();
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void aDirectoryAsTargetIsRefusedNamingThePathAsGiven() {
        Path target = tmp.resolve("dir");
        assertThatThrownBy(() -> AtomicFile.create(mkdir(target), 0)).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage(target + " is a directory; give the path of a file.");
    }

    /** As root, a rename over /dev/null would replace the device with a plain file: a named pipe stands for it. */
    @Test
    void aTargetThatIsNotARegularFileIsRefusedAndLeftAsItWas() throws Exception {
        Path fifo = tmp.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThatThrownBy(() -> AtomicFile.create(fifo, 0)).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage(fifo + " is not a regular file (a device, a pipe or a socket): it cannot be replaced by a"
                        + " complete file.");
        assertThat(Files.isRegularFile(fifo)).isFalse();
        assertThat(Files.exists(fifo)).isTrue();
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void aMissingDirectoryIsRefusedBeforeAnythingIsWritten() {
        Path target = tmp.resolve("missing/bundle");
        assertThatThrownBy(() -> AtomicFile.create(target, 0)).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining(target.toString()).hasMessageContaining("does not exist");
        assertThat(tmp.resolve("missing")).doesNotExist();
    }

    @Test
    void aFileAsTheDirectoryIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain"), "");
        Path target = file.resolve("bundle");
        assertThatThrownBy(() -> AtomicFile.create(target, 0)).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("cannot write " + target + ": " + file + " is not a directory.");
    }

    /** /proc exists and is a directory, but no file can be created in it: the sentence names the target. */
    @Test
    void aDirectoryThatRefusesNewFilesIsNamedWithTheTargetNotThePartialFile() {
        Path proc = Path.of("/proc");
        assumeThat(Files.isDirectory(proc.resolve("self"))).as("a Linux /proc").isTrue();
        Path target = proc.resolve("bundle.tar.gz");
        assertThatThrownBy(() -> AtomicFile.create(target, 0)).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE))
                .hasMessageStartingWith("cannot write " + target + ": ")
                .hasMessageNotContaining(".part")
                .hasMessageNotContaining("Exception")
                .hasMessageEndingWith(".");
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThatThrownBy(() -> AtomicFile.create(tmp.resolve("x"), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The permissions come from the umask of the process, as for any new file, not 0600 as a temporary file's. */
    @ParameterizedTest(name = "umask {0}")
    @CsvSource({"022, rw-r--r--", "002, rw-rw-r--", "077, rw-------"})
    void aCommittedFileHasThePermissionsTheUmaskGivesANewFile(String umask, String permissions) throws Exception {
        Path target = tmp.resolve("umask-" + umask);
        List<String> command = new ArrayList<>(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
        command.addAll(holder(target, "commit"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.waitFor()).as(output).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo(permissions);
    }

    /** SIGINT and SIGTERM run the JVM's shutdown hooks: the one the class registers deletes every open partial file. */
    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalRemovesThePartialFile(String signal) throws Exception {
        Path target = tmp.resolve("signalled");
        Process child = new ProcessBuilder(holder(target, "wait")).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String said = new String(child.getInputStream().readNBytes(5), StandardCharsets.US_ASCII);
            assertThat(said).isEqualTo("open\n");
            assertThat(partFiles()).hasSize(1);
            new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(partFiles()).isEmpty();
        assertThat(target).doesNotExist();
    }

    private List<String> holder(Path target, String mode) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath(),
                AtomicFileHolder.class.getName(), target.toString(), mode);
    }

    /** Surefire runs tests from a manifest-only jar; it publishes the real class path separately. */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private List<Path> partFiles() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    private static Path mkdir(Path dir) throws IOException {
        return Files.createDirectories(dir);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
