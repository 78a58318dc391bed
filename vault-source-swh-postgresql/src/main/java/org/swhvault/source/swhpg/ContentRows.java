package org.swhvault.source.swhpg;

import java.util.LinkedHashMap;
import java.util.Map;

import org.swhvault.spi.model.ContentHashes;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.ObjectId;

/**
 * The visible content rows read last (at most a fixed number, for a few seconds), shared by the cooks of a
 * source: a cooker asks for the metadata of a batch of contents and then opens each one, or opens a content that
 * an earlier directory of the same cook also holds, and the objstorage needs the row's sha1 each time. Only
 * visible rows are kept, and for {@link #FRESH_NANOS} at most: a content the operator hides is served at most that
 * long after (as by a cook that had listed it visible a moment before), and one made visible again is never
 * mistaken for hidden. Thread-safe.
 */
final class ContentRows {
    /** How long a row read from the database is used. */
    static final long FRESH_NANOS = 10_000_000_000L;

    /** A content's hashes and status. */
    record Row(ContentHashes hashes, ContentStatus status) {
    }

    private record Entry(Row row, long readAt) {
    }

    private final Map<ObjectId, Entry> rows;

    ContentRows(int capacity) {
        this.rows = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ObjectId, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void put(Map<ObjectId, Row> read) {
        long now = System.nanoTime();
        read.forEach((id, row) -> {
            if (row.status() == ContentStatus.VISIBLE) {
                rows.put(id, new Entry(row, now));
            } else {
                rows.remove(id);
            }
        });
    }

    /** The row of {@code id} if it was read less than {@link #FRESH_NANOS} ago, else null. */
    synchronized Row get(ObjectId id) {
        Entry e = rows.get(id);
        if (e == null) {
            return null;
        }
        if (System.nanoTime() - e.readAt() > FRESH_NANOS) {
            rows.remove(id);
            return null;
        }
        return e.row();
    }
}
