package org.swhvault.core.internal.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executor;

/**
 * A gzip stream compressed on several threads (pigz-style, see {@link ParallelDeflateOutputStream}),
 * whose bytes depend only on the input and the level: gzip header with mtime 0 and OS byte 3, 128 KiB
 * blocks, CRC32 and length trailer. {@code gzip -d} and {@link java.util.zip.GZIPInputStream} read it.
 * Not thread-safe: one thread writes.
 */
public final class ParallelGzipOutputStream extends ParallelDeflateOutputStream {
    /**
     * Creates a stream at level 6 using as many threads as there are processors.
     *
     * @param out where the gzip bytes go; closed by {@link #close()}
     * @throws IOException if writing the header fails
     */
    public ParallelGzipOutputStream(OutputStream out) throws IOException {
        this(out, DEFAULT_LEVEL, Workers.defaultThreads());
    }

    /**
     * Creates a stream compressing on {@code threads} daemon threads of its own (on the writing
     * thread if 1), stopped by {@link #close()}.
     *
     * @param out where the gzip bytes go; closed by {@link #close()}
     * @param level the deflate level, 0 to 9
     * @param threads how many threads compress at once, at least 1
     * @throws IOException if writing the header fails
     */
    public ParallelGzipOutputStream(OutputStream out, int level, int threads) throws IOException {
        this(out, level, Workers.ofThreads(threads, "swhvault-gzip"), true, DEFAULT_BLOCK_SIZE);
    }

    /**
     * Creates a stream compressing on a caller's executor, which it never shuts down. The writing
     * thread compresses the oldest block itself when no worker has started it, so a saturated
     * executor slows the stream down but cannot deadlock it.
     *
     * @param out where the gzip bytes go; closed by {@link #close()}
     * @param level the deflate level, 0 to 9
     * @param executor where blocks are compressed
     * @param parallelism how many blocks may be compressed at once, at least 1
     * @throws IOException if writing the header fails
     */
    public ParallelGzipOutputStream(OutputStream out, int level, Executor executor, int parallelism)
            throws IOException {
        this(out, level, Workers.shared(executor, parallelism), false, DEFAULT_BLOCK_SIZE);
    }

    ParallelGzipOutputStream(OutputStream out, int level, Workers workers, boolean ownsWorkers, int blockSize)
            throws IOException {
        this(out, workers, ownsWorkers, new DeflaterPool(level, true), blockSize);
    }

    ParallelGzipOutputStream(OutputStream out, Workers workers, boolean ownsWorkers, DeflaterPool deflaters,
            int blockSize) throws IOException {
        super(out, DeflateFraming.GZIP, workers, ownsWorkers, deflaters, true, blockSize);
    }
}
