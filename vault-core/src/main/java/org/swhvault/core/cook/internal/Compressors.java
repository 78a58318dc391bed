package org.swhvault.core.cook.internal;

import java.io.IOException;
import java.io.OutputStream;

import org.swhvault.core.internal.io.ParallelGzipOutputStream;
import org.swhvault.spi.cook.BundleCompression;

import com.github.luben.zstd.ZstdOutputStream;

import static java.util.Objects.requireNonNull;

/** Opens the compressing streams of {@link BundleCompression}s. */
public final class Compressors {
    private Compressors() {
    }

    /**
     * Returns a stream that compresses into {@code out}; closing it ends the compressed stream and closes
     * {@code out}. The bytes depend only on what is written and the level, never on {@code threads}.
     *
     * @param compression how to compress
     * @param out where the compressed bytes go
     * @param level the level: gzip's 0 to 9, zstd's 1 to 19
     * @param threads how many threads compress, at least 1
     * @return the stream, written by one thread
     * @throws IOException if writing a header fails
     */
    public static OutputStream open(BundleCompression compression, OutputStream out, int level, int threads)
            throws IOException {
        requireNonNull(compression, "compression is null");
        requireNonNull(out, "out is null");
        compression.checkLevel(level);
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be positive: " + threads);
        }
        if (compression == BundleCompression.GZIP) {
            return new ParallelGzipOutputStream(out, level, threads);
        }
        ZstdOutputStream zstd = new ZstdOutputStream(out, level);
        // Always on workers, even one: zstd's single-threaded mode cuts the frame differently, and the
        // bytes must not depend on the thread count. With a checksum, as the zstd command writes.
        zstd.setWorkers(threads);
        zstd.setChecksum(true);
        return zstd;
    }
}
