package org.swhvault.objstorage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.swhvault.spi.model.ContentHasher;
import org.swhvault.spi.model.ContentHashes;
import org.swhvault.testing.PseudoRandomBytes;
import org.swhvault.testing.process.Processes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files a pathslicing objstorage holds are interchangeable with swh-objstorage's: Python writes them as
 * swh-objstorage does ({@code swh_pathslicing.py}, Debian's /usr/bin/python3 and its zlib, bz2 and lzma
 * modules) and we read them; we write them and Python's decompressors, called as swh-objstorage calls them,
 * read them. zstd, which swh-objstorage does not have, is checked against the {@code zstd} tool.
 */
class SwhObjStorageCompatibilityTest {
    @TempDir
    Path work;
    Path inputs;
    List<Path> files;

    @BeforeEach
    void writeContents() throws IOException {
        inputs = Files.createDirectory(work.resolve("inputs"));
        files = new ArrayList<>();
        files.add(Files.write(inputs.resolve("empty"), new byte[0]));
        files.add(Files.writeString(inputs.resolve("hello"), "hello\n"));
        byte[] everyByte = new byte[256 * 300];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) (i * 7);
        }
        files.add(Files.write(inputs.resolve("every-byte"), everyByte));
        Path random = inputs.resolve("random");
        try (var out = Files.newOutputStream(random)) {
            new PseudoRandomBytes(42, 1024 * 1024 + 3).writeTo(out);
        }
        files.add(random);
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 3_000_000; i++) {
            text.append("line ").append(i).append(" of a text that compresses well\n");
        }
        files.add(Files.writeString(inputs.resolve("text"), text, StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @EnumSource(names = {"NONE", "GZIP", "ZLIB", "BZ2", "LZMA"})
    void filesSwhObjStorageWritesAreRead(Compression compression) throws IOException {
        Path root = Files.createDirectory(work.resolve("root"));
        List<String> written = pythonWrite(root, "0:2/2:4", compression, files);
        PathSlicingObjStorage storage = PathSlicingObjStorage.open(root, PathSlicing.MIRROR, compression);
        for (int i = 0; i < files.size(); i++) {
            ContentHashes hashes = hashes(files.get(i));
            assertThat(written.get(i)).as("where Python put %s", files.get(i).getFileName())
                    .isEqualTo(hashes.sha1Hex().orElseThrow() + " " + storage.file(hashes));
            assertReads(storage, hashes, files.get(i));
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"NONE", "GZIP", "ZLIB", "BZ2", "LZMA"})
    void filesWeWriteAreReadBySwhObjStorage(Compression compression) throws IOException {
        Path root = Files.createDirectory(work.resolve("root"));
        PathSlicingObjStorage storage = PathSlicingObjStorage.open(root, PathSlicing.MIRROR, compression);
        List<String> ids = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (Path file : files) {
            ContentHashes hashes = add(storage, file);
            ids.add(hashes.sha1Hex().orElseThrow());
            expected.add(hashes.sha1Hex().orElseThrow() + " " + hashes.length());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(storage.file(hashes))))
                    .as("mode of %s", file.getFileName()).isEqualTo("rw-r--r--");
        }
        assertThat(pythonRead(root, "0:2/2:4", compression, ids)).isEqualTo(expected);
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .as("files in the objstorage: the contents, no temporary file").containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"GZIP", "ZLIB"})
    void gzipAndZlibFilesAreByteForByteWhatSwhObjStorageWrites(Compression compression) throws IOException {
        Path root = Files.createDirectory(work.resolve("root"));
        PathSlicingObjStorage storage = PathSlicingObjStorage.open(root, PathSlicing.MIRROR, compression);
        for (Path file : files) {
            byte[] python = Python.run(work, "swh_pathslicing.py", List.of("compress", compression.configName(),
                    file.toString())).stdout();
            assertThat(Files.readAllBytes(storage.file(add(storage, file)))).as("%s of %s", compression,
                    file.getFileName()).isEqualTo(python);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0:2/2:4", "0:2/2:4/4:6", "0:1/0:5", ":4/4:", "3", "0:40", "/", "0:2//2:4/", "38:40/0:1"})
    void everySlicingPutsFilesWhereSwhObjStorageDoes(String slicing) throws IOException {
        Path theirs = Files.createDirectory(work.resolve("theirs"));
        Path ours = Files.createDirectory(work.resolve("ours"));
        pythonWrite(theirs, slicing, Compression.GZIP, files);
        PathSlicingObjStorage readTheirs = PathSlicingObjStorage.open(theirs, PathSlicing.parse(slicing),
                Compression.GZIP);
        PathSlicingObjStorage writeOurs = PathSlicingObjStorage.open(ours, PathSlicing.parse(slicing),
                Compression.GZIP);
        List<String> ids = new ArrayList<>();
        for (Path file : files) {
            ContentHashes hashes = hashes(file);
            assertReads(readTheirs, hashes, file);
            add(writeOurs, file);
            ids.add(hashes.sha1Hex().orElseThrow());
            assertThat(ours.relativize(writeOurs.file(hashes))).as("our path of %s", file.getFileName())
                    .isEqualTo(theirs.relativize(readTheirs.file(hashes)));
        }
        assertThat(pythonRead(ours, slicing, Compression.GZIP, ids)).hasSize(files.size());
    }

    @Test
    void zstdFilesAreWhatTheZstdToolWritesAndReads() throws IOException {
        Path root = Files.createDirectory(work.resolve("root"));
        PathSlicingObjStorage storage = PathSlicingObjStorage.open(root, PathSlicing.MIRROR, Compression.ZSTD);
        for (Path file : files) {
            ContentHashes hashes = add(storage, file);
            Path decompressed = work.resolve("decompressed");
            Processes.command("zstd", "-q", "-d", "-f", storage.file(hashes).toString(), "-o",
                    decompressed.toString()).run();
            assertThat(Files.mismatch(decompressed, file)).as("zstd -d of our %s", file.getFileName())
                    .isEqualTo(-1);
            Files.delete(storage.file(hashes));
            Processes.command("zstd", "-q", file.toString(), "-o", storage.file(hashes).toString()).run();
            assertReads(storage, hashes, file);
        }
    }

    private List<String> pythonWrite(Path root, String slicing, Compression compression, List<Path> contents) {
        List<String> arguments = new ArrayList<>(List.of("write", root.toString(), slicing,
                compression.configName()));
        contents.forEach(p -> arguments.add(p.toString()));
        return Python.run(work, "swh_pathslicing.py", arguments).stdoutText().lines().toList();
    }

    private List<String> pythonRead(Path root, String slicing, Compression compression, List<String> ids) {
        List<String> arguments = new ArrayList<>(List.of("read", root.toString(), slicing, compression.configName()));
        arguments.addAll(ids);
        return Python.run(work, "swh_pathslicing.py", arguments).stdoutText().lines().toList();
    }

    static ContentHashes hashes(Path file) {
        try {
            return ContentHasher.create(EnumSet.of(ContentHasher.Algorithm.SHA1)).hash(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ContentHashes add(PathSlicingObjStorage storage, Path file) throws IOException {
        ContentHashes hashes = hashes(file);
        try (InputStream in = Files.newInputStream(file)) {
            storage.add(hashes, in);
        }
        return hashes;
    }

    private static void assertReads(PathSlicingObjStorage storage, ContentHashes hashes, Path file)
            throws IOException {
        try (InputStream in = storage.open(hashes).orElseThrow()) {
            assertThat(in.readAllBytes()).as("%s read back", file.getFileName()).isEqualTo(Files.readAllBytes(file));
        }
    }
}
