package org.swhvault.core.cook.flat.internal;

import java.util.Arrays;

import org.swhvault.core.cook.internal.IndexSort;
import org.swhvault.spi.model.ObjectId;

/**
 * The revisions of a history with their root directories, 40 bytes each in one array (a history of
 * a million revisions takes 40 MB, not the few hundred object headers would), sortable by revision
 * id. Used by one thread.
 */
final class RevisionIndex {
    private static final int ID = ObjectId.LENGTH;
    private static final int RECORD = 2 * ID;

    private byte[] records = new byte[RECORD * 64];
    private int size;

    /** Adds a revision and its root directory. */
    void add(ObjectId revision, ObjectId directory) {
        if ((size + 1) * (long) RECORD > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("more than " + size + " revisions");
        }
        if ((size + 1) * RECORD > records.length) {
            records = Arrays.copyOf(records, (int) Math.min(Integer.MAX_VALUE - 8L, records.length * 2L));
        }
        revision.copyTo(records, size * RECORD);
        directory.copyTo(records, size * RECORD + ID);
        size++;
    }

    /** Returns how many revisions there are. */
    int size() {
        return size;
    }

    /** Returns the id of revision {@code i}. */
    ObjectId revision(int i) {
        return ObjectId.of(records, i * RECORD);
    }

    /** Returns the root directory of revision {@code i}. */
    ObjectId directory(int i) {
        return ObjectId.of(records, i * RECORD + ID);
    }

    /** Sorts the revisions by id as unsigned bytes (so by hex id) and drops repeated ones. */
    void sort() {
        int[] order = IndexSort.sort(size, this::compare);
        byte[] sorted = new byte[size * RECORD];
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (kept > 0 && Arrays.equals(records, order[i] * RECORD, order[i] * RECORD + ID,
                    sorted, (kept - 1) * RECORD, (kept - 1) * RECORD + ID)) {
                continue;
            }
            System.arraycopy(records, order[i] * RECORD, sorted, kept * RECORD, RECORD);
            kept++;
        }
        records = sorted;
        size = kept;
    }

    private int compare(int x, int y) {
        return Arrays.compareUnsigned(records, x * RECORD, x * RECORD + ID, records, y * RECORD, y * RECORD + ID);
    }
}
