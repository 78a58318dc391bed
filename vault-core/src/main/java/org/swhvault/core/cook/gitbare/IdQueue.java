package org.swhvault.core.cook.gitbare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.core.cook.internal.IndexSort;
import org.swhvault.spi.model.ObjectId;

/**
 * A first-in first-out queue of object ids kept as raw bytes, each with a long (where it was seen):
 * 28 bytes per id, in blocks of {@value #BLOCK_IDS}. Past a heap budget the blocks between the oldest and
 * the newest go to a temporary file in the directory given, read back as the queue drains, so that the
 * heap it takes does not grow with the number of ids; {@link #close()} deletes the files. A file that cannot
 * be written or read is an {@link UncheckedIOException}. Not thread-safe.
 */
final class IdQueue implements AutoCloseable {
    static final int BLOCK_IDS = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(IdQueue.class);
    private static final int LENGTH = ObjectId.LENGTH;
    /** The bytes of one block, on the heap and in the file: its ids, then its tags. */
    static final int BLOCK_BYTES = BLOCK_IDS * (LENGTH + Long.BYTES);

    private final Path directory;
    private final int maxBlocks;
    /** The oldest blocks, being polled; then the file's; then {@link #back}, being filled. */
    private final ArrayDeque<Block> front = new ArrayDeque<>();
    private final ArrayDeque<Block> back = new ArrayDeque<>();
    private Spill spill;
    private long size;

    /** Creates a queue that keeps every id on the heap. */
    IdQueue() {
        this(null, Long.MAX_VALUE);
    }

    /**
     * Creates a queue that moves full blocks to a file in {@code directory} once its newest blocks take more
     * than {@code heapBudget} bytes; it then holds at most about twice the budget (one block at least).
     */
    IdQueue(Path directory, long heapBudget) {
        this.directory = directory;
        this.maxBlocks = directory == null ? Integer.MAX_VALUE
                : (int) Math.max(1, Math.min(Integer.MAX_VALUE, heapBudget / BLOCK_BYTES));
    }

    void add(ObjectId id) {
        add(id, 0);
    }

    void add(ObjectId id, long tag) {
        Block last = back.peekLast();
        if (last == null || last.end == BLOCK_IDS) {
            if (back.size() >= maxBlocks) {
                spillBack();
            }
            last = new Block();
            back.addLast(last);
        }
        id.copyTo(last.ids, last.end * LENGTH);
        last.tags[last.end++] = tag;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long size() {
        return size;
    }

    /** Returns whether some blocks went to a file. */
    boolean spilled() {
        return spill != null;
    }

    /** Removes and returns up to {@code max} ids, oldest first. */
    List<ObjectId> poll(int max) {
        return poll(max, null);
    }

    /** Removes and returns up to {@code max} ids, oldest first, and puts their tags in {@code tags} if not null. */
    List<ObjectId> poll(int max, long[] tags) {
        int n = (int) Math.min(max, size);
        List<ObjectId> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Block block = first();
            ids.add(ObjectId.of(block.ids, block.start * LENGTH));
            if (tags != null) {
                tags[i] = block.tags[block.start];
            }
            block.start++;
            size--;
            if (block.start == block.end) {
                front.pollFirst();
            }
        }
        return ids;
    }

    /**
     * Reorders the queue by tag, largest first; ids with equal tags keep their order. On the heap it takes 12
     * more bytes per id while it sorts; past the budget it sorts runs of the budget's size, writes them to
     * files and merges them.
     */
    void sortByTagDescending() {
        long budgetIds = maxBlocks == Integer.MAX_VALUE ? Long.MAX_VALUE : (long) maxBlocks * BLOCK_IDS;
        if (size <= budgetIds && spill == null) {
            int n = (int) size;
            List<Block> sorted = sortedBlocks(n);
            front.clear();
            back.clear();
            back.addAll(sorted);
            size = n;
            return;
        }
        List<Spill> runs = new ArrayList<>();
        try {
            while (size > 0) {
                int n = (int) Math.min(size, budgetIds);
                Spill run = new Spill(directory);
                runs.add(run);
                for (Block block : sortedBlocks(n)) {
                    run.write(block);
                }
            }
            closeSpill();
            front.clear();
            back.clear();
            merge(runs);
        } finally {
            for (Spill run : runs) {
                run.close();
            }
        }
    }

    /** Deletes the queue's file, if any. */
    @Override
    public void close() {
        closeSpill();
        front.clear();
        back.clear();
        size = 0;
    }

    /** Polls the {@code n} oldest ids and returns them as full blocks (the last one partly), sorted by tag. */
    private List<Block> sortedBlocks(int n) {
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many ids to sort: " + n);
        }
        byte[] ids = new byte[Math.multiplyExact(n, LENGTH)];
        long[] tags = new long[n];
        for (int i = 0; i < n; i++) {
            Block block = first();
            System.arraycopy(block.ids, block.start * LENGTH, ids, i * LENGTH, LENGTH);
            tags[i] = block.tags[block.start];
            block.start++;
            size--;
            if (block.start == block.end) {
                front.pollFirst();
            }
        }
        int[] order = IndexSort.sort(n, (x, y) -> Long.compare(tags[y], tags[x]));
        List<Block> blocks = new ArrayList<>();
        for (int i : order) {
            Block last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
            if (last == null || last.end == BLOCK_IDS) {
                last = new Block();
                blocks.add(last);
            }
            System.arraycopy(ids, i * LENGTH, last.ids, last.end * LENGTH, LENGTH);
            last.tags[last.end++] = tags[i];
        }
        return blocks;
    }

    /** Adds the ids of sorted runs back, merged: largest tag first, the earlier run first among equal tags. */
    private void merge(List<Spill> runs) {
        record Head(int run, Block block) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> {
            int byTag = Long.compare(b.block.tags[b.block.start], a.block.tags[a.block.start]);
            return byTag != 0 ? byTag : Integer.compare(a.run, b.run);
        });
        for (int r = 0; r < runs.size(); r++) {
            if (runs.get(r).hasNext()) {
                heads.add(new Head(r, runs.get(r).read()));
            }
        }
        while (!heads.isEmpty()) {
            Head head = heads.poll();
            Block block = head.block;
            add(ObjectId.of(block.ids, block.start * LENGTH), block.tags[block.start]);
            block.start++;
            if (block.start < block.end) {
                heads.add(head);
            } else if (runs.get(head.run).hasNext()) {
                heads.add(new Head(head.run, runs.get(head.run).read()));
            }
        }
    }

    /** The oldest block that holds ids, refilled from the file, else from the newest blocks. */
    private Block first() {
        Block block = front.peekFirst();
        if (block != null) {
            return block;
        }
        if (spill != null && spill.hasNext()) {
            front.addLast(spill.read());
        } else {
            front.addAll(back);
            back.clear();
        }
        return front.peekFirst();
    }

    private void spillBack() {
        if (spill == null) {
            spill = new Spill(directory);
            LOG.debug("An id queue of {} ids spills to {}", size, spill.path);
        }
        for (Block block : back) {
            spill.write(block);
        }
        back.clear();
    }

    private void closeSpill() {
        if (spill != null) {
            spill.close();
            spill = null;
        }
    }

    /** Up to {@value #BLOCK_IDS} ids with their tags; those from {@code start} to {@code end} are queued. */
    private static final class Block {
        final byte[] ids = new byte[BLOCK_IDS * LENGTH];
        final long[] tags = new long[BLOCK_IDS];
        int start;
        int end;
    }

    /** Blocks in a file, read back in the order they were written; the file empties when all are read. */
    private static final class Spill {
        private final Path path;
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(BLOCK_BYTES + 4);
        private long readAt;
        private long writeAt;

        Spill(Path directory) {
            try {
                path = Files.createTempFile(directory, "queue-", ".ids");
                channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        StandardOpenOption.DELETE_ON_CLOSE);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a queue file in " + directory, e);
            }
        }

        boolean hasNext() {
            return readAt < writeAt;
        }

        void write(Block block) {
            buffer.clear();
            buffer.putInt(block.end - block.start);
            buffer.put(block.ids, block.start * LENGTH, (block.end - block.start) * LENGTH);
            for (int i = block.start; i < block.end; i++) {
                buffer.putLong(block.tags[i]);
            }
            buffer.flip();
            try {
                while (buffer.hasRemaining()) {
                    writeAt += channel.write(buffer, writeAt);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the queue file " + path, e);
            }
        }

        Block read() {
            buffer.clear();
            buffer.limit(4);
            fill();
            int n = buffer.flip().getInt();
            buffer.clear();
            buffer.limit(n * (LENGTH + Long.BYTES));
            fill();
            buffer.flip();
            Block block = new Block();
            buffer.get(block.ids, 0, n * LENGTH);
            for (int i = 0; i < n; i++) {
                block.tags[i] = buffer.getLong();
            }
            block.end = n;
            if (readAt == writeAt) {
                try {
                    channel.truncate(0);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot empty the queue file " + path, e);
                }
                readAt = 0;
                writeAt = 0;
            }
            return block;
        }

        private void fill() {
            try {
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, readAt);
                    if (n < 0) {
                        throw new IOException("the file ends early");
                    }
                    readAt += n;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the queue file " + path, e);
            }
        }

        void close() {
            try {
                channel.close();
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.warn("Cannot delete the temporary file {}", path, e);
            }
        }
    }
}
