package org.swhvault.objstorage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.testing.process.Processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The formats are read as strictly as swh-objstorage reads them: the oracle is Python's own decompressors,
 * called as swh-objstorage calls them, on objects Python writes well-formed and damaged
 * ({@code swh_compression_cases.py}).
 */
class CompressionTest {
    @TempDir
    Path dir;

    @Test
    void everyObjectPythonAcceptsIsAcceptedAndEveryObjectItRefusesIsRefused() {
        List<String> lines = Python.run(dir, "swh_compression_cases.py", List.of()).stdoutText().lines().toList();
        byte[] expected = HexFormat.of().parseHex(lines.get(0));
        assertThat(lines).hasSizeGreaterThan(30);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t", -1);
            Compression compression = Compression.forName(fields[0]).orElseThrow();
            boolean pythonAccepts = fields[2].equals("ok");
            byte[] stored = HexFormat.of().parseHex(fields[3]);
            String verdict;
            try (InputStream in = compression.decompressing(new ByteArrayInputStream(stored))) {
                byte[] actual = in.readAllBytes();
                verdict = java.util.Arrays.equals(actual, expected) ? "ok" : "other bytes";
            } catch (IOException e) {
                verdict = "refused (" + e.getMessage() + ")";
            }
            assertThat(verdict).as("%s object, %s", fields[0], fields[1])
                    .matches(pythonAccepts ? "ok" : "refused.*");
        }
    }

    @Test
    void aGzipFileWrittenByTheGzipToolWithItsNameInTheHeaderIsRead() throws IOException {
        Path file = dir.resolve("hello.txt");
        Files.writeString(file, "hello from gzip(1)\n".repeat(1000));
        Processes.command("gzip", "-k", "-9", file.toString()).run();
        try (InputStream in = Compression.GZIP.decompressing(Files.newInputStream(dir.resolve("hello.txt.gz")))) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(file));
        }
    }

    @Test
    void namesAreSwhObjStoragesAndCaseDoesNotMatter() {
        assertThat(Compression.names()).isEqualTo("none, gzip, zlib, bz2, lzma, zstd");
        assertThat(Compression.forName(" GZip ")).contains(Compression.GZIP);
        assertThat(Compression.forName("xz")).isEmpty();
        assertThat(Compression.LZMA).hasToString("lzma");
    }

    @Test
    void everyCompressionRoundTripsTheEmptyObjectAndAnObjectWrittenByteByByte() throws IOException {
        for (Compression compression : Compression.values()) {
            for (byte[] data : List.of(new byte[0], "one byte at a time".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                ByteArrayOutputStream stored = new ByteArrayOutputStream();
                try (OutputStream out = compression.compressing(stored)) {
                    for (byte b : data) {
                        out.write(b);
                    }
                }
                try (InputStream in = compression.decompressing(new ByteArrayInputStream(stored.toByteArray()))) {
                    assertThat(in.readAllBytes()).as("%s round trip", compression).isEqualTo(data);
                }
            }
        }
    }

    @Test
    void zstdFramesOfTheZstdToolAreReadAndAnythingAfterThemIsRefused() throws IOException {
        Path file = dir.resolve("data");
        Files.writeString(file, "zstd frame\n".repeat(5000));
        Processes.command("zstd", "-q", "-19", file.toString(), "-o", dir.resolve("data.zst").toString()).run();
        byte[] frame = Files.readAllBytes(dir.resolve("data.zst"));
        byte[] expected = Files.readAllBytes(file);
        ByteArrayOutputStream twoFrames = new ByteArrayOutputStream();
        twoFrames.write(frame);
        twoFrames.write(frame);
        try (InputStream in = Compression.ZSTD.decompressing(new ByteArrayInputStream(twoFrames.toByteArray()))) {
            assertThat(in.readAllBytes()).as("two frames are the concatenation of their bytes, as zstd -d says")
                    .hasSize(2 * expected.length);
        }
        byte[] trailing = java.util.Arrays.copyOf(frame, frame.length + 3);
        assertThatThrownBy(() -> Compression.ZSTD.decompressing(new ByteArrayInputStream(trailing)).readAllBytes())
                .isInstanceOf(IOException.class);
        byte[] truncated = java.util.Arrays.copyOf(frame, frame.length - 1);
        assertThatThrownBy(() -> Compression.ZSTD.decompressing(new ByteArrayInputStream(truncated)).readAllBytes())
                .isInstanceOf(IOException.class);
    }
}
