package org.swhvault.core.cook.gitbare.pack;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

import org.swhvault.core.cook.internal.IndexSort;
import org.swhvault.spi.model.ObjectId;

/**
 * Sorts the objects of a pack into the order a delta search wants, like git's {@code pack-objects}:
 * by type (commits, tags, trees, blobs), then by name hash, then by path; then trees by size, largest
 * first (as git does: unrelated histories that share a path, such as the root, then sort apart), and
 * everything else in the order it was added (a walk from the newest commits adds the newest version of a
 * path first; the size of a blob is not known before it is read). Bodies added with
 * their object (commits, tags, trees, read while walking) come back with it; objects added without a
 * body (blobs, read later) come back without one.
 *
 * <p>Memory is bounded: records fill a chunk of {@code memoryBytes} (the bodies, plus 28 bytes an
 * object while sorting), which is sorted and spilled to a run file when full; runs are merged sixteen at a time into
 * larger ones as they accumulate, and read back merged. Not thread-safe.
 */
public final class DeltaOrder implements AutoCloseable {
    private static final int MAX_CHUNK_RECORDS = 1 << 22;
    private static final int BYTES_PER_RECORD = 28;
    private static final int FAN_IN = 16;
    private static final int BUFFER = 1 << 16;
    private static final int NO_BODY = -1;
    private static final int RECORD_HEADER = 1 + ObjectId.LENGTH + 4;

    private final Path directory;
    private final int memoryBytes;
    private final List<Run> runs = new ArrayList<>();
    private byte[] arena = new byte[1 << 16];
    private int arenaUsed;
    private long[] groups = new long[1024];
    private long[] ranks = new long[1024];
    private int[] starts = new int[1024];
    private int count;
    private long size;
    private boolean sorted;

    private record Run(Path path, int level) {
    }

    /**
     * Creates an empty order.
     *
     * @param directory where run files go
     * @param memoryBytes how many bytes of records to hold before spilling, at least 64 KiB
     */
    public DeltaOrder(Path directory, int memoryBytes) {
        if (memoryBytes < 1 << 16) {
            throw new IllegalArgumentException("memoryBytes must be at least 64 KiB: " + memoryBytes);
        }
        this.directory = directory;
        this.memoryBytes = memoryBytes;
    }

    /**
     * Adds an object.
     *
     * @param pathHash where it was first seen ({@link PathHash}), {@link PathHash#ROOT} for commits and tags
     * @param body its body (copied), or null for an object read later
     */
    public void add(GitObjectType type, ObjectId id, long pathHash, byte[] body) throws IOException {
        if (sorted) {
            throw new IllegalStateException("objects cannot be added once sorted");
        }
        int bodyLength = body == null ? 0 : body.length;
        int bytes = RECORD_HEADER + bodyLength;
        if (count > 0 && (count == MAX_CHUNK_RECORDS
                || (long) arenaUsed + bytes + (long) BYTES_PER_RECORD * (count + 1) > memoryBytes)) {
            spill();
        }
        if (arena.length - arenaUsed < bytes) {
            arena = Arrays.copyOf(arena, (int) Math.min(Integer.MAX_VALUE - 8,
                    Math.max((long) arena.length * 2, (long) arenaUsed + bytes)));
        }
        if (count == groups.length) {
            groups = Arrays.copyOf(groups, count * 2);
            ranks = Arrays.copyOf(ranks, count * 2);
            starts = Arrays.copyOf(starts, count * 2);
        }
        groups[count] = group(type, pathHash);
        ranks[count] = type == GitObjectType.TREE ? Integer.MAX_VALUE - bodyLength : 0;
        starts[count] = arenaUsed;
        arena[arenaUsed] = (byte) type.ordinal();
        id.copyTo(arena, arenaUsed + 1);
        putInt(arena, arenaUsed + 1 + ObjectId.LENGTH, body == null ? NO_BODY : bodyLength);
        if (body != null) {
            System.arraycopy(body, 0, arena, arenaUsed + RECORD_HEADER, bodyLength);
        }
        arenaUsed += bytes;
        count++;
        size++;
    }

    /** Returns how many objects were added. */
    public long size() {
        return size;
    }

    /**
     * Returns the objects in order; can be called once. The cursor reads the run files, which
     * {@link #close()} deletes.
     */
    public Cursor sorted() throws IOException {
        if (sorted) {
            throw new IllegalStateException("sorted() can be called once");
        }
        sorted = true;
        List<Source> sources = new ArrayList<>();
        try {
            for (Run run : runs) {
                sources.add(new RunSource(run.path()));
            }
        } catch (IOException e) {
            for (Source s : sources) {
                s.close();
            }
            throw e;
        }
        sources.add(new ChunkSource(sortedChunk()));
        return new Cursor(sources);
    }

    /** Deletes the run files. Idempotent. */
    @Override
    public void close() throws IOException {
        for (Run run : runs) {
            Files.deleteIfExists(run.path());
        }
        runs.clear();
        arena = new byte[0];
    }

    /**
     * Returns the first sort key of an object: type, then name hash, then path, so that objects with equal
     * keys are the versions of one path (or of paths whose hashes collide), in a long compared signed.
     */
    static long group(GitObjectType type, long pathHash) {
        long rank = switch (type) {
            case COMMIT -> 0;
            case TAG -> 1;
            case TREE -> 2;
            case BLOB -> 3;
        };
        long name = pathHash >>> 32;
        long path = (pathHash & 0xffffffffL) >>> 2;
        return ((rank << 62) | (name << 30) | path) ^ Long.MIN_VALUE;
    }

    private int[] sortedChunk() {
        long[] g = groups;
        long[] r = ranks;
        return IndexSort.sort(count, (a, b) -> g[a] != g[b] ? Long.compare(g[a], g[b]) : Long.compare(r[a], r[b]));
    }

    private void spill() throws IOException {
        Path path = Files.createTempFile(directory, "delta-order-", ".run");
        runs.add(new Run(path, 0));
        try (DataOutputStream out = output(path)) {
            ChunkSource chunk = new ChunkSource(sortedChunk());
            while (chunk.next()) {
                chunk.writeTo(out);
            }
        }
        count = 0;
        arenaUsed = 0;
        compact();
    }

    /** Merges the last {@value #FAN_IN} runs into one while they are of the same level. */
    private void compact() throws IOException {
        while (runs.size() >= FAN_IN) {
            int from = runs.size() - FAN_IN;
            int level = runs.get(from).level();
            if (runs.get(runs.size() - 1).level() != level) {
                return;
            }
            List<Run> merged = new ArrayList<>(runs.subList(from, runs.size()));
            Path path = Files.createTempFile(directory, "delta-order-", ".run");
            List<Source> sources = new ArrayList<>();
            try (DataOutputStream out = output(path)) {
                for (Run run : merged) {
                    sources.add(new RunSource(run.path()));
                }
                try (Cursor cursor = new Cursor(sources)) {
                    sources = List.of();
                    while (cursor.next()) {
                        cursor.current.writeTo(out);
                    }
                }
            } catch (IOException | RuntimeException e) {
                for (Source s : sources) {
                    s.close();
                }
                Files.deleteIfExists(path);
                throw e;
            }
            for (Run run : merged) {
                Files.deleteIfExists(run.path());
            }
            runs.subList(from, runs.size()).clear();
            runs.add(new Run(path, level + 1));
        }
    }

    private static DataOutputStream output(Path path) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), BUFFER));
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    /** Sorted records from one run or the chunk in memory. */
    private abstract static class Source implements AutoCloseable {
        long group;
        long rank;
        GitObjectType type;
        final byte[] id = new byte[ObjectId.LENGTH];
        byte[] body;
        int order;

        abstract boolean next() throws IOException;

        void writeTo(DataOutputStream out) throws IOException {
            out.writeLong(group);
            out.writeLong(rank);
            out.writeByte(type.ordinal());
            out.write(id);
            out.writeInt(body == null ? NO_BODY : body.length);
            if (body != null) {
                out.write(body);
            }
        }

        @Override
        public void close() throws IOException {
        }
    }

    private final class ChunkSource extends Source {
        private final int[] at;
        private int next;

        ChunkSource(int[] at) {
            this.at = at;
        }

        @Override
        boolean next() {
            if (next == at.length) {
                return false;
            }
            int i = at[next++];
            int start = starts[i];
            group = groups[i];
            rank = ranks[i];
            type = GitObjectType.values()[arena[start]];
            System.arraycopy(arena, start + 1, id, 0, ObjectId.LENGTH);
            int length = getInt(arena, start + 1 + ObjectId.LENGTH);
            body = length == NO_BODY ? null : Arrays.copyOfRange(arena, start + RECORD_HEADER,
                    start + RECORD_HEADER + length);
            return true;
        }
    }

    private static final class RunSource extends Source {
        private final DataInputStream in;

        RunSource(Path path) throws IOException {
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), BUFFER));
        }

        @Override
        boolean next() throws IOException {
            try {
                group = in.readLong();
            } catch (EOFException e) {
                return false;
            }
            rank = in.readLong();
            type = GitObjectType.values()[in.readUnsignedByte()];
            in.readFully(id);
            int length = in.readInt();
            if (length == NO_BODY) {
                body = null;
            } else {
                body = new byte[length];
                in.readFully(body);
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** The objects in order: {@link #next()}, then the current object's fields. */
    public static final class Cursor implements AutoCloseable {
        private final PriorityQueue<Source> queue = new PriorityQueue<>((a, b) -> a.group != b.group
                ? Long.compare(a.group, b.group) : a.rank != b.rank ? Long.compare(a.rank, b.rank)
                : Integer.compare(a.order, b.order));
        private final List<Source> sources;
        private Source current;

        private Cursor(List<Source> sources) throws IOException {
            this.sources = sources;
            for (int i = 0; i < sources.size(); i++) {
                Source s = sources.get(i);
                s.order = i;
                if (s.next()) {
                    queue.add(s);
                }
            }
        }

        /** Moves to the next object; false at the end. */
        public boolean next() throws IOException {
            if (current != null && current.next()) {
                queue.add(current);
            }
            current = queue.poll();
            return current != null;
        }

        /** Returns the current object's type. */
        public GitObjectType type() {
            return current.type;
        }

        /** Returns the current object's id. */
        public ObjectId id() {
            return ObjectId.of(current.id);
        }

        /**
         * Returns the current object's group: equal for the versions of one path (and for objects
         * whose hashes collide), changing only between groups.
         */
        public long group() {
            return current.group;
        }

        /** Returns the current object's body, a new array, or null if it was added without one. */
        public byte[] body() {
            return current.body;
        }

        @Override
        public void close() throws IOException {
            IOException failure = null;
            for (Source s : sources) {
                try {
                    s.close();
                } catch (IOException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
