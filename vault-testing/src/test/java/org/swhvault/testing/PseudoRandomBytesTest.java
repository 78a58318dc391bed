package org.swhvault.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PseudoRandomBytesTest {
    private final PseudoRandomBytes data = new PseudoRandomBytes(42, 200_003);

    @Test
    void everyWayOfReadingGivesTheSameBytes() throws IOException {
        byte[] streamed = data.openStream().readAllBytes();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        data.writeTo(written);
        assertThat(streamed).hasSize(200_003);
        assertThat(written.toByteArray()).isEqualTo(streamed);
        assertThat(data.slice(0, Long.MAX_VALUE)).isEqualTo(streamed);
        for (long offset : new long[] {0, 1, 7, 8, 9, 65_535, 65_536, 199_999}) {
            byte[] part = data.slice(offset, 70_001);
            ByteArrayOutputStream partWritten = new ByteArrayOutputStream();
            data.writeTo(partWritten, offset, 70_001);
            assertThat(partWritten.toByteArray()).isEqualTo(part);
            for (int i = 0; i < part.length; i++) {
                if (part[i] != streamed[(int) offset + i] || data.byteAt(offset + i) != part[i]) {
                    throw new AssertionError("byte " + (offset + i) + " differs");
                }
            }
        }
    }

    @Test
    void sha256IsTheDigestOfTheBytes() throws Exception {
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(data.openStream().readAllBytes()));
        assertThat(data.sha256()).isEqualTo(expected);
        assertThat(PseudoRandomBytes.sha256Of(data.openStream())).isEqualTo(expected);
        assertThat(new PseudoRandomBytes(1, 0).sha256())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void mismatchFindsTheFirstDifferenceLikeArraysMismatch() throws IOException {
        byte[] bytes = data.openStream().readAllBytes();
        assertThat(data.mismatch(new ByteArrayInputStream(bytes))).isEqualTo(-1);
        assertThat(data.mismatch(new ByteArrayInputStream(bytes, 0, 100_000))).isEqualTo(100_000);
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThat(data.mismatch(new ByteArrayInputStream(longer))).isEqualTo(bytes.length);
        bytes[123_456] ^= 0x10;
        assertThat(data.mismatch(new ByteArrayInputStream(bytes))).isEqualTo(123_456);
    }

    @Test
    void differentSeedsGiveDifferentBytes() {
        byte[] a = new PseudoRandomBytes(1, 4096).slice(0, 4096);
        byte[] b = new PseudoRandomBytes(2, 4096).slice(0, 4096);
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        assertThat(same).as("positions where the bytes agree by chance").isLessThan(64);
    }

    @Test
    void partsPastTheEndAreEmptyAndNegativeArgumentsAreRejected() throws IOException {
        assertThat(data.slice(data.size(), 10)).isEmpty();
        assertThat(data.slice(data.size() + 5, 10)).isEmpty();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        data.writeTo(out, data.size() + 5, 10);
        assertThat(out.size()).isZero();
        assertThatThrownBy(() -> data.slice(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> data.byteAt(data.size())).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new PseudoRandomBytes(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
