package org.swhvault.core.cook.gitbare;

import java.util.Arrays;

import org.swhvault.spi.model.ObjectId;

/**
 * A set of object ids stored as raw bytes: 27 to 54 bytes per id (by load) instead of the ~100 of a
 * {@code HashSet<ObjectId>}, so a repository of millions of objects fits a small heap. Open
 * addressing with linear probing in 256 segments that grow one at a time, so growing never needs
 * twice the whole set. Not thread-safe.
 */
final class IdSet {
    private static final int SEGMENTS = 256;
    private static final int INITIAL_SLOTS = 64;

    private final Segment[] segments = new Segment[SEGMENTS];
    private final byte[] scratch = new byte[ObjectId.LENGTH];
    private long size;

    IdSet() {
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment();
        }
    }

    /** Adds {@code id}; returns false if it was already there. */
    boolean add(ObjectId id) {
        int hash = mix(id.hashCode());
        id.copyTo(scratch, 0);
        boolean added = segments[hash >>> 24].add(scratch, hash);
        if (added) {
            size++;
        }
        return added;
    }

    /** Returns whether {@code id} is in the set. */
    boolean contains(ObjectId id) {
        int hash = mix(id.hashCode());
        id.copyTo(scratch, 0);
        return segments[hash >>> 24].contains(scratch, hash);
    }

    /** Returns the number of ids. */
    long size() {
        return size;
    }

    /** Spreads the bits of {@code h} (MurmurHash3's finaliser), so crafted ids cannot cluster. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    private static final class Segment {
        private byte[] keys = new byte[INITIAL_SLOTS * ObjectId.LENGTH];
        private long[] used = new long[INITIAL_SLOTS / 64];
        private int mask = INITIAL_SLOTS - 1;
        private int count;

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

        /** Returns the free slot where {@code id} would go, or -1 if it is there. */
        private int find(byte[] id, int hash) {
            int slot = hash & mask;
            while (isUsed(slot)) {
                int at = slot * ObjectId.LENGTH;
                if (Arrays.equals(keys, at, at + ObjectId.LENGTH, id, 0, ObjectId.LENGTH)) {
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
            System.arraycopy(id, 0, keys, slot * ObjectId.LENGTH, ObjectId.LENGTH);
            used[slot >>> 6] |= 1L << slot;
        }

        private void grow() {
            byte[] oldKeys = keys;
            long[] oldUsed = used;
            int oldSlots = mask + 1;
            int slots = oldSlots * 2;
            keys = new byte[slots * ObjectId.LENGTH];
            used = new long[slots / 64];
            mask = slots - 1;
            byte[] id = new byte[ObjectId.LENGTH];
            for (int slot = 0; slot < oldSlots; slot++) {
                if ((oldUsed[slot >>> 6] & (1L << slot)) != 0) {
                    System.arraycopy(oldKeys, slot * ObjectId.LENGTH, id, 0, ObjectId.LENGTH);
                    put(find(id, mix(Arrays.hashCode(id))), id);
                }
            }
        }
    }
}
