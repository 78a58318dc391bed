package org.swhvault.core.internal.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

import org.swhvault.spi.model.ObjectId;

/**
 * Collects (id, offset, CRC32) for each object of a pack and writes the version 2 {@code .idx}.
 *
 * <p>Memory is bounded whatever the object count: records are kept in compact arrays of
 * {@code chunkCapacity} entries (32 bytes each); when full, the chunk is sorted and spilled to a
 * temporary run file, and the index is written by merging the runs.
 */
final class PackIndexBuilder implements AutoCloseable {
    static final int DEFAULT_CHUNK_CAPACITY = 1 << 20;
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int ID = ObjectId.LENGTH;
    private static final long MAX_SMALL_OFFSET = 0x7fffffffL;

    private final Path spillDirectory;
    private final int chunkCapacity;
    private byte[] ids;
    private long[] offsets;
    private int[] crcs;
    private int size;
    private long count;
    private final long[] firstByteCounts = new long[256];
    private final List<Path> runs = new ArrayList<>();

    PackIndexBuilder(Path spillDirectory, int chunkCapacity) {
        if (chunkCapacity < 1 || chunkCapacity > 1 << 23) {
            throw new IllegalArgumentException("chunk capacity must be 1 to 2^23: " + chunkCapacity);
        }
        this.spillDirectory = spillDirectory;
        this.chunkCapacity = chunkCapacity;
        int initial = Math.min(chunkCapacity, 1024);
        this.ids = new byte[initial * ID];
        this.offsets = new long[initial];
        this.crcs = new int[initial];
    }

    long count() {
        return count;
    }

    void add(ObjectId id, long offset, int crc) throws IOException {
        if (size == chunkCapacity) {
            spill();
        } else if (size == offsets.length) {
            int grown = Math.min(chunkCapacity, size * 2);
            ids = Arrays.copyOf(ids, grown * ID);
            offsets = Arrays.copyOf(offsets, grown);
            crcs = Arrays.copyOf(crcs, grown);
        }
        id.copyTo(ids, size * ID);
        offsets[size] = offset;
        crcs[size] = crc;
        firstByteCounts[ids[size * ID] & 0xff]++;
        size++;
        count++;
    }

    /**
     * Writes the index of a pack whose trailing checksum is {@code packChecksum}.
     *
     * @throws IllegalStateException if an id was added twice
     */
    void write(byte[] packChecksum, OutputStream target) throws IOException {
        MessageDigest sha1 = Sha1.newDigest();
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new DigestOutputStream(target, sha1), 1 << 16));
        out.writeInt(0xff744f63);
        out.writeInt(2);
        long cumulative = 0;
        for (long c : firstByteCounts) {
            cumulative += c;
            out.writeInt((int) cumulative);
        }
        List<Path> sideFiles = new ArrayList<>();
        try (Cursor cursor = cursor()) {
            Side crcSide = new Side(runs.isEmpty(), sideFiles);
            Side offsetSide = new Side(runs.isEmpty(), sideFiles);
            Side largeSide = new Side(runs.isEmpty(), sideFiles);
            byte[] previous = new byte[ID];
            boolean first = true;
            int large = 0;
            while (cursor.next()) {
                byte[] id = cursor.id();
                if (!first && Arrays.equals(previous, id)) {
                    throw new IllegalStateException("The object " + ObjectId.of(id) + " was added to the pack twice");
                }
                first = false;
                System.arraycopy(id, 0, previous, 0, ID);
                out.write(id);
                crcSide.data.writeInt(cursor.crc());
                long offset = cursor.offset();
                if (offset <= MAX_SMALL_OFFSET) {
                    offsetSide.data.writeInt((int) offset);
                } else {
                    offsetSide.data.writeInt(0x80000000 | large++);
                    largeSide.data.writeLong(offset);
                }
            }
            crcSide.appendTo(out);
            offsetSide.appendTo(out);
            largeSide.appendTo(out);
            out.write(packChecksum);
            out.flush();
            target.write(sha1.digest());
        } finally {
            for (Path p : sideFiles) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Deletes the run files. Idempotent. */
    @Override
    public void close() throws IOException {
        for (Path run : runs) {
            Files.deleteIfExists(run);
        }
        runs.clear();
    }

    private void spill() throws IOException {
        int[] order = sortChunk();
        Path run = Files.createTempFile(spillDirectory, "pack-index-", ".run");
        runs.add(run);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
            for (int i : order) {
                out.write(ids, i * ID, ID);
                out.writeLong(offsets[i]);
                out.writeInt(crcs[i]);
            }
        }
        size = 0;
    }

    private Cursor cursor() throws IOException {
        Cursor memory = new MemoryCursor(sortChunk());
        if (runs.isEmpty()) {
            return memory;
        }
        List<Cursor> all = new ArrayList<>();
        all.add(memory);
        for (Path run : runs) {
            all.add(new RunCursor(Files.newInputStream(run)));
        }
        return new MergeCursor(all);
    }

    /**
     * Returns the chunk's positions in id order. Sorts longs holding the top id bits above the
     * position, which is fast and needs no boxing, then orders the rare runs of equal top bits by
     * full id.
     */
    private int[] sortChunk() {
        int n = size;
        int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1)));
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long top = (long) LONG_BE.get(ids, i * ID);
            keys[i] = ((top >>> (bits + 1)) << bits) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        long mask = (1L << bits) - 1;
        for (int i = 0; i < n; i++) {
            order[i] = (int) (keys[i] & mask);
        }
        for (int start = 0; start < n; ) {
            int end = start + 1;
            while (end < n && keys[end] >>> bits == keys[start] >>> bits) {
                end++;
            }
            if (end - start > 1) {
                sortByFullId(order, start, end);
            }
            start = end;
        }
        return order;
    }

    private void sortByFullId(int[] order, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int v = order[i];
            int j = i - 1;
            while (j >= from && compareIds(order[j], v) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = v;
        }
    }

    private int compareIds(int a, int b) {
        return Arrays.compareUnsigned(ids, a * ID, a * ID + ID, ids, b * ID, b * ID + ID);
    }

    /** Index data written after all ids: kept in memory for one chunk, in a temporary file otherwise. */
    private final class Side {
        final DataOutputStream data;
        private final ByteArrayOutputStream memory;
        private final Path file;

        Side(boolean inMemory, List<Path> files) throws IOException {
            if (inMemory) {
                memory = new ByteArrayOutputStream();
                file = null;
                data = new DataOutputStream(memory);
            } else {
                memory = null;
                file = Files.createTempFile(spillDirectory, "pack-index-", ".side");
                files.add(file);
                data = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
            }
        }

        void appendTo(OutputStream out) throws IOException {
            data.close();
            if (memory != null) {
                memory.writeTo(out);
            } else {
                Files.copy(file, out);
            }
        }
    }

    /** Walks records in id order. */
    private interface Cursor extends AutoCloseable {
        boolean next() throws IOException;

        byte[] id();

        long offset();

        int crc();

        @Override
        default void close() throws IOException {
        }
    }

    private final class MemoryCursor implements Cursor {
        private final int[] order;
        private final byte[] id = new byte[ID];
        private int pos = -1;

        MemoryCursor(int[] order) {
            this.order = order;
        }

        @Override
        public boolean next() {
            if (++pos >= order.length) {
                return false;
            }
            System.arraycopy(ids, order[pos] * ID, id, 0, ID);
            return true;
        }

        @Override
        public byte[] id() {
            return id;
        }

        @Override
        public long offset() {
            return offsets[order[pos]];
        }

        @Override
        public int crc() {
            return crcs[order[pos]];
        }
    }

    private static final class RunCursor implements Cursor {
        private final DataInputStream in;
        private final byte[] id = new byte[ID];
        private long offset;
        private int crc;

        RunCursor(InputStream in) {
            this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        }

        @Override
        public boolean next() throws IOException {
            int first = in.read();
            if (first < 0) {
                return false;
            }
            id[0] = (byte) first;
            in.readFully(id, 1, ID - 1);
            offset = in.readLong();
            crc = in.readInt();
            return true;
        }

        @Override
        public byte[] id() {
            return id;
        }

        @Override
        public long offset() {
            return offset;
        }

        @Override
        public int crc() {
            return crc;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Merges sorted cursors, keeping the ones that are not exhausted in a heap. */
    private static final class MergeCursor implements Cursor {
        private final List<Cursor> all;
        private final PriorityQueue<Cursor> heap = new PriorityQueue<>((a, b) -> Arrays.compareUnsigned(a.id(), b.id()));
        private Cursor current;
        private boolean started;

        MergeCursor(List<Cursor> all) {
            this.all = all;
        }

        @Override
        public boolean next() throws IOException {
            if (!started) {
                started = true;
                for (Cursor c : all) {
                    if (c.next()) {
                        heap.add(c);
                    }
                }
            } else if (current.next()) {
                heap.add(current);
            }
            current = heap.poll();
            return current != null;
        }

        @Override
        public byte[] id() {
            return current.id();
        }

        @Override
        public long offset() {
            return current.offset();
        }

        @Override
        public int crc() {
            return current.crc();
        }

        @Override
        public void close() throws IOException {
            for (Cursor c : all) {
                c.close();
            }
        }
    }
}
