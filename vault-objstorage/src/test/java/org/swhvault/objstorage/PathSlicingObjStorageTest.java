package org.swhvault.objstorage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ContentHasher;
import org.swhvault.spi.model.ContentHashes;
import org.swhvault.testing.PseudoRandomBytes;
import org.swhvault.testing.process.Processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the pathslicing objstorage does with damaged files, odd requests and big contents. */
class PathSlicingObjStorageTest {
    private static final byte[] TEXT = "a line that compresses\n".repeat(2000).getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path root;

    @ParameterizedTest
    @EnumSource(names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aFileThatDoesNotDecompressIsCorruptAndTheMessageNamesTheSha1AndTheFile(Compression compression)
            throws IOException {
        PathSlicingObjStorage storage = PathSlicingObjStorage.open(root, PathSlicing.MIRROR, compression);
        ContentHashes hashes = add(storage, TEXT);
        Path file = storage.file(hashes);
        byte[] stored = Files.readAllBytes(file);
        byte[] garbage = new PseudoRandomBytes(1, stored.length).slice(0, stored.length);
        for (byte[] damaged : new byte[][] {
            Arrays.copyOf(stored, stored.length / 2), Arrays.copyOf(stored, stored.length - 1), new byte[0], garbage,
        }) {
            Files.write(file, damaged);
            assertCorrupt(storage, hashes, "Content sha1 " + hashes.sha1Hex().orElseThrow() + " in file " + file
                    + " is corrupt: ");
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"GZIP", "ZLIB", "BZ2", "LZMA"})
    void bytesAfterTheCompressedStreamAreCorruptAsSwhObjStorageSays(Compression compression) throws IOException {
        PathSlicingObjStorage storage = PathSlicingObjStorage.open(root, PathSlicing.MIRROR, compression);
        ContentHashes hashes = add(storage, TEXT);
        Path file = storage.file(hashes);
        Files.write(file, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        assertCorrupt(storage, hashes, "bytes follow the end");
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void aWellFormedFileOfOtherBytesIsCorrupt(Compression compression) throws IOException {
        PathSlicingObjStorage storage = PathSlicingObjStorage.open(root, PathSlicing.MIRROR, compression);
        ContentHashes hashes = add(storage, TEXT);
        byte[] other = TEXT.clone();
        other[100] = 'X';
        write(storage.file(hashes), compression, other);
        assertCorrupt(storage, hashes, "its bytes have sha1 " + hash(other).sha1Hex().orElseThrow());
        write(storage.file(hashes), compression, Arrays.copyOf(TEXT, TEXT.length - 1));
        assertCorrupt(storage, hashes, "it holds " + (TEXT.length - 1) + " bytes, not the " + TEXT.length
                + " expected");
        write(storage.file(hashes), compression, Arrays.copyOf(TEXT, TEXT.length + 1));
        assertCorrupt(storage, hashes, "it holds more than the " + TEXT.length + " bytes expected");
    }

    @Test
    void aFileCompressedOtherwiseThanTheStorageSaysIsCorrupt() throws IOException {
        PathSlicingObjStorage gzip = PathSlicingObjStorage.open(root, PathSlicing.MIRROR, Compression.GZIP);
        ContentHashes hashes = add(gzip, TEXT);
        PathSlicingObjStorage bz2 = PathSlicingObjStorage.open(root, PathSlicing.MIRROR, Compression.BZ2);
        assertCorrupt(bz2, hashes, "does not decompress as bz2");
    }

    @Test
    void aContentWithoutSha1IsAnInvalidArgument() {
        PathSlicingObjStorage storage = PathSlicingObjStorage.open(root, PathSlicing.MIRROR, Compression.GZIP);
        ContentHashes noSha1 = ContentHasher.sha1GitOnly().hash(TEXT);
        for (Runnable call : new Runnable[] {
            () -> storage.open(noSha1), () -> storage.contains(noSha1),
            () -> storage.add(noSha1, new ByteArrayInputStream(TEXT)),
        }) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(VaultException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                assertThat(e).hasMessage("The pathslicing objstorage keys contents by sha1, but none was given for"
                        + " content " + noSha1.sha1Git().toHex() + ".");
            });
        }
    }

    @Test
    void aFileInTheWayOfADirectoryFailsTheAddWithASentence() throws IOException {
        PathSlicingObjStorage storage = PathSlicingObjStorage.open(root, PathSlicing.MIRROR, Compression.GZIP);
        ContentHashes hashes = hash(TEXT);
        Files.writeString(root.resolve(hashes.sha1Hex().orElseThrow().substring(0, 2)), "in the way");
        assertThatThrownBy(() -> storage.add(hashes, new ByteArrayInputStream(TEXT)))
                .isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILURE);
                    assertThat(e.getMessage()).startsWith("Cannot write " + storage.file(hashes)
                            + " in the pathslicing objstorage: ");
                });
    }

    @Test
    void aRefusedAddLeavesNoTemporaryFile() throws IOException {
        PathSlicingObjStorage storage = PathSlicingObjStorage.open(root, PathSlicing.MIRROR, Compression.GZIP);
        ContentHashes hashes = hash(TEXT);
        assertThatThrownBy(() -> storage.add(hashes, new ByteArrayInputStream(TEXT, 1, TEXT.length)))
                .isInstanceOf(VaultException.class);
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void theRootMustBeAnExistingDirectory() throws IOException {
        Path missing = root.resolve("missing");
        assertThatThrownBy(() -> PathSlicingObjStorage.open(missing, PathSlicing.MIRROR, Compression.GZIP))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("The pathslicing objstorage root '" + missing + "' does not exist; give the directory"
                        + " that holds the objstorage's files.");
        Path file = Files.writeString(root.resolve("file"), "x");
        assertThatThrownBy(() -> PathSlicingObjStorage.open(file, PathSlicing.MIRROR, Compression.GZIP))
                .hasMessageContaining("'" + file + "' is not a directory");
    }

    /**
     * Reading streams: the first bytes of a content come out while the rest of its file has not been written
     * yet (the file is a named pipe that its writer fills in two halves).
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void readingStreamsTheFile() throws Exception {
        PathSlicingObjStorage storage = PathSlicingObjStorage.open(root, PathSlicing.MIRROR, Compression.GZIP);
        long size = 16L * 1024 * 1024;
        PseudoRandomBytes bytes = new PseudoRandomBytes(3, size);
        ContentHashes hashes = ContentHasher.create(EnumSet.of(ContentHasher.Algorithm.SHA1))
                .hash(bytes.openStream(), size);
        Path compressed = root.resolve("compressed");
        write(compressed, Compression.GZIP, bytes);
        byte[] stored = Files.readAllBytes(compressed);
        Path file = storage.file(hashes);
        Files.createDirectories(file.getParent());
        Processes.command("mkfifo", file.toString()).run();
        CountDownLatch firstMebibyteRead = new CountDownLatch(1);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(stored, 0, stored.length / 2);
                out.flush();
                assertThat(firstMebibyteRead.await(1, TimeUnit.MINUTES)).as("the reader got its first MiB").isTrue();
                out.write(stored, stored.length / 2, stored.length - stored.length / 2);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try (InputStream in = storage.open(hashes).orElseThrow()) {
            assertThat(in.readNBytes(1024 * 1024)).isEqualTo(bytes.slice(0, 1024 * 1024));
            firstMebibyteRead.countDown();
            byte[] rest = new byte[64 * 1024];
            long position = 1024 * 1024;
            int n;
            while ((n = in.read(rest)) > 0) {
                assertThat(Arrays.copyOf(rest, n)).isEqualTo(bytes.slice(position, n));
                position += n;
            }
            assertThat(position).isEqualTo(size);
        }
        writer.get(1, TimeUnit.MINUTES);
    }

    @Test
    void anAddOfAContentHeldAlreadyDoesNotReadItsBytes() {
        PathSlicingObjStorage storage = PathSlicingObjStorage.open(root, PathSlicing.MIRROR, Compression.GZIP);
        ContentHashes hashes = add(storage, TEXT);
        storage.add(hashes, new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("read the bytes of a content held already");
            }
        });
        assertThat(storage.contains(hashes)).isTrue();
    }

    @Test
    void openFindsNothingWhereNoFileIs() {
        PathSlicingObjStorage storage = PathSlicingObjStorage.open(root, PathSlicing.MIRROR, Compression.GZIP);
        assertThat(storage.open(hash(TEXT))).isEqualTo(Optional.empty());
        assertThat(storage).hasToString("PathSlicingObjStorage[" + root + ", slicing 0:2/2:4, gzip]");
    }

    private static void assertCorrupt(PathSlicingObjStorage storage, ContentHashes hashes, String messagePart) {
        assertThatThrownBy(() -> {
            try (InputStream in = storage.open(hashes).orElseThrow()) {
                in.readAllBytes();
            }
        }).isInstanceOfSatisfying(VaultException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT);
            assertThat(e.getMessage()).contains(messagePart).endsWith(".");
        });
    }

    private static ContentHashes hash(byte[] data) {
        return ContentHasher.create(EnumSet.of(ContentHasher.Algorithm.SHA1)).hash(data);
    }

    private static ContentHashes add(PathSlicingObjStorage storage, byte[] data) {
        ContentHashes hashes = hash(data);
        storage.add(hashes, new ByteArrayInputStream(data));
        return hashes;
    }

    private static void write(Path file, Compression compression, byte[] data) throws IOException {
        try (OutputStream out = compression.compressing(Files.newOutputStream(file))) {
            out.write(data);
        }
    }

    private static void write(Path file, Compression compression, PseudoRandomBytes data) throws IOException {
        try (OutputStream out = compression.compressing(Files.newOutputStream(file))) {
            data.writeTo(out);
        }
    }
}
