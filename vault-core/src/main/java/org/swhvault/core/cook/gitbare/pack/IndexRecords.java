package org.swhvault.core.cook.gitbare.pack;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

import org.swhvault.spi.model.ObjectId;

/**
 * A cursor over (id, offset, CRC32) records of pack objects in id order. {@link #id()} may return
 * the same array, overwritten by {@link #next()}.
 */
interface IndexRecords extends AutoCloseable {
    /** The size of a record in a run file: id, offset, CRC32. */
    int RECORD_BYTES = ObjectId.LENGTH + 8 + 4;

    boolean next() throws IOException;

    byte[] id();

    long offset();

    int crc();

    @Override
    default void close() throws IOException {
    }

    /** Reads a run file of sorted records, as {@link IndexChunk#writeSorted} writes them. */
    static IndexRecords read(InputStream run) {
        return new Run(run);
    }

    /** Merges sorted cursors into one. */
    static IndexRecords merge(List<IndexRecords> sources) {
        return new Merged(sources);
    }

    final class Run implements IndexRecords {
        private final DataInputStream in;
        private final byte[] id = new byte[ObjectId.LENGTH];
        private long offset;
        private int crc;

        private Run(InputStream in) {
            this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        }

        @Override
        public boolean next() throws IOException {
            int first = in.read();
            if (first < 0) {
                return false;
            }
            id[0] = (byte) first;
            in.readFully(id, 1, id.length - 1);
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

    /** Keeps the sources that are not exhausted in a heap ordered by their current id. */
    final class Merged implements IndexRecords {
        private final List<IndexRecords> sources;
        private final PriorityQueue<IndexRecords> heap =
                new PriorityQueue<>((a, b) -> Arrays.compareUnsigned(a.id(), b.id()));
        private IndexRecords current;
        private boolean started;

        private Merged(List<IndexRecords> sources) {
            this.sources = List.copyOf(sources);
        }

        @Override
        public boolean next() throws IOException {
            if (!started) {
                started = true;
                for (IndexRecords s : sources) {
                    if (s.next()) {
                        heap.add(s);
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
            IOException first = null;
            for (IndexRecords s : sources) {
                try {
                    s.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
