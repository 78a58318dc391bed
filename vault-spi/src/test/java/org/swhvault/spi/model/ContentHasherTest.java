package org.swhvault.spi.model;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentHasherTest {

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyContentVectorHashesToItsFourHashes() {
        ContentHasher hasher = ContentHasher.allHashes();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode v : Vectors.hash("content")) {
            tests.add(DynamicTest.dynamicTest("content: " + v.get("name").asText(), () -> {
                Assumptions.assumeTrue(v.has("data"), "data not embedded in the vector file");
                byte[] data = Vectors.bytes(v.get("data"));
                JsonNode expected = v.get("expected");
                // Through a stream that returns few bytes per read, to exercise the streaming path.
                ContentHashes h = hasher.hash(new TrickleInputStream(data), data.length);
                assertThat(h).isEqualTo(hasher.hash(data));
                assertThat(h.length()).isEqualTo(data.length);
                assertThat(h.sha1Git().toHex()).isEqualTo(expected.get("sha1_git").asText());
                assertThat(h.sha1Hex()).contains(Identifiers.sha1(data).toHex());
                if (expected.has("sha1")) {
                    assertThat(h.sha1Hex()).contains(expected.get("sha1").asText());
                }
                if (expected.has("sha256")) {
                    assertThat(h.sha256Hex()).contains(expected.get("sha256").asText());
                }
                if (expected.has("blake2s256")) {
                    assertThat(h.blake2s256Hex()).contains(expected.get("blake2s256").asText());
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void sha1GitOnlyComputesNothingElse() {
        ContentHashes h = ContentHasher.sha1GitOnly().hash(new byte[] {'4', '2', '\n'});
        assertThat(h.sha1Git().toHex()).isEqualTo("d81cc0710eb6cf9efd5b920a8453e1e07157b6cd");
        assertThat(h.sha1()).isEmpty();
        assertThat(h.sha256()).isEmpty();
        assertThat(h.blake2s256()).isEmpty();
    }

    @Test
    void onlyTheRequestedExtraHashesAreComputed() {
        ContentHashes h = ContentHasher.create(EnumSet.of(ContentHasher.Algorithm.SHA256)).hash(new byte[0]);
        assertThat(h.sha1()).isEmpty();
        assertThat(h.sha256Hex()).contains("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(h.blake2s256()).isEmpty();
    }

    @Test
    void aShortStreamIsAnEofError() {
        ContentHasher hasher = ContentHasher.sha1GitOnly();
        assertThatThrownBy(() -> hasher.hash(new ByteArrayInputStream(new byte[10]), 11))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("10 bytes, expected 11");
    }

    @Test
    void bytesAfterTheDeclaredLengthAreLeftInTheStream() throws IOException {
        InputStream in = new ByteArrayInputStream("42\nrest".getBytes());
        ContentHashes h = ContentHasher.sha1GitOnly().hash(in, 3);
        assertThat(h.sha1Git().toHex()).isEqualTo("d81cc0710eb6cf9efd5b920a8453e1e07157b6cd");
        assertThat(new String(in.readAllBytes())).isEqualTo("rest");
    }

    @Test
    void aHasherIsReusableAcrossContents() throws IOException {
        ContentHasher hasher = ContentHasher.allHashes();
        byte[] big = random(300_000, 1);
        ContentHashes first = hasher.hash(big);
        hasher.hash(new byte[] {1, 2, 3});
        assertThat(hasher.hash(new ByteArrayInputStream(big), big.length)).isEqualTo(first);
    }

    @Test
    void aLargeFileMatchesGitHashObject() throws Exception {
        Path file = tmp.resolve("big.bin");
        Files.write(file, random(1_000_003, 7));
        ContentHashes h = ContentHasher.allHashes().hash(file);
        assertThat(h.length()).isEqualTo(1_000_003);
        assertThat(h.sha1Git().toHex()).isEqualTo(GitOracle.run(tmp, null, "hash-object", file.toString()).trim());
        assertThat(h.sha1Git()).isEqualTo(Identifiers.content(Files.readAllBytes(file)));
    }

    @Test
    void streamsOfUnknownLengthGiveTheSameHashesAndLeaveNoTemporaryFile() throws IOException {
        ContentHasher hasher = ContentHasher.allHashes();
        Path spill = Files.createDirectory(tmp.resolve("spill"));
        for (int length : new int[] {0, 5, 65_535, 65_536, 65_537, 500_000}) {
            byte[] data = random(length, length);
            ContentHashes expected = hasher.hash(data);
            assertThat(hasher.hashUnknownLength(new TrickleInputStream(data), spill))
                    .as("length %d", length).isEqualTo(expected);
            assertThat(hasher.hashUnknownLength(new ByteArrayInputStream(data), null)).isEqualTo(expected);
        }
        try (Stream<Path> left = Files.list(spill)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aFileIsHashedThroughSymlinks() throws IOException {
        Path target = Files.write(tmp.resolve("target"), "foo\n".getBytes());
        Path link = Files.createSymbolicLink(tmp.resolve("link"), target.getFileName());
        assertThat(ContentHasher.sha1GitOnly().hash(link).sha1Git().toHex())
                .isEqualTo("257cc5642cb1a054f08cc83f2d943e56fd3ebe99");
    }

    private static byte[] random(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Returns at most 7 bytes per read, as slow network streams do. */
    private static final class TrickleInputStream extends FilterInputStream {
        TrickleInputStream(byte[] data) {
            super(new ByteArrayInputStream(data));
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 7));
        }
    }
}
