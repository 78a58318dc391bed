package org.swhvault.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SizeLimitedOutputStreamTest {
    @Test
    void writingExactlyTheLimitIsAllowed() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SizeLimitedOutputStream out = new SizeLimitedOutputStream(bytes, 8);
        out.write(new byte[5]);
        out.write(1);
        out.write(new byte[] {1, 2, 3}, 1, 2);

        assertThat(out.count()).isEqualTo(8);
        assertThat(bytes.size()).isEqualTo(8);
    }

    @Test
    void aWriteThatWouldExceedTheLimitFailsWithTheReferenceMessageAndWritesNothing() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SizeLimitedOutputStream out = new SizeLimitedOutputStream(bytes, 8);
        out.write(new byte[6]);

        assertThatThrownBy(() -> out.write(new byte[3]))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BUNDLE_TOO_LARGE))
                .hasMessage("The requested bundle exceeds the maximum allowed size of 8 bytes.");
        assertThat(bytes.size()).isEqualTo(6);
        assertThat(out.count()).isEqualTo(6);
        out.write(new byte[2]);
        assertThatThrownBy(() -> out.write(0)).isInstanceOf(VaultException.class);
        assertThat(bytes.size()).isEqualTo(8);
    }

    @Test
    void aZeroLimitRefusesEverything() {
        SizeLimitedOutputStream out = new SizeLimitedOutputStream(new ByteArrayOutputStream(), 0);

        assertThatThrownBy(() -> out.write(7)).isInstanceOf(VaultException.class)
                .hasMessageContaining("maximum allowed size of 0 bytes");
    }
}
