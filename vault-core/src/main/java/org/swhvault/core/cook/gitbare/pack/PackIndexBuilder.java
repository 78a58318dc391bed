package org.swhvault.core.cook.gitbare.pack;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.swhvault.spi.model.ObjectId;

/**
 * Collects (id, offset, CRC32) for each object of a pack and writes the version 2 {@code .idx}:
 * magic, version, 256-entry fan-out, sorted ids, CRC32s, 4-byte offsets (the high bit set points into
 * the table of 8-byte offsets, for offsets past 2^31 - 1), pack checksum, SHA-1 of all that.
 *
 * <p>Memory is bounded whatever the object count: records go to an {@link IndexChunk}; a full chunk
 * is sorted and spilled to a temporary run file, and the index is written by merging the runs.
 * The CRCs and offsets, which follow all the ids, then wait in temporary files too.
 */
final class PackIndexBuilder implements AutoCloseable {
    static final int DEFAULT_CHUNK_CAPACITY = 1 << 20;
    private static final long MAX_SMALL_OFFSET = 0x7fffffffL;

    private final Path spillDirectory;
    private final IndexChunk chunk;
    private final long[] firstByteCounts = new long[256];
    private final List<Path> runs = new ArrayList<>();
    private final byte[] scratch = new byte[ObjectId.LENGTH];

    PackIndexBuilder(Path spillDirectory, int chunkCapacity) {
        this.spillDirectory = spillDirectory;
        this.chunk = new IndexChunk(chunkCapacity);
    }

    void add(ObjectId id, long offset, int crc) throws IOException {
        if (chunk.isFull()) {
            spill();
        }
        chunk.add(id, offset, crc);
        id.copyTo(scratch, 0);
        firstByteCounts[scratch[0] & 0xff]++;
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
        boolean inMemory = runs.isEmpty();
        List<Side> sides = new ArrayList<>();
        try (IndexRecords records = records()) {
            Side crcs = new Side(inMemory, sides);
            Side offsets = new Side(inMemory, sides);
            Side largeOffsets = new Side(inMemory, sides);
            byte[] previous = null;
            int large = 0;
            while (records.next()) {
                byte[] id = records.id();
                if (previous != null && Arrays.equals(previous, id)) {
                    throw new IllegalStateException("The object " + ObjectId.of(id) + " was added to the pack twice");
                }
                previous = previous == null ? id.clone() : copyInto(id, previous);
                out.write(id);
                crcs.data.writeInt(records.crc());
                long offset = records.offset();
                if (offset <= MAX_SMALL_OFFSET) {
                    offsets.data.writeInt((int) offset);
                } else {
                    offsets.data.writeInt(0x80000000 | large++);
                    largeOffsets.data.writeLong(offset);
                }
            }
            crcs.appendTo(out);
            offsets.appendTo(out);
            largeOffsets.appendTo(out);
            out.write(packChecksum);
            out.flush();
            target.write(sha1.digest());
        } finally {
            for (Side side : sides) {
                side.discard();
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
        Path run = Files.createTempFile(spillDirectory, "pack-index-", ".run");
        runs.add(run);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
            chunk.writeSorted(out);
        }
        chunk.clear();
    }

    private IndexRecords records() throws IOException {
        if (runs.isEmpty()) {
            return chunk.sorted();
        }
        List<IndexRecords> all = new ArrayList<>();
        all.add(chunk.sorted());
        try {
            for (Path run : runs) {
                all.add(IndexRecords.read(Files.newInputStream(run)));
            }
        } catch (IOException e) {
            IndexRecords.merge(all).close();
            throw e;
        }
        return IndexRecords.merge(all);
    }

    private static byte[] copyInto(byte[] from, byte[] to) {
        System.arraycopy(from, 0, to, 0, to.length);
        return to;
    }

    /** Index data written after all ids: in memory for one chunk, in a temporary file beyond. */
    private final class Side {
        final DataOutputStream data;
        private final ByteArrayOutputStream memory;
        private final Path file;

        Side(boolean inMemory, List<Side> all) throws IOException {
            if (inMemory) {
                memory = new ByteArrayOutputStream();
                file = null;
                data = new DataOutputStream(memory);
            } else {
                memory = null;
                file = Files.createTempFile(spillDirectory, "pack-index-", ".side");
                try {
                    data = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
                } catch (IOException e) {
                    Files.deleteIfExists(file);
                    throw e;
                }
            }
            all.add(this);
        }

        void discard() throws IOException {
            try {
                data.close();
            } finally {
                if (file != null) {
                    Files.deleteIfExists(file);
                }
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
}
