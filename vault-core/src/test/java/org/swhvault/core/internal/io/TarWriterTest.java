package org.swhvault.core.internal.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Bytes;
import org.swhvault.testing.process.Processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TarWriterTest {
    private static final String ROOT = "swh:1:dir:4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    private static final byte[] BAD_UTF8 = {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, '.', 'c'};
    private static final String LONG_DIR = "d".repeat(120);

    @TempDir
    Path tmp;

    private static Bytes path(String text) {
        return Bytes.utf8(ROOT + "/" + text);
    }

    private static Bytes path(byte[] raw) {
        byte[] prefix = (ROOT + "/").getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(prefix, prefix.length + raw.length);
        System.arraycopy(raw, 0, all, prefix.length, raw.length);
        return Bytes.wrap(all);
    }

    private static byte[] bigContent() {
        byte[] data = new byte[200_000];
        new Random(5).nextBytes(data);
        return data;
    }

    /** A tree with every kind of entry and every kind of awkward name. */
    private static byte[] sampleArchive() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(bytes);
        tar.directory(Bytes.utf8(ROOT));
        tar.file(path("README"), 0644, "hello\n".getBytes(StandardCharsets.US_ASCII));
        tar.file(path("run.sh"), 0755, "#!/bin/sh\n".getBytes(StandardCharsets.US_ASCII));
        tar.file(path("empty"), 0644, new byte[0]);
        byte[] big = bigContent();
        tar.file(path("big.bin"), 0644, big.length, new ByteArrayInputStream(big));
        tar.file(path("héllo wörld.txt"), 0644, "utf8\n".getBytes(StandardCharsets.US_ASCII));
        tar.file(path(BAD_UTF8), 0644, "latin\n".getBytes(StandardCharsets.US_ASCII));
        tar.file(path("back\\slash"), 0644, "bs\n".getBytes(StandardCharsets.US_ASCII));
        tar.directory(path(LONG_DIR));
        tar.file(path(LONG_DIR + "/" + "f".repeat(150)), 0644, "long\n".getBytes(StandardCharsets.US_ASCII));
        tar.symlink(path("link"), Bytes.utf8("README"));
        tar.symlink(path("longlink"), Bytes.utf8(LONG_DIR + "/" + "f".repeat(150)));
        tar.symlink(path("badlink"), Bytes.wrap(BAD_UTF8.clone()));
        tar.directory(path("submodule"));
        tar.finish();
        return bytes.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"C", "C.UTF-8"})
    void gnuTarExtractsNamesModesContentsAndTargetsByteForByte(String locale) throws IOException {
        Path archive = tmp.resolve("a.tar");
        Files.write(archive, sampleArchive());
        Path out = Files.createDirectory(tmp.resolve("out"));
        Processes.command("tar", "--no-same-owner", "-p", "-xf", archive.toString()).in(out).env("LC_ALL", locale)
                .run();

        byte[] listing = Processes.run(out, "sh", "-c", "find . -printf '%y %m %s %p>%l\\n' | LC_ALL=C sort");
        String expected = ("d 755 4096 ./" + ROOT + ">\n"
                + "d 755 4096 ./" + ROOT + "/" + LONG_DIR + ">\n"
                + "d 755 4096 ./" + ROOT + "/submodule>\n"
                + "f 644 0 ./" + ROOT + "/empty>\n"
                + "f 644 200000 ./" + ROOT + "/big.bin>\n"
                + "f 644 3 ./" + ROOT + "/back\\slash>\n"
                + "f 644 5 ./" + ROOT + "/" + LONG_DIR + "/" + "f".repeat(150) + ">\n"
                + "f 644 5 ./" + ROOT + "/héllo wörld.txt>\n"
                + "f 644 6 ./" + ROOT + "/README>\n"
                + "f 644 6 ./" + ROOT + "/bad\u0000>\n"
                + "f 755 10 ./" + ROOT + "/run.sh>\n"
                + "l 777 6 ./" + ROOT + "/link>README\n"
                + "l 777 7 ./" + ROOT + "/badlink>bad\u0000\n"
                + "l 777 271 ./" + ROOT + "/longlink>" + LONG_DIR + "/" + "f".repeat(150) + "\n"
                + "d 755 4096 .>\n");
        byte[] expectedBytes = replaceNul(expected.getBytes(StandardCharsets.UTF_8));
        assertThat(sortedLines(listing)).isEqualTo(sortedLines(expectedBytes));

        Path root = out.resolve(ROOT);
        assertThat(Files.readAllBytes(root.resolve("big.bin"))).isEqualTo(bigContent());
        assertThat(Files.readString(root.resolve("README"))).isEqualTo("hello\n");
        assertThat(Files.readString(root.resolve(LONG_DIR).resolve("f".repeat(150)))).isEqualTo("long\n");
        byte[] latin = Processes.run(root, "sh", "-c", "cat bad?*.c");
        assertThat(new String(latin, StandardCharsets.US_ASCII)).isEqualTo("latin\n");
    }

    @Test
    void gnuTarListsFixedOwnersTimesAndModes() throws IOException {
        Path archive = tmp.resolve("a.tar");
        Files.write(archive, sampleArchive());

        String listing = Processes.command("sh", "-c", "TZ=UTC tar --numeric-owner -tvf a.tar").in(tmp).run()
                .stdoutText();

        assertThat(listing).contains("drwxr-xr-x 0/0               0 2000-01-01 00:00 " + ROOT + "/\n");
        assertThat(listing).contains("-rwxr-xr-x 0/0              10 2000-01-01 00:00 " + ROOT + "/run.sh\n");
        assertThat(listing).contains("lrwxrwxrwx 0/0               0 2000-01-01 00:00 " + ROOT + "/link -> README\n");
        assertThat(listing).contains(ROOT + "/bad\\377\\376.c\n");
        assertThat(listing).doesNotContain("PaxHeaders");
        assertThat(listing.lines()).hasSize(14);
    }

    @Test
    void sameEntriesGiveTheSameBytes() throws IOException, InterruptedException {
        byte[] first = sampleArchive();
        Thread.sleep(1100); // a clock-dependent field would differ now
        assertThat(sampleArchive()).isEqualTo(first);
        assertThat(first.length % 512).isZero();
    }

    @Test
    void rejectsPathsThatWouldEscapeOrAreMalformed() {
        TarWriter tar = new TarWriter(new ByteArrayOutputStream());
        for (String bad : List.of("", "/etc/passwd", "a/../b", "..", "a/./b", "a//b", "a/")) {
            assertThatThrownBy(() -> tar.directory(Bytes.utf8(bad)))
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT));
        }
        assertThatThrownBy(() -> tar.file(Bytes.wrap(new byte[] {'a', 0}), 0644, new byte[0]))
                .isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> tar.symlink(Bytes.utf8("l"), Bytes.wrap(new byte[] {'a', 0})))
                .isInstanceOf(VaultException.class);
    }

    @Test
    void contentOfTheWrongLengthIsAnError() {
        TarWriter tar = new TarWriter(new ByteArrayOutputStream());

        assertThatThrownBy(() -> tar.file(Bytes.utf8("short"), 0644, 10, new ByteArrayInputStream(new byte[5])))
                .isInstanceOf(EOFException.class);
        TarWriter tar2 = new TarWriter(new ByteArrayOutputStream());
        assertThatThrownBy(() -> tar2.file(Bytes.utf8("long"), 0644, 3, new ByteArrayInputStream(new byte[5])))
                .isInstanceOf(IOException.class).hasMessageContaining("longer");
    }

    private static byte[] replaceNul(byte[] expected) {
        // "bad\0" stands for the raw bytes BAD_UTF8 after "bad"
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : expected) {
            if (b == 0) {
                out.write(BAD_UTF8, 3, BAD_UTF8.length - 3);
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static List<String> sortedLines(byte[] text) {
        return new String(text, StandardCharsets.ISO_8859_1).lines().sorted().toList();
    }
}
