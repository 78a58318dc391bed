package org.swhvault.core.cook.internal;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ObjectId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExactLengthInputStreamTest {
    private static final ObjectId ID = ObjectId.fromHex("0123456789abcdef0123456789abcdef01234567");
    private static final byte[] TWELVE = "twelve bytes".getBytes(StandardCharsets.US_ASCII);

    private static ExactLengthInputStream exact(InputStream in, long length) {
        return new ExactLengthInputStream(in, ID, length);
    }

    @Test
    void theAnnouncedBytesPassThroughAndTheSourceIsClosed() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream source = new FilterInputStream(new ByteArrayInputStream(TWELVE)) {
            @Override
            public void close() throws IOException {
                closed.set(true);
                super.close();
            }
        };
        try (InputStream in = exact(source, 12)) {
            assertThat(in.read()).isEqualTo('t');
            assertThat(in.readAllBytes()).isEqualTo("welve bytes".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.read(new byte[0], 0, 0)).isZero();
        }
        assertThat(closed).isTrue();
    }

    @Test
    void fewerOrMoreBytesThanAnnouncedAreACorruptObjectNamingTheContent() {
        for (long announced : new long[] {11, 13, 0}) {
            assertThatThrownBy(() -> exact(new ByteArrayInputStream(TWELVE), announced).readAllBytes())
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT))
                    .hasMessageContaining("swh:1:cnt:" + ID.toHex())
                    .hasMessageContaining("the " + announced + " bytes");
        }
    }

    @Test
    void aLengthGivenLaterIsCheckedOnlyFromThenOn() throws IOException {
        try (ExactLengthInputStream in = ExactLengthInputStream.lengthLater(new ByteArrayInputStream(TWELVE), ID)) {
            assertThat(in.readNBytes(5)).isEqualTo("twelv".getBytes(StandardCharsets.US_ASCII));
            in.expect(12, 7);
            assertThat(in.readAllBytes()).isEqualTo("e bytes".getBytes(StandardCharsets.US_ASCII));
        }
        try (InputStream in = ExactLengthInputStream.lengthLater(new ByteArrayInputStream(TWELVE), ID)) {
            assertThat(in.readAllBytes()).isEqualTo(TWELVE);
        }
        for (long announced : new long[] {11, 13}) {
            ExactLengthInputStream in = ExactLengthInputStream.lengthLater(new ByteArrayInputStream(TWELVE), ID);
            assertThat(in.readNBytes(5)).hasSize(5);
            in.expect(announced, announced - 5);
            assertThatThrownBy(in::readAllBytes)
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT))
                    .hasMessageContaining("swh:1:cnt:" + ID.toHex())
                    .hasMessageContaining("the " + announced + " bytes");
        }
    }

    @Test
    void expectingFewerBytesThanWereAlreadyReadIsACorruptObject() throws IOException {
        ExactLengthInputStream in = ExactLengthInputStream.lengthLater(new ByteArrayInputStream(TWELVE), ID);
        assertThat(in.readNBytes(5)).hasSize(5);
        assertThatThrownBy(() -> in.expect(4, -1))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT))
                .hasMessageContaining("more than the 4 bytes");
    }

    @Test
    void readAndCloseFailuresOfTheSourceAreSourceFailures() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }

            @Override
            public void close() throws IOException {
                throw new IOException("still on fire");
            }
        };
        assertThatThrownBy(() -> exact(broken, 5).read())
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILURE))
                .hasMessageContaining("disk on fire");
        assertThatThrownBy(() -> exact(broken, 5).close())
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILURE))
                .hasMessageContaining("still on fire");
    }
}
