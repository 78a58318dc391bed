package org.swhvault.core.cook.gitbare.pack;

import org.swhvault.core.internal.io.Workers;
import org.swhvault.core.internal.io.ParallelDeflateOutputStream;
import org.swhvault.core.internal.io.OrderedTasks;
import org.swhvault.core.internal.io.DeflaterPool;
import org.swhvault.core.internal.io.DeflateFraming;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ObjectId;

import static java.util.Objects.requireNonNull;

/**
 * Writes a git pack (version 2) and its version 2 index to temporary files, from objects given one
 * by one with their ids, for repositories of any size.
 *
 * <p>Small objects are grouped in batches compressed in parallel ({@link PackBatch}); an object of
 * {@code largeObjectThreshold} bytes or more is streamed and compressed in parallel blocks inside one
 * zlib stream, after the batches before it. With a delta window ({@link PackWriterBuilder#deltas}),
 * objects are expected in delta order ({@link DeltaOrder}) with their group, and each small object may
 * be stored as an offset delta of an object before it ({@link DeltaWindow}). A batch then ends where a
 * group ends once it holds {@value #DELTA_BATCH_BYTES} bytes, or inside a group at four times that; a
 * batch that starts inside a group waits for the batch before and continues its window, so where
 * batches end changes no delta, and batches of different paths are searched in parallel. Each object's
 * bytes depend only on the objects given and the settings, and batches end at points fixed by the
 * sizes and groups given, so the pack is the same whatever the thread count. Ids are written as given
 * (they are SWH ids, and placeholder blobs deliberately do not hash to theirs); {@link
 * PackWriterBuilder#verifyIds} checks them. Memory: the batches in flight (with deltas, one more than
 * the threads, each up to {@code 4 * }{@value #DELTA_BATCH_BYTES} bytes, plus each thread's window)
 * plus 32 bytes per object up to {@link PackIndexBuilder#DEFAULT_CHUNK_CAPACITY} objects, spilled to
 * disk beyond.
 *
 * <p>Not thread-safe: one thread adds objects.
 */
public final class PackWriter implements AutoCloseable {
    private static final int BATCH_BYTES = 1 << 20;
    private static final int BATCH_OBJECTS = 4096;
    static final int DELTA_BATCH_BYTES = 2 << 20;
    /** The group of an object added without one: a batch may end before it. */
    private static final long NO_GROUP = Long.MIN_VALUE;
    private static final long MAX_OBJECTS = PackWriterBuilder.MAX_OBJECTS;

    private final Path directory;
    private final Path packPath;
    private final FileChannel channel;
    private final PackOutput output;
    private final Workers workers;
    private final DeflaterPool objectDeflaters;
    private final DeflaterPool blockDeflaters;
    private final OrderedTasks<PackBatch.Result> tasks;
    private final PackIndexBuilder index;
    private final IdMismatchHandler mismatchHandler;
    private final long announcedCount;
    private final int largeObjectThreshold;
    private final DeltaWindow.Settings deltas;
    private final long deltaBatchBytes;
    private List<PackBatch.Entry> batch = new ArrayList<>();
    private long batchBytes;
    private long batchGroup = NO_GROUP;
    /** The last batch submitted, whose window the next one continues if it starts in the middle of a path. */
    private FutureTask<PackBatch.Result> lastBatch;
    private boolean continues;
    private long added;
    private boolean finished;
    private boolean closed;
    private Throwable failure;

    PackWriter(PackWriterBuilder b) throws IOException {
        this.directory = b.directory();
        this.workers = b.workers();
        this.objectDeflaters = new DeflaterPool(b.level(), false);
        this.blockDeflaters = new DeflaterPool(b.level(), true);
        this.mismatchHandler = b.verifyIds() ? b.mismatchHandler() : null;
        this.announcedCount = b.objectCount();
        this.largeObjectThreshold = b.largeObjectThreshold();
        this.deltas = b.deltaSettings();
        this.deltaBatchBytes = b.deltaBatchBytes();
        this.index = new PackIndexBuilder(directory, b.indexChunkCapacity());
        this.tasks = new OrderedTasks<>(workers.executor(),
                deltas == null ? 2 * workers.parallelism() + 1 : workers.parallelism() + 1, this::write);
        this.packPath = Files.createTempFile(directory, "pack-", ".pack");
        FileChannel ch = null;
        try {
            ch = FileChannel.open(packPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
            this.channel = ch;
            this.output = new PackOutput(ch, announcedCount);
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            Files.deleteIfExists(packPath);
            release();
            throw e;
        }
    }

    /**
     * Returns a builder for a writer whose temporary files go to {@code directory}.
     *
     * @param directory an existing directory for the pack, its index and spill files
     * @return the builder
     */
    public static PackWriterBuilder builder(Path directory) {
        return new PackWriterBuilder(directory);
    }

    /**
     * Adds an object. {@code body} is the object without its {@code "<type> <size>\0"} header; it
     * is not copied, so the caller must not change it afterwards.
     *
     * @throws IOException if writing the pack fails
     * @throws VaultException from the {@link IdMismatchHandler}, here or on a later call
     */
    public void add(GitObjectType type, ObjectId id, byte[] body) throws IOException {
        add(type, id, body, NO_GROUP);
    }

    /**
     * Adds an object of a delta group ({@link DeltaOrder.Cursor#group()}): with deltas, a batch ends
     * between groups rather than inside one. {@code body} is the object without its
     * {@code "<type> <size>\0"} header; it is not copied, so the caller must not change it afterwards.
     *
     * @throws IOException if writing the pack fails
     * @throws VaultException from the {@link IdMismatchHandler}, here or on a later call
     */
    public void add(GitObjectType type, ObjectId id, byte[] body, long group) throws IOException {
        requireNonNull(type, "type is null");
        requireNonNull(id, "id is null");
        requireNonNull(body, "body is null");
        checkOpen();
        try {
            if (body.length >= largeObjectThreshold) {
                addLarge(type, id, body.length, new ByteArrayInputStream(body));
                return;
            }
            if (deltas != null && !batch.isEmpty()) {
                boolean sameGroup = group == batchGroup && group != NO_GROUP;
                if (batchBytes >= deltaBatchBytes && !sameGroup || batchBytes + body.length > 4 * deltaBatchBytes) {
                    submitBatch();
                    continues = sameGroup;
                }
            }
            countOne();
            batch.add(new PackBatch.Entry(type, id, body));
            batchBytes += body.length;
            batchGroup = group;
            if (deltas == null && (batchBytes >= BATCH_BYTES || batch.size() >= BATCH_OBJECTS)) {
                submitBatch();
            }
        } catch (IOException | RuntimeException | Error e) {
            fail(e);
            throw e;
        }
    }

    /**
     * Adds an object whose body is the next {@code size} bytes of {@code body}, which must then be
     * at its end. Large bodies are streamed, never held in memory. Does not close {@code body}.
     *
     * @throws IOException if {@code body} is shorter or longer than {@code size}, or I/O fails
     */
    public void add(GitObjectType type, ObjectId id, long size, InputStream body) throws IOException {
        add(type, id, size, body, NO_GROUP);
    }

    /**
     * Adds an object of a delta group whose body is the next {@code size} bytes of {@code body}, which
     * must then be at its end; see {@link #add(GitObjectType, ObjectId, byte[], long)}. Objects of
     * {@code largeObjectThreshold} bytes or more are streamed, never held in memory, and stored whole.
     * Does not close {@code body}.
     *
     * @throws IOException if {@code body} is shorter or longer than {@code size}, or I/O fails
     */
    public void add(GitObjectType type, ObjectId id, long size, InputStream body, long group) throws IOException {
        requireNonNull(body, "body is null");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        if (size >= largeObjectThreshold) {
            requireNonNull(type, "type is null");
            requireNonNull(id, "id is null");
            checkOpen();
            try {
                addLarge(type, id, size, body);
            } catch (IOException | RuntimeException | Error e) {
                fail(e);
                throw e;
            }
            return;
        }
        byte[] bytes = body.readNBytes((int) size);
        if (bytes.length < size) {
            throw new EOFException("The body of " + id + " ended after " + bytes.length + " bytes, expected " + size);
        }
        if (body.read() >= 0) {
            throw new IOException("The body of " + id + " is longer than the expected " + size + " bytes");
        }
        add(type, id, bytes, group);
    }

    /** Returns how many objects were added so far. */
    public long objectCount() {
        return added;
    }

    /**
     * Writes what is left, the trailer and the index. The returned files are the caller's to
     * delete (by closing it); this writer's {@link #close()} no longer touches them.
     *
     * @throws IOException if writing fails
     * @throws IllegalStateException if an object count was announced and a different number of
     *     objects was added, or an id was added twice
     */
    public PackFile finish() throws IOException {
        checkOpen();
        Path indexPath = null;
        try {
            submitBatch();
            tasks.drain();
            if (announcedCount >= 0 && added != announcedCount) {
                throw new IllegalStateException("The pack was announced with " + announcedCount
                        + " objects but " + added + " were added");
            }
            byte[] checksum = output.finishPack(added);
            long packSize = output.position();
            channel.close();
            indexPath = Files.createTempFile(directory, "pack-", ".idx");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(indexPath), 1 << 16)) {
                index.write(checksum, out);
            }
            finished = true;
            return new PackFile(packPath, indexPath, checksum, added, packSize, Files.size(indexPath));
        } catch (IOException | RuntimeException | Error e) {
            fail(e);
            if (indexPath != null) {
                Files.deleteIfExists(indexPath);
            }
            throw e;
        }
    }

    /** Stops the threads this writer owns and, unless {@link #finish()} succeeded, deletes the files. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        tasks.cancel();
        try {
            channel.close();
            index.close();
            if (!finished) {
                Files.deleteIfExists(packPath);
            }
        } finally {
            release();
        }
    }

    private void addLarge(GitObjectType type, ObjectId id, long size, InputStream body) throws IOException {
        submitBatch();
        tasks.drain();
        continues = false; // this object comes between the batches: the next one starts a new window
        lastBatch = null;
        countOne();
        long offset = output.position();
        output.startEntry();
        output.write(PackBatch.entryHeader(type, size));
        MessageDigest sha1 = null;
        if (mismatchHandler != null) {
            sha1 = Sha1.newDigest();
            sha1.update(type.objectHeader(size));
        }
        ParallelDeflateOutputStream zlib = new ParallelDeflateOutputStream(output, DeflateFraming.ZLIB, workers, false,
                blockDeflaters, false, ParallelDeflateOutputStream.DEFAULT_BLOCK_SIZE);
        byte[] buffer = new byte[1 << 16];
        for (long left = size; left > 0; ) {
            int n = body.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("The body of " + id + " ended after " + (size - left) + " bytes, expected " + size);
            }
            zlib.write(buffer, 0, n);
            if (sha1 != null) {
                sha1.update(buffer, 0, n);
            }
            left -= n;
        }
        if (body.read() >= 0) {
            throw new IOException("The body of " + id + " is longer than the expected " + size + " bytes");
        }
        zlib.finish();
        index.add(id, offset, output.endEntry());
        if (sha1 != null) {
            checkId(type, id, ObjectId.of(sha1.digest()));
        }
    }

    private void submitBatch() throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        List<PackBatch.Entry> entries = batch;
        boolean verify = mismatchHandler != null;
        batch = new ArrayList<>();
        batchBytes = 0;
        batchGroup = NO_GROUP;
        if (deltas == null) {
            tasks.submit(() -> PackBatch.compress(entries, objectDeflaters, verify, null));
            return;
        }
        FutureTask<PackBatch.Result> previous = continues ? lastBatch : null;
        continues = false;
        lastBatch = tasks.submit(() -> PackBatch.compress(entries, objectDeflaters, verify,
                previous == null ? new DeltaWindow(deltas) : windowOf(previous)));
    }

    /**
     * Returns the window a batch left, once it is complete: run here if no thread has started it yet
     * (it precedes the caller's batch, so it cannot be waiting for it).
     */
    private static DeltaWindow windowOf(FutureTask<PackBatch.Result> batch) throws IOException {
        batch.run();
        try {
            return batch.get().window();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the batch before");
        } catch (ExecutionException | CancellationException e) {
            throw new IOException("The batch before failed", e);
        }
    }

    /** Appends a compressed batch to the pack: runs on the adding thread, in order. */
    private void write(PackBatch.Result result) throws IOException {
        long base = output.position();
        for (int i = 0; i < result.ids().length; i++) {
            index.add(result.ids()[i], base + result.starts()[i], result.crcs()[i]);
        }
        output.write(result.data(), 0, result.length());
        for (PackBatch.Mismatch m : result.mismatches()) {
            checkId(m.type(), m.given(), m.actual());
        }
    }

    private void checkId(GitObjectType type, ObjectId given, ObjectId actual) {
        if (!given.equals(actual)) {
            mismatchHandler.mismatch(type, given, actual);
        }
    }

    private void countOne() {
        if (announcedCount >= 0 && added >= announcedCount) {
            throw new IllegalStateException("The pack was announced with " + announcedCount + " objects; one more was added");
        }
        if (added == MAX_OBJECTS) {
            throw new VaultException(ErrorCode.BUNDLE_TOO_LARGE, "A git pack holds at most " + MAX_OBJECTS + " objects.");
        }
        added++;
    }

    private void checkOpen() throws IOException {
        if (failure != null) {
            throw new IOException("The pack writer failed earlier", failure);
        }
        if (finished || closed) {
            throw new IOException("The pack writer is already finished or closed");
        }
    }

    private void fail(Throwable e) {
        if (failure == null) {
            failure = e;
            tasks.cancel();
        }
    }

    private void release() {
        workers.close();
        objectDeflaters.close();
        blockDeflaters.close();
    }
}
