package org.swhvault.core.cook.gitbare;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.swhvault.core.cook.internal.IndexSort;
import org.swhvault.spi.model.ObjectId;

/**
 * A first-in first-out queue of object ids kept as raw bytes, each with a long (where it was seen):
 * 28 bytes per id. Not thread-safe.
 */
final class IdQueue {
    private static final int BLOCK_IDS = 4096;

    private final ArrayDeque<byte[]> blocks = new ArrayDeque<>();
    private final ArrayDeque<long[]> tagBlocks = new ArrayDeque<>();
    private int head;
    private int tail = BLOCK_IDS;
    private long size;

    void add(ObjectId id) {
        add(id, 0);
    }

    void add(ObjectId id, long tag) {
        if (blocks.isEmpty() || tail == BLOCK_IDS) {
            blocks.addLast(new byte[BLOCK_IDS * ObjectId.LENGTH]);
            tagBlocks.addLast(new long[BLOCK_IDS]);
            tail = 0;
        }
        id.copyTo(blocks.peekLast(), tail * ObjectId.LENGTH);
        tagBlocks.peekLast()[tail] = tag;
        tail++;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long size() {
        return size;
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
            byte[] block = blocks.peekFirst();
            ids.add(ObjectId.of(block, head * ObjectId.LENGTH));
            if (tags != null) {
                tags[i] = tagBlocks.peekFirst()[head];
            }
            head++;
            size--;
            if (size == 0) {
                // Keep the block: a walk down a linear history empties and refills the queue at each step.
                head = 0;
                tail = 0;
            } else if (head == BLOCK_IDS) {
                blocks.pollFirst();
                tagBlocks.pollFirst();
                head = 0;
            }
        }
        return ids;
    }

    /**
     * Reorders the queue by tag, largest first; ids with equal tags keep their order. Takes 12 more bytes
     * per id while it sorts.
     */
    void sortByTagDescending() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many ids to sort: " + size);
        }
        int n = (int) size;
        long[] tags = new long[n];
        byte[][] idBlocks = blocks.toArray(new byte[0][]);
        long[][] tagBlocksArray = tagBlocks.toArray(new long[0][]);
        for (int i = 0; i < n; i++) {
            int at = head + i;
            tags[i] = tagBlocksArray[at / BLOCK_IDS][at % BLOCK_IDS];
        }
        int[] order = IndexSort.sort(n, (x, y) -> Long.compare(tags[y], tags[x]));
        int oldHead = head;
        blocks.clear();
        tagBlocks.clear();
        head = 0;
        tail = BLOCK_IDS;
        size = 0;
        for (int i : order) {
            int at = oldHead + i;
            if (blocks.isEmpty() || tail == BLOCK_IDS) {
                blocks.addLast(new byte[BLOCK_IDS * ObjectId.LENGTH]);
                tagBlocks.addLast(new long[BLOCK_IDS]);
                tail = 0;
            }
            System.arraycopy(idBlocks[at / BLOCK_IDS], (at % BLOCK_IDS) * ObjectId.LENGTH, blocks.peekLast(),
                    tail * ObjectId.LENGTH, ObjectId.LENGTH);
            tagBlocks.peekLast()[tail] = tags[i];
            tail++;
            size++;
        }
    }
}
