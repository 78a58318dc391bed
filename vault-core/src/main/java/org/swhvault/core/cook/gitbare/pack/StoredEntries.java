package org.swhvault.core.cook.gitbare.pack;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.eclipse.jgit.internal.storage.file.PackIndex;
import org.eclipse.jgit.internal.storage.file.PackReverseIndex;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.swhvault.core.source.git.internal.JGitIds;

import static java.util.Objects.requireNonNull;

/**
 * Writes a pack of some of the objects of a git repository's packs, each copied as the repository stores it, pack
 * after pack, in each pack's order: a whole object or a delta whose base is in the new pack keeps its compressed
 * bytes (an offset delta gets the new distance to its base, or names its base by id when the base comes from
 * another pack); a delta whose base is left out, and an object that is not in a pack (loose), is stored whole,
 * read through JGit and compressed at the level given. Every entry copied is checked against the CRC32 the
 * repository's index records for it. The index is written by {@link PackIndexBuilder}.
 *
 * <p>Memory: the new offsets take 8 bytes per object of the source pack being copied, on the heap up to a budget
 * and past it in a memory-mapped temporary file; the index's records are sorted within the budget and spill to
 * runs on disk. The sources' indexes and reverse indexes (JGit's) are the caller's. Not thread-safe.
 */
public final class StoredEntries implements AutoCloseable {
    private static final int OBJ_OFS_DELTA = 6;
    private static final int OBJ_REF_DELTA = 7;

    /** What a copy reports as it goes, and where it learns it is cancelled. */
    public interface Progress {
        /**
         * Called every few thousand objects.
         *
         * @throws IOException to stop the copy (cancelled)
         */
        void copied(long done, long total) throws IOException;
    }

    /** A stored entry does not match the CRC32 the repository's index records for it. */
    public static final class CorruptEntryException extends IOException {
        private static final long serialVersionUID = 1L;

        CorruptEntryException(String message) {
            super(message);
        }
    }

    private final Path packPath;
    private final Path indexPath;
    private final FileChannel channel;
    private final PackIndexBuilder indexBuilder;
    private final PackOutput out;
    private final Path work;
    private final long kept;
    private final ObjectReader reader;
    private final int level;
    private final long heapBudget;
    private final Progress progress;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    private final CRC32 crc = new CRC32();
    private long copied;
    private boolean finished;

    private StoredEntries(Path work, long kept, ObjectReader reader, int level, long heapBudget, Progress progress)
            throws IOException {
        this.work = work;
        this.kept = kept;
        this.reader = reader;
        this.level = level;
        this.heapBudget = heapBudget;
        this.progress = requireNonNull(progress, "progress is null");
        this.packPath = work.resolve("stored.pack");
        this.indexPath = work.resolve("stored.idx");
        this.channel = FileChannel.open(packPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        try {
            this.indexBuilder = new PackIndexBuilder(work,
                    (int) Math.max(1024, Math.min(PackIndexBuilder.DEFAULT_CHUNK_CAPACITY, heapBudget / 32)));
            this.out = new PackOutput(channel, kept);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(packPath);
            throw e;
        }
    }

    /**
     * Starts a pack of {@code kept} objects in {@code work}, to be filled by {@link #copy} and {@link #addWhole},
     * then {@link #finish}ed.
     *
     * @param work where the pack, its index and temporary files go
     * @param kept how many objects the pack will hold
     * @param reader reads an object whole when it is not copied as stored
     * @param level the zlib level of objects stored whole
     * @param heapBudget the heap the new offsets of a source pack and the index's records may take before they go
     *     to files
     * @param progress told as objects are added
     * @return the writer, which the caller closes (which deletes its files unless finished)
     * @throws IOException if the pack file cannot be created
     */
    public static StoredEntries open(Path work, long kept, ObjectReader reader, int level, long heapBudget,
            Progress progress) throws IOException {
        return new StoredEntries(work, kept, reader, level, heapBudget, progress);
    }

    /**
     * Copies the objects of {@code source} that {@code keep} accepts, in the order of the pack. An offset delta
     * whose base is copied too keeps its delta with the new distance; one whose base is not copied from this pack
     * but is in the new pack ({@code inPack}) becomes a delta naming its base by id; a delta whose base is not in
     * the new pack is stored whole. Each entry copied is checked against the CRC32 of {@code index}.
     *
     * @param source the pack file, open for reading
     * @param index its index
     * @param reverse its reverse index (positions in the order of the pack)
     * @param keep which of its objects to copy
     * @param inPack which objects the new pack holds, copied from this pack or not
     * @return how many objects were copied
     * @throws CorruptEntryException if a stored entry does not match its CRC32
     * @throws IOException if reading or writing fails, or the progress stops the copy
     */
    public long copy(FileChannel source, PackIndex index, PackReverseIndex reverse, Predicate<AnyObjectId> keep,
            Predicate<AnyObjectId> inPack) throws IOException {
        long total = index.getObjectCount();
        long before = copied;
        try (OffsetTable newOffsets = OffsetTable.create(work, total, heapBudget)) {
            Copier copier = new Copier(source, index, reverse, inPack, newOffsets);
            long end = source.size() - 20;
            for (int position = 0; position < total; position++) {
                org.eclipse.jgit.lib.ObjectId id = reverse.findObjectByPosition(position);
                if (!keep.test(id)) {
                    continue;
                }
                long offset = index.findOffset(id);
                long newOffset = out.position();
                newOffsets.set(position, newOffset);
                out.startEntry();
                copier.entry(id, offset, reverse.findNextOffset(offset, end));
                added(id, newOffset);
            }
        }
        return copied - before;
    }

    /**
     * Adds an object whole, read through the reader: a loose object, say.
     *
     * @throws IOException if it cannot be read or written, or the progress stops the copy
     */
    public void addWhole(AnyObjectId id) throws IOException {
        long newOffset = out.position();
        out.startEntry();
        whole(id);
        added(id.copy(), newOffset);
    }

    private void added(org.eclipse.jgit.lib.ObjectId id, long newOffset) throws IOException {
        indexBuilder.add(JGitIds.fromJGit(id), newOffset, out.endEntry());
        if (++copied % 4096 == 0) {
            progress.copied(copied, kept);
        }
    }

    /** Returns how many objects were added so far. */
    public long count() {
        return copied;
    }

    /**
     * Ends the pack and writes its index.
     *
     * @return the pack and its index, temporary files that the caller closes
     * @throws IOException if fewer or more objects were added than announced, or writing fails
     */
    public PackFile finish() throws IOException {
        if (copied != kept) {
            throw new IOException("expected " + kept + " objects for the pack, found " + copied);
        }
        byte[] checksum = out.finishPack(copied);
        progress.copied(copied, kept);
        try (OutputStream indexOut = new BufferedOutputStream(Files.newOutputStream(indexPath,
                StandardOpenOption.CREATE_NEW), 1 << 16)) {
            indexBuilder.write(checksum, indexOut);
        }
        PackFile file = new PackFile(packPath, indexPath, checksum, copied, channel.size(), Files.size(indexPath));
        finished = true;
        return file;
    }

    /** Closes the files; deletes them unless {@link #finish()} returned them. */
    @Override
    public void close() throws IOException {
        try (FileChannel c = channel; PackIndexBuilder b = indexBuilder) {
            // closed
        } finally {
            if (!finished) {
                Files.deleteIfExists(packPath);
                Files.deleteIfExists(indexPath);
            }
        }
    }

    /** Stores an object whole: its type and size, then its bytes compressed. */
    private void whole(AnyObjectId id) throws IOException {
        ObjectLoader loader = reader.open(id);
        out.write(PackBatch.entryHeader(loader.getType(), loader.getSize()));
        Deflater deflater = new Deflater(level);
        try {
            DeflaterOutputStream zlib = new DeflaterOutputStream(new Unclosable(out), deflater, 1 << 16);
            loader.copyTo(zlib);
            zlib.finish();
        } finally {
            deflater.end();
        }
    }

    /** Copies one entry at a time from a source pack to the new one. */
    private final class Copier {
        private final FileChannel source;
        private final PackIndex index;
        private final PackReverseIndex reverse;
        private final Predicate<AnyObjectId> inPack;
        private final OffsetTable newOffsets;
        private long bufferStart;

        Copier(FileChannel source, PackIndex index, PackReverseIndex reverse, Predicate<AnyObjectId> inPack,
                OffsetTable newOffsets) {
            this.source = source;
            this.index = index;
            this.reverse = reverse;
            this.inPack = inPack;
            this.newOffsets = newOffsets;
            buffer.limit(0);
        }

        void entry(org.eclipse.jgit.lib.ObjectId id, long offset, long end) throws IOException {
            int at = fill(offset, (int) Math.min(64, end - offset));
            int c = buffer.get(at++) & 0xff;
            int type = (c >> 4) & 7;
            while ((c & 0x80) != 0) {
                c = buffer.get(at++) & 0xff;
            }
            int header = at - (int) (offset - bufferStart);
            if (type == OBJ_OFS_DELTA) {
                c = buffer.get(at++) & 0xff;
                long distance = c & 127;
                while ((c & 0x80) != 0) {
                    c = buffer.get(at++) & 0xff;
                    distance = ((distance + 1) << 7) | (c & 127);
                }
                long dataStart = offset + (at - (int) (offset - bufferStart));
                long base = offset - distance;
                int basePosition = reverse.findPosition(base);
                long newBase = basePosition < 0 ? 0 : newOffsets.get(basePosition);
                long newOffset = out.position();
                if (newBase != 0) {
                    checkCrc(id, offset, end);
                    copy(offset, offset + header);
                    out.write(encodeDistance(newOffset - newBase));
                    copy(dataStart, end);
                } else if (basePosition >= 0 && inPack.test(reverse.findObjectByPosition(basePosition))) {
                    // the base comes from another pack: name it by id
                    checkCrc(id, offset, end);
                    byte[] head = new byte[header];
                    buffer.get((int) (offset - bufferStart), head);
                    head[0] = (byte) ((head[0] & 0x8f) | (OBJ_REF_DELTA << 4));
                    out.write(head);
                    byte[] baseId = new byte[20];
                    reverse.findObjectByPosition(basePosition).copyRawTo(baseId, 0);
                    out.write(baseId);
                    copy(dataStart, end);
                } else {
                    whole(id);
                }
            } else if (type == OBJ_REF_DELTA) {
                org.eclipse.jgit.lib.ObjectId base = org.eclipse.jgit.lib.ObjectId.fromRaw(buffer.array(), at);
                if (!inPack.test(base)) {
                    whole(id);
                    return;
                }
                checkCrc(id, offset, end);
                copy(offset, end);
            } else if (type >= 1 && type <= 4) {
                checkCrc(id, offset, end);
                copy(offset, end);
            } else {
                throw new CorruptEntryException("the entry of " + id.name() + " at " + offset + " has type " + type);
            }
        }

        /** Checks the stored bytes of an entry against the CRC32 of the repository's index. */
        private void checkCrc(org.eclipse.jgit.lib.ObjectId id, long from, long to) throws IOException {
            crc.reset();
            for (long at = from; at < to; ) {
                int n = (int) Math.min(buffer.capacity(), to - at);
                int i = fill(at, n);
                crc.update(buffer.array(), i, n);
                at += n;
            }
            if ((int) crc.getValue() != (int) index.findCRC32(id)) {
                throw new CorruptEntryException("the stored bytes of " + id.name() + " do not match their CRC32");
            }
        }

        private void copy(long from, long to) throws IOException {
            for (long at = from; at < to; ) {
                int n = (int) Math.min(buffer.capacity(), to - at);
                int i = fill(at, n);
                out.write(buffer.array(), i, n);
                at += n;
            }
        }

        /** Makes {@code length} bytes from {@code position} available in the buffer; returns where they start. */
        private int fill(long position, int length) throws IOException {
            if (position >= bufferStart && position + length <= bufferStart + buffer.limit()) {
                return (int) (position - bufferStart);
            }
            buffer.clear();
            bufferStart = position;
            while (buffer.position() < length) {
                if (source.read(buffer, position + buffer.position()) < 0) {
                    throw new CorruptEntryException("the pack ends at " + (position + buffer.position())
                            + " inside an entry");
                }
            }
            buffer.flip();
            return 0;
        }
    }

    /** git's encoding of the distance from an offset delta back to its base. */
    static byte[] encodeDistance(long distance) {
        byte[] bytes = new byte[10];
        int n = bytes.length - 1;
        bytes[n] = (byte) (distance & 0x7f);
        while ((distance >>>= 7) != 0) {
            bytes[--n] = (byte) (0x80 | (--distance & 0x7f));
        }
        return java.util.Arrays.copyOfRange(bytes, n, bytes.length);
    }

    /** An output stream whose close does nothing: the pack goes on after each object. */
    private static final class Unclosable extends java.io.FilterOutputStream {
        Unclosable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {
        }
    }

    /**
     * A long per position of the source pack, 0 until set: on the heap up to a budget, else in a memory-mapped
     * temporary file (regions of 2^27 longs), deleted by {@link #close()}.
     */
    private static final class OffsetTable implements AutoCloseable {
        private static final int REGION_SHIFT = 27;
        private final long[] heap;
        private final List<LongBuffer> regions;
        private final Path file;

        private OffsetTable(long[] heap, List<LongBuffer> regions, Path file) {
            this.heap = heap;
            this.regions = regions;
            this.file = file;
        }

        static OffsetTable create(Path work, long size, long heapBudget) throws IOException {
            if (size * Long.BYTES <= heapBudget && size <= Integer.MAX_VALUE - 8) {
                return new OffsetTable(new long[(int) size], null, null);
            }
            Path file = Files.createTempFile(work, "offsets-", ".bin");
            List<LongBuffer> regions = new ArrayList<>();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                for (long start = 0; start < size; start += 1L << REGION_SHIFT) {
                    long longs = Math.min(1L << REGION_SHIFT, size - start);
                    regions.add(channel.map(FileChannel.MapMode.READ_WRITE, start * Long.BYTES, longs * Long.BYTES)
                            .asLongBuffer());
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return new OffsetTable(null, regions, file);
        }

        void set(int position, long value) {
            if (heap != null) {
                heap[position] = value;
            } else {
                regions.get(position >>> REGION_SHIFT).put(position & ((1 << REGION_SHIFT) - 1), value);
            }
        }

        long get(int position) {
            return heap != null ? heap[position]
                    : regions.get(position >>> REGION_SHIFT).get(position & ((1 << REGION_SHIFT) - 1));
        }

        @Override
        public void close() throws IOException {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
