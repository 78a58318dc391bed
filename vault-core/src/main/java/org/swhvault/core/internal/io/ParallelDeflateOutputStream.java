package org.swhvault.core.internal.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.Checksum;
import java.util.zip.Deflater;

import static java.util.Objects.requireNonNull;

/**
 * Deflates a stream in fixed-size blocks on several threads, the way pigz does, and writes one
 * ordinary deflate stream inside a gzip or zlib wrapper.
 *
 * <p>Each block is compressed on its own with the last 32 KiB of the previous block as preset
 * dictionary, and ends with a sync flush (an empty stored block, byte-aligned), so the compressed
 * blocks simply concatenate; the last one ends with the final-block bit. A block's compressed bytes
 * depend only on its input, its dictionary and the level, so the output is the same whatever the
 * number of threads. A full block is handed over only when more input arrives, so the input length
 * alone decides where blocks end. {@link #flush()} never ends a block early, for the same reason.
 *
 * <p>At most {@code 2 * parallelism + 1} blocks are in flight, so memory stays around
 * {@code 2 * (2 * parallelism + 1) * blockSize}. Input blocks and output buffers are reused once
 * written, so a long stream allocates no more than that. Not thread-safe: one thread writes.
 */
public class ParallelDeflateOutputStream extends OutputStream {
    public static final int DEFAULT_BLOCK_SIZE = 128 * 1024;
    public static final int DEFAULT_LEVEL = 6;
    private static final int DICTIONARY_SIZE = 32 * 1024;

    private final OutputStream out;
    private final DeflateFraming framing;
    private final Checksum checksum;
    private final Workers workers;
    private final boolean ownsWorkers;
    private final DeflaterPool deflaters;
    private final boolean ownsDeflaters;
    private final OrderedTasks<Chunk> tasks;
    private final int blockSize;
    private final int outputSize;
    /** Full-size input blocks free for reuse; only the writing thread takes and returns them. */
    private final ArrayDeque<byte[]> freeBlocks = new ArrayDeque<>();
    /** Full-size output buffers free for reuse; the compressing threads take them. */
    private final ConcurrentLinkedQueue<byte[]> freeOutputs = new ConcurrentLinkedQueue<>();
    private byte[] block;
    private int filled;
    private byte[] previous;
    private long totalIn;
    private boolean finished;
    private boolean closed;
    private Throwable failure;

    /**
     * A compressed block, and the input block that served as its dictionary: that one is spent once
     * this chunk is consumed, since chunks are consumed in order.
     */
    private record Chunk(byte[] data, int length, byte[] spentInput) {
    }

    /**
     * @param deflaters raw-deflate ({@code nowrap}) deflaters of the wanted level
     * @param ownsWorkers whether {@link #close()} stops {@code workers}
     * @param ownsDeflaters whether {@link #close()} closes {@code deflaters}
     */
    public ParallelDeflateOutputStream(OutputStream out, DeflateFraming framing, Workers workers, boolean ownsWorkers,
            DeflaterPool deflaters, boolean ownsDeflaters, int blockSize) throws IOException {
        this.out = requireNonNull(out, "out is null");
        this.framing = requireNonNull(framing, "framing is null");
        this.workers = requireNonNull(workers, "workers is null");
        this.ownsWorkers = ownsWorkers;
        this.deflaters = requireNonNull(deflaters, "deflaters is null");
        this.ownsDeflaters = ownsDeflaters;
        if (blockSize < DICTIONARY_SIZE) {
            throw new IllegalArgumentException("block size must be at least 32 KiB: " + blockSize);
        }
        this.blockSize = blockSize;
        this.outputSize = blockSize + (blockSize >> 4) + 64;
        this.checksum = framing.newChecksum();
        this.tasks = new OrderedTasks<>(workers.executor(), 2 * workers.parallelism() + 1, this::writeChunk);
        this.block = new byte[blockSize];
        out.write(framing.header(deflaters.level()));
    }

    @Override
    public void write(int b) throws IOException {
        checkWritable();
        try {
            if (filled == blockSize) {
                submit(false);
            }
            block[filled++] = (byte) b;
            checksum.update(b);
            totalIn++;
        } catch (IOException | RuntimeException | Error e) {
            fail(e);
            throw e;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        checkWritable();
        try {
            while (len > 0) {
                if (filled == blockSize) {
                    submit(false);
                }
                int n = Math.min(len, blockSize - filled);
                System.arraycopy(b, off, block, filled, n);
                checksum.update(b, off, n);
                filled += n;
                totalIn += n;
                off += n;
                len -= n;
            }
        } catch (IOException | RuntimeException | Error e) {
            fail(e);
            throw e;
        }
    }

    /** Writes the blocks already compressed and flushes the underlying stream; ends no block. */
    @Override
    public void flush() throws IOException {
        if (finished && failure == null) {
            if (!closed) {
                out.flush();
            }
            return;
        }
        checkWritable();
        try {
            tasks.consumeFinished();
            out.flush();
        } catch (IOException | RuntimeException | Error e) {
            fail(e);
            throw e;
        }
    }

    /**
     * Compresses what is left and writes the trailer, without closing the underlying stream.
     * Idempotent once it succeeded.
     *
     * @throws IOException if compressing or writing fails, now or earlier
     */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        checkWritable();
        try {
            submit(true);
            tasks.drain();
            framing.writeTrailer(out, checksum, totalIn);
            finished = true;
        } catch (IOException | RuntimeException | Error e) {
            fail(e);
            throw e;
        }
    }

    /**
     * Finishes the stream, closes the underlying stream and releases the threads and deflaters
     * this stream owns. Idempotent.
     *
     * @throws IOException if finishing fails, or an earlier failure left the output incomplete
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        Throwable primary = null;
        try {
            if (failure != null) {
                throw new IOException("The compressed stream is incomplete: it failed earlier", failure);
            }
            finish();
        } catch (Throwable t) {
            primary = t;
            throw t;
        } finally {
            closed = true;
            release();
            try {
                out.close();
            } catch (IOException | RuntimeException e) {
                if (primary == null) {
                    throw e;
                }
                primary.addSuppressed(e);
            }
        }
    }

    /** Returns how many uncompressed bytes were written so far. */
    public long bytesIn() {
        return totalIn;
    }

    private void submit(boolean last) throws IOException {
        byte[] input = block;
        int length = filled;
        byte[] dictionary = previous;
        tasks.submit(() -> compress(input, length, dictionary, last));
        previous = input;
        block = last ? null : newBlock();
        filled = 0;
    }

    private byte[] newBlock() {
        byte[] free = freeBlocks.pollFirst();
        return free != null ? free : new byte[blockSize];
    }

    private void writeChunk(Chunk chunk) throws IOException {
        out.write(chunk.data(), 0, chunk.length());
        if (chunk.data().length == outputSize) {
            freeOutputs.add(chunk.data());
        }
        if (chunk.spentInput() != null) {
            freeBlocks.addFirst(chunk.spentInput());
        }
    }

    private Chunk compress(byte[] input, int length, byte[] dictionary, boolean last) {
        Deflater deflater = deflaters.acquire();
        try {
            if (dictionary != null) {
                deflater.setDictionary(dictionary, dictionary.length - DICTIONARY_SIZE, DICTIONARY_SIZE);
            }
            deflater.setInput(input, 0, length);
            if (last) {
                deflater.finish();
            }
            byte[] buf = length == blockSize ? freeOutputs.poll() : null;
            if (buf == null) {
                buf = new byte[length + (length >> 4) + 64];
            }
            int pos = 0;
            while (true) {
                pos += deflater.deflate(buf, pos, buf.length - pos, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
                // A sync flush is complete once it leaves room in the buffer.
                if (last ? deflater.finished() : pos < buf.length) {
                    return new Chunk(buf, pos, dictionary);
                }
                if (pos == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
            }
        } finally {
            deflaters.release(deflater);
        }
    }

    private void checkWritable() throws IOException {
        if (failure != null) {
            throw new IOException("The compressed stream failed earlier", failure);
        }
        if (finished || closed) {
            throw new IOException("The compressed stream is already finished");
        }
    }

    private void fail(Throwable e) {
        if (failure == null) {
            failure = e;
            tasks.cancel();
        }
    }

    private void release() {
        tasks.cancel();
        if (ownsWorkers) {
            workers.close();
        }
        if (ownsDeflaters) {
            deflaters.close();
        }
    }
}
