package org.swhvault.core.internal.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.swhvault.testing.process.Processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class ParallelGzipOutputStreamTest {
    private static final int BLOCK = ParallelDeflateOutputStream.DEFAULT_BLOCK_SIZE;

    @TempDir
    Path tmp;

    static byte[] mixedInput(int size, long seed) {
        Random random = new Random(seed);
        byte[] data = new byte[size];
        byte[] text = ("The Software Heritage archive stores source code; the vault cooks bundles of it. "
                + "int main(void) { return 0; }\n").getBytes(StandardCharsets.US_ASCII);
        int pos = 0;
        while (pos < size) {
            int run = Math.min(size - pos, 1 + random.nextInt(200_000));
            if (random.nextBoolean()) {
                byte[] noise = new byte[run];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, data, pos, run);
            } else {
                for (int i = 0; i < run; i++) {
                    data[pos + i] = text[(i + random.nextInt(3)) % text.length];
                }
            }
            pos += run;
        }
        return data;
    }

    static byte[] gzip(byte[] input, int threads) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gz = new ParallelGzipOutputStream(bytes, 6, threads)) {
            // odd write sizes so that writes straddle block boundaries
            int pos = 0;
            int step = 1;
            while (pos < input.length) {
                int n = Math.min(input.length - pos, step);
                gz.write(input, pos, n);
                pos += n;
                step = step * 7 % 100_003 + 1;
            }
        }
        return bytes.toByteArray();
    }

    static byte[] gunzipJdk(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK, 3 * BLOCK + 12345})
    void gzipAndTheJdkReadBackTheInput(int size) throws IOException {
        byte[] input = mixedInput(size, size);
        byte[] gz = gzip(input, 2);

        assertThat(gunzipJdk(gz)).isEqualTo(input);
        Path file = tmp.resolve("in.gz");
        Files.write(file, gz);
        Processes.run(tmp, "gzip", "-t", file.toString());
        assertThat(Processes.run(tmp, "gzip", "-dc", file.toString())).isEqualTo(input);
    }

    @Test
    void twentyMegabytesOfRandomAndTextRoundTripThroughGzip() throws IOException {
        byte[] input = mixedInput(20_000_000, 42);
        byte[] gz = gzip(input, 4);
        Path file = tmp.resolve("big.gz");
        Files.write(file, gz);

        Processes.run(tmp, "gzip", "-t", file.toString());
        assertThat(Processes.run(tmp, "gzip", "-dc", file.toString())).isEqualTo(input);
        assertThat(gz.length).isLessThan(input.length * 3 / 4);
    }

    @Test
    void outputIsTheSameForOneTwoAndEightThreads() throws IOException {
        byte[] input = mixedInput(3_000_000, 7);
        byte[] one = gzip(input, 1);

        assertThat(gzip(input, 2)).isEqualTo(one);
        assertThat(gzip(input, 8)).isEqualTo(one);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ParallelGzipOutputStream gz = new ParallelGzipOutputStream(bytes, 6, pool, 3)) {
                gz.write(input);
            }
            assertThat(bytes.toByteArray()).isEqualTo(one);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void headerHasNoTimestampAndTheUnixOsByte() throws IOException {
        byte[] gz = gzip("hello".getBytes(StandardCharsets.US_ASCII), 1);

        assertThat(gz).startsWith(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3);
    }

    @Test
    void compressesAboutAsWellAsGzipAtTheSameLevel() throws IOException {
        byte[] input = mixedInput(2_000_000, 3);
        Path file = tmp.resolve("plain");
        Files.write(file, input);
        int reference = Processes.run(tmp, "gzip", "-6", "-n", "-c", file.toString()).length;

        assertThat(gzip(input, 2).length).isBetween(reference * 95 / 100, reference * 102 / 100);
    }

    @Test
    void failingCompressionTaskSurfacesOnWriteWhenCompressingInline() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ParallelGzipOutputStream gz = new ParallelGzipOutputStream(bytes, Workers.ofThreads(1, "t"), true,
                failingPool(2), BLOCK);
        byte[] input = mixedInput(BLOCK * 5, 1);

        Throwable thrown = catchThrowable(() -> gz.write(input));

        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("deflater broke");
        assertThatThrownBy(() -> gz.write(1)).isInstanceOf(IOException.class).hasRootCauseMessage("deflater broke");
        assertThatThrownBy(gz::close).isInstanceOf(IOException.class).hasMessageContaining("incomplete");
        gz.close(); // idempotent, and does not throw again
    }

    @Test
    void failingCompressionTaskSurfacesOnWriteOrCloseWithManyThreads() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ParallelGzipOutputStream gz = new ParallelGzipOutputStream(bytes, Workers.ofThreads(4, "t"), true,
                failingPool(3), BLOCK);
        byte[] input = mixedInput(BLOCK * 12, 1);

        Throwable thrown = catchThrowable(() -> {
            try (gz) {
                gz.write(input);
            }
        });

        assertThat(thrown).isNotNull();
        assertThat(thrown.getMessage() + " " + thrown.getCause()).contains("deflater broke");
    }

    @Test
    void closeIsIdempotentAndClosesTheUnderlyingStreamOnce() throws IOException {
        AtomicInteger closes = new AtomicInteger();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
            }

            @Override
            public void close() {
                closes.incrementAndGet();
            }
        };
        ParallelGzipOutputStream gz = new ParallelGzipOutputStream(counting, 6, 2);
        gz.write("abc".getBytes(StandardCharsets.US_ASCII));
        gz.close();
        gz.close();

        assertThat(closes).hasValue(1);
        assertThat(gunzipJdk(bytes.toByteArray())).containsExactly('a', 'b', 'c');
        assertThatThrownBy(() -> gz.write(1)).isInstanceOf(IOException.class);
    }

    @Test
    void finishLeavesTheUnderlyingStreamOpen() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ParallelGzipOutputStream gz = new ParallelGzipOutputStream(bytes, 1, 2);
        gz.write(new byte[1000]);
        gz.finish();
        gz.finish();
        bytes.write(0x42); // still usable

        assertThat(bytes.toByteArray()[8]).isEqualTo((byte) 4); // XFL of level 1
        gz.close();
    }

    /** A pool whose {@code n}th acquisition (from 0) fails, as a broken compression task would. */
    private static DeflaterPool failingPool(int n) {
        AtomicInteger calls = new AtomicInteger();
        return new DeflaterPool(6, true) {
            @Override
            public synchronized Deflater acquire() {
                if (calls.getAndIncrement() == n) {
                    throw new IllegalStateException("deflater broke");
                }
                return super.acquire();
            }
        };
    }
}
