package org.swhvault.core.cook.gitfast.internal;

import java.util.Arrays;

import org.swhvault.spi.model.ObjectId;

/**
 * An insertion-ordered set of object ids, each known by the index it was added at. Ids are packed in
 * one byte array and found through an open-addressing table of ints, about 28 bytes per id instead of
 * the hundred or so of a {@code HashMap<ObjectId, Integer>}: histories with millions of objects fit in a
 * small heap. Not thread-safe.
 */
final class IdIndex {
    private static final int LENGTH = ObjectId.LENGTH;

    private byte[] ids = new byte[LENGTH * 64];
    /** Index + 1 of the id in each slot, 0 for an empty slot; the length is a power of two. */
    private int[] slots = new int[128];
    private int size;
    private final byte[] probe = new byte[LENGTH];

    /** Returns how many ids were added. */
    int size() {
        return size;
    }

    /** Returns the index of {@code id}, or -1 if it was never added. */
    int indexOf(ObjectId id) {
        id.copyTo(probe, 0);
        int mask = slots.length - 1;
        for (int slot = hash(probe, 0) & mask;; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            if (matches(entry - 1)) {
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
     */
    int add(ObjectId id) {
        int existing = indexOf(id);
        if (existing >= 0) {
            return existing;
        }
        if ((size + 1) * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        if ((size + 1) * LENGTH > ids.length) {
            ids = Arrays.copyOf(ids, ids.length * 2);
        }
        id.copyTo(ids, size * LENGTH);
        insert(hash(ids, size * LENGTH), size);
        return size++;
    }

    /** Returns the id added at {@code index}. */
    ObjectId get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return ObjectId.of(ids, index * LENGTH);
    }

    private boolean matches(int index) {
        int from = index * LENGTH;
        return Arrays.equals(ids, from, from + LENGTH, probe, 0, LENGTH);
    }

    private void insert(int hash, int index) {
        int mask = slots.length - 1;
        int slot = hash & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = index + 1;
    }

    private void rehash(int capacity) {
        slots = new int[capacity];
        for (int i = 0; i < size; i++) {
            insert(hash(ids, i * LENGTH), i);
        }
    }

    /** Mixes all the bytes of an id: ids are hashes, but hand-made ones may share long prefixes. */
    private static int hash(byte[] bytes, int offset) {
        long v = 0;
        for (int i = 0; i < LENGTH; i++) {
            v = (v ^ (bytes[offset + i] & 0xff)) * 0x100000001B3L;
        }
        v ^= v >>> 29;
        v *= 0x9E3779B97F4A7C15L;
        return (int) (v >>> 32);
    }
}
