package org.swhvault.storage.fs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleWriter;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FsBundleStoreTest {
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.123456789Z");

    @TempDir
    Path root;

    private FsBundleStore store;

    @BeforeEach
    void openStore() throws IOException {
        store = FsBundleStore.open(root, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private BundleInfo put(BundleKey key, long seed, long size) throws IOException {
        try (BundleWriter writer = store.create(key)) {
            Patterns.write(writer.stream(), seed, size);
            return writer.commit();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 5 * 1024 * 1024 + 1, 64 * 1024 * 1024})
    void bundlesRoundTripWithSizeAndChecksum(long size) throws IOException {
        BundleKey key = Patterns.key(1);
        BundleInfo committed = put(key, 7, size);

        String sha256 = Patterns.sha256Hex(7, size);
        assertThat(committed).isEqualTo(new BundleInfo(key, size, Optional.of(sha256), NOW));
        assertThat(store.stat(key)).contains(committed);
        try (InputStream in = store.open(key)) {
            assertThat(Patterns.firstMismatch(in, 7, 0, size)).isEqualTo(-1);
        }
        assertThat(store.verify(key)).isTrue();
    }

    @Test
    void fileFollowsTheDocumentedLayout() throws Exception {
        BundleKey key = Patterns.key(BundleType.GIT_BARE, ObjectType.SNAPSHOT, 2);
        put(key, 3, 1000);

        String hex = key.swhid().id().toHex();
        Path file = root.resolve("bundles/git-bare/" + hex.substring(0, 2) + "/swh_1_snp_" + hex + ".git.tar.swhvault");
        assertThat(file).hasSize(128 + 1000);
        byte[] header = new byte[16];
        try (InputStream in = Files.newInputStream(file)) {
            in.readNBytes(header, 0, 16);
        }
        assertThat(new String(header, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("swhvault");
        // The README promises that `tail -c +129` extracts the bundle: check with the real tools.
        Process sha = new ProcessBuilder("sh", "-c", "tail -c +129 \"$0\" | sha256sum", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(sha.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(sha.waitFor()).isZero();
        assertThat(out).startsWith(Patterns.sha256Hex(3, 1000) + " ");
    }

    @Test
    void rangesAtTheEdges() throws IOException {
        BundleKey key = Patterns.key(1);
        long size = 100_000;
        put(key, 5, size);

        assertRange(key, 0, 10, 0, 10);
        assertRange(key, 0, Long.MAX_VALUE, 0, size);
        assertRange(key, size - 1, 1, size - 1, 1);
        assertRange(key, size - 1, Long.MAX_VALUE, size - 1, 1);
        assertRange(key, 65_000, 2_000, 65_000, 2_000);
        assertRange(key, size - 10, 100, size - 10, 10);
        assertRange(key, 3, 0, 3, 0);
        // Starting at or past the end is empty, not an error.
        assertRange(key, size, 1, size, 0);
        assertRange(key, size + 1000, Long.MAX_VALUE, size, 0);
        assertThatThrownBy(() -> store.open(key, -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open(key, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rangesOfAnEmptyBundleAreEmpty() throws IOException {
        BundleKey key = Patterns.key(1);
        put(key, 5, 0);

        assertRange(key, 0, Long.MAX_VALUE, 0, 0);
        assertRange(key, 1, 1, 0, 0);
    }

    private void assertRange(BundleKey key, long offset, long length, long expectedOffset, long expectedLength)
            throws IOException {
        try (InputStream in = store.open(key, offset, length)) {
            assertThat(Patterns.firstMismatch(in, 5, expectedOffset, expectedLength))
                    .as("range %d+%d", offset, length).isEqualTo(-1);
        }
    }

    @Test
    void singleByteReadsAndSkipsFollowTheRange() throws IOException {
        BundleKey key = Patterns.key(1);
        put(key, 5, 10);

        try (InputStream in = store.open(key, 2, 5)) {
            assertThat(in.available()).isEqualTo(5);
            assertThat((byte) in.read()).isEqualTo(Patterns.at(5, 2));
            assertThat(in.skip(100)).isEqualTo(4);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void unknownKeysAreAbsent() throws IOException {
        BundleKey key = Patterns.key(9);

        assertThat(store.stat(key)).isEmpty();
        assertThat(store.delete(key)).isFalse();
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(key.fileName());
        assertThatThrownBy(() -> store.open(key, 5, 5)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.verify(key)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void deleteRemovesTheBundle() throws IOException {
        BundleKey key = Patterns.key(1);
        put(key, 1, 100);

        assertThat(store.delete(key)).isTrue();
        assertThat(store.stat(key)).isEmpty();
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(NoSuchFileException.class);
        assertThat(store.delete(key)).isFalse();
    }

    @Test
    void commitReplacesThePreviousBundle() throws IOException {
        BundleKey key = Patterns.key(1);
        put(key, 1, 5000);
        put(key, 2, 300);

        assertThat(store.stat(key).orElseThrow().size()).isEqualTo(300);
        try (InputStream in = store.open(key)) {
            assertThat(Patterns.firstMismatch(in, 2, 0, 300)).isEqualTo(-1);
        }
    }

    @Test
    void listShowsEveryBundleAndSkipsStrayFiles() throws IOException {
        BundleKey dir = Patterns.key(BundleType.FLAT, ObjectType.DIRECTORY, 1);
        BundleKey rev = Patterns.key(BundleType.GITFAST, ObjectType.REVISION, 2);
        BundleKey snp = Patterns.key(BundleType.GIT_BARE, ObjectType.SNAPSHOT, 3);
        List<BundleInfo> published = List.of(put(dir, 1, 10), put(rev, 2, 20), put(snp, 3, 0));
        String hex = dir.swhid().id().toHex();
        Path shard = root.resolve("bundles/flat/" + hex.substring(0, 2));
        Files.writeString(shard.resolve("notes.txt"), "x");
        Files.writeString(shard.resolve("swh_1_dir_" + hex + ".tar.gz"), "x");
        Files.writeString(shard.resolve("swh_1_dir_" + "0".repeat(40) + ".tar.gz.swhvault"), "wrong shard");
        Files.writeString(shard.resolve("swh_1_dir_zz.tar.gz.swhvault"), "bad swhid");
        Files.createDirectories(root.resolve("bundles/unknown-type/ab"));
        Files.writeString(root.resolve("bundles/flat/stray"), "x");

        try (Stream<BundleInfo> list = store.list()) {
            assertThat(list).containsExactlyInAnyOrderElementsOf(published);
        }
    }

    @Test
    void listOfAnEmptyStoreIsEmpty() throws IOException {
        try (Stream<BundleInfo> list = store.list()) {
            assertThat(list).isEmpty();
        }
    }

    @Test
    void verifyDetectsAFlippedByte() throws IOException {
        BundleKey key = Patterns.key(1);
        put(key, 1, 300_000);
        Path file = onlyBundleFile();

        byte[] bytes = Files.readAllBytes(file);
        bytes[128 + 200_000] ^= 0x01;
        Files.write(file, bytes);

        assertThat(store.verify(key)).isFalse();
        assertThat(store.stat(key).orElseThrow().size()).isEqualTo(300_000);
    }

    @Test
    void damagedFilesAreReportedWithTheirPath() throws IOException {
        BundleKey key = Patterns.key(1);
        put(key, 1, 1000);
        Path file = onlyBundleFile();

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(900);
        }
        assertThatThrownBy(() -> store.stat(key)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("announces 1000 bytes");
        Files.write(file, new byte[50]);
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("shorter than");
        Files.write(file, new byte[200]);
        assertThatThrownBy(() -> store.verify(key)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not a version 1");
    }

    @Test
    void aWriterThatFailsMidwayLeavesNothing() throws IOException {
        BundleKey key = Patterns.key(1);
        assertThatThrownBy(() -> {
            try (BundleWriter writer = store.create(key)) {
                Patterns.write(writer.stream(), 1, 200_000);
                throw new IllegalStateException("cooker failed");
            }
        }).hasMessage("cooker failed");

        assertThat(store.stat(key)).isEmpty();
        assertThat(tmpFiles()).allMatch(name -> name.endsWith(".lock"));
    }

    @Test
    void aWriterClosedWithoutCommitKeepsThePreviousBundle() throws IOException {
        BundleKey key = Patterns.key(1);
        BundleInfo first = put(key, 1, 100);
        BundleWriter writer = store.create(key);
        Patterns.write(writer.stream(), 2, 1000);
        writer.close();
        writer.close();

        assertThat(store.stat(key)).contains(first);
        assertThat(tmpFiles()).allMatch(name -> name.endsWith(".lock"));
        assertThatThrownBy(writer::commit).isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> writer.stream().write(1)).isInstanceOf(IOException.class);
    }

    @Test
    void aWriterWhoseStreamWasClosedByGzipCanStillCommit() throws IOException {
        BundleKey key = Patterns.key(1);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        BundleInfo info;
        try (BundleWriter writer = store.create(key)) {
            try (OutputStream gz = new GZIPOutputStream(writer.stream())) {
                gz.write("hello".getBytes(StandardCharsets.US_ASCII));
            }
            try (OutputStream gz = new GZIPOutputStream(expected)) {
                gz.write("hello".getBytes(StandardCharsets.US_ASCII));
            }
            assertThatThrownBy(() -> writer.stream().write(1)).isInstanceOf(IOException.class);
            info = writer.commit();
            assertThat(writer.commit()).isSameAs(info);
        }

        assertThat(info.size()).isEqualTo(expected.size());
        try (InputStream in = store.open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void closingTheStoreDiscardsUnfinishedWriters() throws IOException {
        BundleKey key = Patterns.key(1);
        BundleWriter writer = store.create(key);
        Patterns.write(writer.stream(), 1, 100_000);
        store.close();

        assertThatThrownBy(writer::commit).isInstanceOf(IOException.class).hasMessageContaining("gone");
        assertThatThrownBy(() -> store.create(key)).isInstanceOf(IOException.class).hasMessageContaining("closed");
        writer.close();
        assertThat(tmpFiles()).isEmpty();
        try (FsBundleStore reopened = FsBundleStore.open(root)) {
            assertThat(reopened.stat(key)).isEmpty();
        }
    }

    @Test
    void aNewStoreOnTheSameRootSeesPublishedBundles() throws IOException {
        BundleKey key = Patterns.key(1);
        BundleInfo info = put(key, 1, 70_000);
        store.close();

        try (FsBundleStore reopened = FsBundleStore.open(root)) {
            assertThat(reopened.stat(key)).contains(info);
            assertThat(reopened.verify(key)).isTrue();
            try (Stream<BundleInfo> list = reopened.list()) {
                assertThat(list).containsExactly(info);
            }
        }
    }

    @Test
    void keysWithQualifiersNameTheSameBundle() throws IOException {
        BundleKey key = Patterns.key(1);
        put(key, 1, 10);
        BundleKey qualified = new BundleKey(key.type(),
                Swhid.parse(key.swhid() + ";origin=https://example.org/r"));

        assertThat(store.stat(qualified)).isPresent();
    }

    private Path onlyBundleFile() throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("bundles"))) {
            return files.filter(Files::isRegularFile).reduce((a, b) -> {
                throw new AssertionError("more than one bundle file: " + a + ", " + b);
            }).orElseThrow();
        }
    }

    private List<String> tmpFiles() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("tmp"))) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
