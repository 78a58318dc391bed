package org.swhvault.core.cook.gitbare.pack;

import org.swhvault.core.internal.io.Workers;
import org.swhvault.core.internal.io.ParallelDeflateOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executor;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ObjectId;

import static java.util.Objects.requireNonNull;

/** Settings of a {@link PackWriter}; see {@link PackWriter#builder}. */
public final class PackWriterBuilder {
    static final long MAX_OBJECTS = 0xffffffffL;

    private final Path directory;
    private int level = ParallelDeflateOutputStream.DEFAULT_LEVEL;
    private int threads = Workers.defaultThreads();
    private Executor executor;
    private int parallelism;
    private boolean verifyIds;
    private IdMismatchHandler mismatchHandler = PackWriterBuilder::throwCorrupt;
    private long objectCount = -1;
    private int indexChunkCapacity = PackIndexBuilder.DEFAULT_CHUNK_CAPACITY;
    private int largeObjectThreshold = 1 << 20;
    private int deltaWindow;
    private int deltaDepth = DEFAULT_DELTA_DEPTH;
    private long deltaMemory = DEFAULT_DELTA_MEMORY;
    private long deltaBatchBytes = PackWriter.DELTA_BATCH_BYTES;

    /** The default delta window: how many objects before it each object is compared with, as git's. */
    public static final int DEFAULT_DELTA_WINDOW = 10;
    /** The default maximum length of a delta chain, as git's. */
    public static final int DEFAULT_DELTA_DEPTH = 50;
    static final long DEFAULT_DELTA_MEMORY = 16 << 20;

    PackWriterBuilder(Path directory) {
        this.directory = requireNonNull(directory, "directory is null");
    }

    /** Sets the zlib level of object data, 0 to 9; default 6, as git's. */
    public PackWriterBuilder level(int level) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("compression level must be 0 to 9: " + level);
        }
        this.level = level;
        return this;
    }

    /** Compresses on {@code threads} daemon threads of the writer's own; default: one per processor. */
    public PackWriterBuilder threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be positive: " + threads);
        }
        this.threads = threads;
        this.executor = null;
        return this;
    }

    /** Compresses on a caller's executor, never shut down by the writer, running up to {@code parallelism} tasks. */
    public PackWriterBuilder executor(Executor executor, int parallelism) {
        this.executor = requireNonNull(executor, "executor is null");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive: " + parallelism);
        }
        this.parallelism = parallelism;
        return this;
    }

    /**
     * Checks that each object hashes to its id; a mismatch throws {@link ErrorCode#CORRUPT_OBJECT}
     * unless {@link #onIdMismatch} says otherwise. Off by default.
     */
    public PackWriterBuilder verifyIds(boolean verify) {
        this.verifyIds = verify;
        return this;
    }

    /** Sets what a mismatch found by {@link #verifyIds} does. */
    public PackWriterBuilder onIdMismatch(IdMismatchHandler handler) {
        this.mismatchHandler = requireNonNull(handler, "handler is null");
        return this;
    }

    /**
     * Announces the number of objects: the pack checksum is then computed while writing, instead of
     * reading the whole pack again at the end.
     */
    public PackWriterBuilder objectCount(long count) {
        if (count < 0 || count > MAX_OBJECTS) {
            throw new IllegalArgumentException("object count must be 0 to 2^32-1: " + count);
        }
        this.objectCount = count;
        return this;
    }

    /**
     * Stores objects as deltas of similar objects before them: each small object is compared with up to
     * {@code window} objects before it (in a window of at most 16 MiB per thread), and delta chains are at
     * most {@code depth} long. Objects are then expected in delta order, with their groups
     * ({@link PackWriter#add(GitObjectType, ObjectId, byte[], long)}). Default: no deltas.
     *
     * @param window how many objects each is compared with, 0 for no deltas
     * @param depth the maximum length of a delta chain, at least 1
     */
    public PackWriterBuilder deltas(int window, int depth) {
        if (window < 0 || depth < 1) {
            throw new IllegalArgumentException("delta window must not be negative and depth must be positive: "
                    + window + ", " + depth);
        }
        this.deltaWindow = window;
        this.deltaDepth = depth;
        return this;
    }

    PackWriterBuilder deltaBatchBytes(long bytes) {
        this.deltaBatchBytes = bytes;
        return this;
    }

    PackWriterBuilder deltaMemory(long bytes) {
        this.deltaMemory = bytes;
        return this;
    }

    DeltaWindow.Settings deltaSettings() {
        return deltaWindow == 0 ? null : new DeltaWindow.Settings(deltaWindow, deltaDepth, deltaMemory);
    }

    long deltaBatchBytes() {
        return deltaBatchBytes;
    }

    /**
     * Bounds the heap the pack index's records take (32 bytes per object) before they are sorted and spilled
     * to the pack's directory; at most {@value PackIndexBuilder#DEFAULT_CHUNK_CAPACITY} records are held
     * whatever the bound. The pack's bytes do not depend on it.
     *
     * @param bytes the heap allowed, at least 32
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is below 32
     */
    public PackWriterBuilder indexMemory(long bytes) {
        if (bytes < IndexChunk.RECORD_BYTES) {
            throw new IllegalArgumentException("index memory must be at least " + IndexChunk.RECORD_BYTES + " bytes: " + bytes);
        }
        return indexChunkCapacity((int) Math.min(PackIndexBuilder.DEFAULT_CHUNK_CAPACITY, bytes / IndexChunk.RECORD_BYTES));
    }

    PackWriterBuilder indexChunkCapacity(int capacity) {
        this.indexChunkCapacity = capacity;
        return this;
    }

    PackWriterBuilder largeObjectThreshold(int bytes) {
        this.largeObjectThreshold = bytes;
        return this;
    }

    /**
     * Creates the writer and its temporary pack file.
     *
     * @throws IOException if the file cannot be created
     */
    public PackWriter open() throws IOException {
        return new PackWriter(this);
    }

    Path directory() {
        return directory;
    }

    int level() {
        return level;
    }

    Workers workers() {
        return executor != null ? Workers.shared(executor, parallelism) : Workers.ofThreads(threads, "swhvault-pack");
    }

    boolean verifyIds() {
        return verifyIds;
    }

    IdMismatchHandler mismatchHandler() {
        return mismatchHandler;
    }

    long objectCount() {
        return objectCount;
    }

    int indexChunkCapacity() {
        return indexChunkCapacity;
    }

    int largeObjectThreshold() {
        return largeObjectThreshold;
    }

    private static void throwCorrupt(GitObjectType type, ObjectId given, ObjectId actual) {
        throw new VaultException(ErrorCode.CORRUPT_OBJECT, "The " + type.gitName() + " " + given
                + " does not hash to its id: its bytes hash to " + actual + ".");
    }
}
