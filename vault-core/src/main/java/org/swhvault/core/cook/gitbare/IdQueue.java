package org.swhvault.core.cook.gitbare;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.swhvault.spi.model.ObjectId;

/** A first-in first-out queue of object ids kept as raw bytes, 20 bytes per id. Not thread-safe. */
final class IdQueue {
    private static final int BLOCK_IDS = 4096;

    private final ArrayDeque<byte[]> blocks = new ArrayDeque<>();
    private int head;
    private int tail = BLOCK_IDS;
    private long size;

    void add(ObjectId id) {
        if (blocks.isEmpty() || tail == BLOCK_IDS) {
            blocks.addLast(new byte[BLOCK_IDS * ObjectId.LENGTH]);
            tail = 0;
        }
        id.copyTo(blocks.peekLast(), tail * ObjectId.LENGTH);
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
        int n = (int) Math.min(max, size);
        List<ObjectId> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] block = blocks.peekFirst();
            ids.add(ObjectId.of(block, head * ObjectId.LENGTH));
            head++;
            size--;
            if (size == 0) {
                // Keep the block: a walk down a linear history empties and refills the queue at each step.
                head = 0;
                tail = 0;
            } else if (head == BLOCK_IDS) {
                blocks.pollFirst();
                head = 0;
            }
        }
        return ids;
    }
}
