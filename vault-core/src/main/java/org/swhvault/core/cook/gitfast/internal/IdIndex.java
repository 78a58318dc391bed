package org.swhvault.core.cook.gitfast.internal;

import org.swhvault.spi.model.ObjectId;

/**
 * An insertion-ordered set of object ids, each known by the index it was added at. Ids are packed in
 * one array of 20-byte records (which doubles as it grows) and found through an open-addressing table of
 * ints, at most half full: 28 to 56 bytes per id instead of the hundred or so of a {@code HashMap<ObjectId, Integer>}. Both are
 * {@link RecordArray}s of a {@link WorkArea}, so past the area's heap budget they are in mapped files;
 * the table doubles into a new one (a new file past the budget) and the old one is freed or deleted.
 * Not thread-safe.
 */
final class IdIndex implements AutoCloseable {
    private static final int LENGTH = ObjectId.LENGTH;

    private final WorkArea area;
    private final String name;
    private final RecordArray ids;
    /** Index + 1 of the id in each slot, 0 for an empty slot; mask + 1 slots, a power of two. */
    private RecordArray slots;
    private int mask;
    private int size;
    private final byte[] probe = new byte[LENGTH];

    /** Creates an index that stays on the heap. */
    IdIndex() {
        this(WorkArea.heapOnly(), "ids");
    }

    /** Creates an index whose arrays belong to {@code area}, their files named after {@code name}. */
    IdIndex(WorkArea area, String name) {
        this.area = area;
        this.name = name;
        this.ids = new RecordArray(area, name + "-ids", LENGTH, 64);
        this.slots = new RecordArray(area, name + "-slots", Integer.BYTES, 128);
        this.mask = 127;
    }

    /** Returns how many ids were added. */
    int size() {
        return size;
    }

    /** Returns the index of {@code id}, or -1 if it was never added. */
    int indexOf(ObjectId id) {
        id.copyTo(probe, 0);
        for (int slot = hash(probe) & mask;; slot = (slot + 1) & mask) {
            int entry = slots.getInt(slot);
            if (entry == 0) {
                return -1;
            }
            if (ids.matches(entry - 1, probe)) {
                return entry - 1;
            }
        }
    }

    /** Returns whether {@code id} was added. */
    boolean contains(ObjectId id) {
        return indexOf(id) >= 0;
    }

    /**
     * Adds an id if absent.
     *
     * @return the index of the id, old or new
     * @throws java.io.UncheckedIOException if a file cannot be made or grown
     */
    int add(ObjectId id) {
        int existing = indexOf(id);
        if (existing >= 0) {
            return existing;
        }
        if ((size + 1L) * 2 > mask + 1L) {
            rehash();
        }
        ids.ensure(size + 1);
        ids.put(size, probe, 0);
        insert(slots, mask, hash(probe), size);
        return size++;
    }

    /** Returns the id added at {@code index}. */
    ObjectId get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        byte[] id = new byte[LENGTH];
        ids.get(index, id, 0);
        return ObjectId.of(id);
    }

    /** Frees the heap or deletes the files of the index; it must not be used afterwards. */
    @Override
    public void close() {
        ids.close();
        slots.close();
    }

    private static void insert(RecordArray table, int mask, int hash, int index) {
        int slot = hash & mask;
        while (table.getInt(slot) != 0) {
            slot = (slot + 1) & mask;
        }
        table.putInt(slot, index + 1);
    }

    private void rehash() {
        if (mask + 1 > 1 << 29) {
            throw new IllegalStateException("more than 2^29 ids in the " + name);
        }
        int capacity = (mask + 1) * 2;
        RecordArray bigger = new RecordArray(area, name + "-slots", Integer.BYTES, capacity);
        byte[] id = new byte[LENGTH];
        for (int i = 0; i < size; i++) {
            ids.get(i, id, 0);
            insert(bigger, capacity - 1, hash(id), i);
        }
        slots.close();
        slots = bigger;
        mask = capacity - 1;
    }

    /** Mixes all the bytes of an id: ids are hashes, but hand-made ones may share long prefixes. */
    private static int hash(byte[] id) {
        long v = 0;
        for (int i = 0; i < LENGTH; i++) {
            v = (v ^ (id[i] & 0xff)) * 0x100000001B3L;
        }
        v ^= v >>> 29;
        v *= 0x9E3779B97F4A7C15L;
        return (int) (v >>> 32);
    }
}
