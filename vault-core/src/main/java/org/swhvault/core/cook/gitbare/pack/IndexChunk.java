package org.swhvault.core.cook.gitbare.pack;

import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.swhvault.spi.model.ObjectId;

/**
 * Up to {@code capacity} (id, offset, CRC32) records in compact arrays (32 bytes each), which grow
 * as needed, and their sorting by id.
 */
final class IndexChunk {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int ID = ObjectId.LENGTH;
    /** The heap a record takes: its id, offset and CRC32, and its place while sorted. */
    static final int RECORD_BYTES = 32;

    private final int capacity;
    private byte[] ids;
    private long[] offsets;
    private int[] crcs;
    private int size;

    IndexChunk(int capacity) {
        if (capacity < 1 || capacity > 1 << 23) {
            throw new IllegalArgumentException("chunk capacity must be 1 to 2^23: " + capacity);
        }
        this.capacity = capacity;
        int initial = Math.min(capacity, 1024);
        this.ids = new byte[initial * ID];
        this.offsets = new long[initial];
        this.crcs = new int[initial];
    }

    boolean isFull() {
        return size == capacity;
    }

    void add(ObjectId id, long offset, int crc) {
        if (size == offsets.length) {
            int grown = Math.min(capacity, size * 2);
            ids = Arrays.copyOf(ids, grown * ID);
            offsets = Arrays.copyOf(offsets, grown);
            crcs = Arrays.copyOf(crcs, grown);
        }
        id.copyTo(ids, size * ID);
        offsets[size] = offset;
        crcs[size] = crc;
        size++;
    }

    void clear() {
        size = 0;
    }

    /** Writes the records sorted by id, {@link IndexRecords#RECORD_BYTES} each. */
    void writeSorted(DataOutputStream out) throws IOException {
        for (int i : sortedOrder()) {
            out.write(ids, i * ID, ID);
            out.writeLong(offsets[i]);
            out.writeInt(crcs[i]);
        }
    }

    /** Returns a cursor over the records sorted by id; valid until the chunk changes. */
    IndexRecords sorted() {
        int[] order = sortedOrder();
        byte[] id = new byte[ID];
        return new IndexRecords() {
            private int pos = -1;

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
        };
    }

    /**
     * Returns the record positions in id order. Sorts longs holding the top bits of the id above
     * the position, which is fast and needs no boxing, then orders the rare runs of records with
     * equal top bits by full id.
     */
    private int[] sortedOrder() {
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
            sortByFullId(order, start, end);
            start = end;
        }
        return order;
    }

    private void sortByFullId(int[] order, int from, int to) {
        if (to - from > 32) {
            // Only ids crafted to share a long prefix get here; keep it O(n log n) anyway.
            Integer[] boxed = new Integer[to - from];
            for (int i = from; i < to; i++) {
                boxed[i - from] = order[i];
            }
            Arrays.sort(boxed, this::compareIds);
            for (int i = from; i < to; i++) {
                order[i] = boxed[i - from];
            }
            return;
        }
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
}
