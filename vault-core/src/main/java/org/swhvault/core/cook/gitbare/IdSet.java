package org.swhvault.core.cook.gitbare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.model.ObjectId;

/**
 * A set of object ids stored as raw bytes, whose heap use does not grow with the number of ids. While the
 * ids take less than a heap budget it keeps them on the heap (27 to 54 bytes per id, by load: open
 * addressing with linear probing in 256 segments that grow one at a time); past the budget it moves them
 * to an open-addressing table in a memory-mapped temporary file (40 to 80 bytes per id on disk and in the
 * page cache, none on the heap), which doubles into a new file when half full. The files go in the
 * directory given and are deleted when they are outgrown and by {@link #close()}; the mapping itself is
 * released when the collector finds it unreachable. Not thread-safe.
 */
final class IdSet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IdSet.class);
    private static final int SEGMENTS = 256;
    private static final int INITIAL_SLOTS = 64;
    private static final int LENGTH = ObjectId.LENGTH;
    /** Slots per mapped region: 2^25 slots of 20 bytes, 640 MiB, below a buffer's 2 GiB limit. */
    private static final int REGION_SHIFT = 25;
    private static final long MIN_FILE_SLOTS = 1 << 16;

    private final Path directory;
    private final long heapBudget;
    private Segment[] segments = new Segment[SEGMENTS];
    private long heapBytes;
    private MappedTable table;
    private final byte[] scratch = new byte[LENGTH];
    private long size;

    /** Creates a set that keeps its ids on the heap, however many. */
    IdSet() {
        this(null, Long.MAX_VALUE);
    }

    /**
     * Creates a set that moves its ids to a file in {@code directory} once they take more than
     * {@code heapBudget} bytes of heap.
     */
    IdSet(Path directory, long heapBudget) {
        if (heapBudget < 0) {
            throw new IllegalArgumentException("heap budget must not be negative: " + heapBudget);
        }
        this.directory = directory;
        this.heapBudget = directory == null ? Long.MAX_VALUE : heapBudget;
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment();
            heapBytes += segments[i].bytes();
        }
    }

    /**
     * Adds {@code id}; returns false if it was already there.
     *
     * @throws UncheckedIOException if the set cannot create or grow its file
     */
    boolean add(ObjectId id) {
        id.copyTo(scratch, 0);
        boolean added;
        if (table != null) {
            added = table.add(scratch);
        } else {
            int hash = mix(id.hashCode());
            Segment segment = segments[hash >>> 24];
            long before = segment.bytes();
            added = segment.add(scratch, hash);
            heapBytes += segment.bytes() - before;
            if (heapBytes > heapBudget) {
                moveToFile();
            }
        }
        if (added) {
            size++;
        }
        return added;
    }

    /** Returns whether {@code id} is in the set. */
    boolean contains(ObjectId id) {
        id.copyTo(scratch, 0);
        if (table != null) {
            return table.contains(scratch);
        }
        int hash = mix(id.hashCode());
        return segments[hash >>> 24].contains(scratch, hash);
    }

    /** Returns the number of ids. */
    long size() {
        return size;
    }

    /** Returns whether the ids are in a file rather than on the heap. */
    boolean inFile() {
        return table != null;
    }

    /** Deletes the set's file, if any; the set must not be used afterwards. */
    @Override
    public void close() {
        if (table != null) {
            table.delete();
            table = null;
        }
        segments = null;
    }

    private void moveToFile() {
        long slots = MIN_FILE_SLOTS;
        while (slots < size * 4) {
            slots <<= 1;
        }
        MappedTable t = new MappedTable(directory, slots);
        byte[] id = new byte[LENGTH];
        for (Segment s : segments) {
            s.forEach(id, t::add);
        }
        LOG.debug("{} ids took {} bytes of heap; moved to {}", size, heapBytes, t.path);
        table = t;
        segments = null;
        heapBytes = 0;
    }

    /** Spreads the bits of {@code h} (MurmurHash3's finaliser), so crafted ids cannot cluster. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /** MurmurHash3's 64-bit finaliser over all 20 bytes of an id, so crafted ids cannot cluster. */
    private static long hash64(byte[] id) {
        long h = 0;
        for (int i = 0; i < LENGTH; i++) {
            h = (h ^ (id[i] & 0xff)) * 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /** Receives ids one by one. */
    private interface IdSink {
        void accept(byte[] id);
    }

    private static final class Segment {
        private byte[] keys = new byte[INITIAL_SLOTS * LENGTH];
        private long[] used = new long[INITIAL_SLOTS / 64];
        private int mask = INITIAL_SLOTS - 1;
        private int count;

        long bytes() {
            return (long) keys.length + used.length * 8L;
        }

        boolean add(byte[] id, int hash) {
            int slot = find(id, hash);
            if (slot < 0) {
                return false;
            }
            put(slot, id);
            if (++count > (mask + 1) / 4 * 3) {
                grow();
            }
            return true;
        }

        boolean contains(byte[] id, int hash) {
            return find(id, hash) < 0;
        }

        void forEach(byte[] id, IdSink sink) {
            for (int slot = 0; slot <= mask; slot++) {
                if (isUsed(slot)) {
                    System.arraycopy(keys, slot * LENGTH, id, 0, LENGTH);
                    sink.accept(id);
                }
            }
        }

        /** Returns the free slot where {@code id} would go, or -1 if it is there. */
        private int find(byte[] id, int hash) {
            int slot = hash & mask;
            while (isUsed(slot)) {
                int at = slot * LENGTH;
                if (Arrays.equals(keys, at, at + LENGTH, id, 0, LENGTH)) {
                    return -1;
                }
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private boolean isUsed(int slot) {
            return (used[slot >>> 6] & (1L << slot)) != 0;
        }

        private void put(int slot, byte[] id) {
            System.arraycopy(id, 0, keys, slot * LENGTH, LENGTH);
            used[slot >>> 6] |= 1L << slot;
        }

        private void grow() {
            byte[] oldKeys = keys;
            long[] oldUsed = used;
            int oldSlots = mask + 1;
            int slots = oldSlots * 2;
            keys = new byte[slots * LENGTH];
            used = new long[slots / 64];
            mask = slots - 1;
            byte[] id = new byte[LENGTH];
            for (int slot = 0; slot < oldSlots; slot++) {
                if ((oldUsed[slot >>> 6] & (1L << slot)) != 0) {
                    System.arraycopy(oldKeys, slot * LENGTH, id, 0, LENGTH);
                    put(find(id, mix(Arrays.hashCode(id))), id);
                }
            }
        }
    }

    /**
     * An open-addressing table of ids with linear probing in a memory-mapped file: 20 bytes per slot, a
     * slot of zeros is empty (the id of twenty zero bytes is kept apart), at most half the slots used.
     */
    private static final class MappedTable {
        private final Path directory;
        private Path path;
        private MappedByteBuffer[] regions;
        private long mask;
        private int regionMask;
        private long count;
        private boolean zero;

        MappedTable(Path directory, long slots) {
            this.directory = directory;
            this.mask = slots - 1;
            int regionSlots = (int) Math.min(slots, 1L << REGION_SHIFT);
            this.regionMask = regionSlots - 1;
            this.regions = new MappedByteBuffer[(int) (slots / regionSlots)];
            Path file = null;
            try {
                file = Files.createTempFile(directory, "ids-", ".set");
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    for (int i = 0; i < regions.length; i++) {
                        regions[i] = channel.map(FileChannel.MapMode.READ_WRITE, (long) i * regionSlots * LENGTH,
                                (long) regionSlots * LENGTH);
                        regions[i].order(ByteOrder.BIG_ENDIAN);
                    }
                }
            } catch (IOException e) {
                if (file != null) {
                    deleteQuietly(file);
                }
                throw new UncheckedIOException("Cannot map a set of " + slots + " object ids in " + directory, e);
            }
            this.path = file;
        }

        boolean contains(byte[] id) {
            if (isZero(id)) {
                return zero;
            }
            return find(id) < 0;
        }

        boolean add(byte[] id) {
            if (isZero(id)) {
                boolean added = !zero;
                zero = true;
                return added;
            }
            long slot = find(id);
            if (slot < 0) {
                return false;
            }
            MappedByteBuffer region = regions[(int) (slot >>> REGION_SHIFT)];
            region.put(((int) slot & regionMask) * LENGTH, id, 0, LENGTH);
            if (++count * 2 > mask + 1) {
                grow();
            }
            return true;
        }

        /** Returns the free slot where {@code id} would go, or -1 if it is there. */
        private long find(byte[] id) {
            long a = getLong(id, 0);
            long b = getLong(id, 8);
            int c = getInt(id, 16);
            long slot = hash64(id) & mask;
            while (true) {
                MappedByteBuffer region = regions[(int) (slot >>> REGION_SHIFT)];
                int at = ((int) slot & regionMask) * LENGTH;
                long x = region.getLong(at);
                long y = region.getLong(at + 8);
                int z = region.getInt(at + 16);
                if (x == a && y == b && z == c) {
                    return -1;
                }
                if (x == 0 && y == 0 && z == 0) {
                    return slot;
                }
                slot = (slot + 1) & mask;
            }
        }

        /** Moves the ids to a file twice as large, then deletes this one. */
        private void grow() {
            MappedTable bigger = new MappedTable(directory, (mask + 1) * 2);
            byte[] id = new byte[LENGTH];
            for (MappedByteBuffer region : regions) {
                for (int at = 0; at < region.capacity(); at += LENGTH) {
                    region.get(at, id, 0, LENGTH);
                    if (!isZero(id)) {
                        bigger.add(id);
                    }
                }
            }
            delete();
            path = bigger.path;
            regions = bigger.regions;
            mask = bigger.mask;
            regionMask = bigger.regionMask;
        }

        void delete() {
            Arrays.fill(regions, null);
            deleteQuietly(path);
        }

        private static boolean isZero(byte[] id) {
            for (byte b : id) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }

        private static long getLong(byte[] b, int at) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (b[at + i] & 0xff);
            }
            return v;
        }

        private static int getInt(byte[] b, int at) {
            return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
        }

        private static void deleteQuietly(Path file) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("Cannot delete the temporary file {}", file, e);
            }
        }
    }
}
