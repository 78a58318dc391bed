package org.swhvault.core.cook.gitbare.pack;

import java.util.ArrayList;
import java.util.List;

/**
 * The delta search over one batch of objects in delta order, as git's {@code pack-objects} does it:
 * each object is compared with the few objects before it (the window), and stored as a delta of the one
 * that gives the smallest delta, provided that delta is less than half the object and the chain it
 * starts stays within the maximum depth. The size a delta may have shrinks as its base sits deeper, so
 * that chains stay shallow when it costs little; an object is compared with the most recent objects
 * first, and the base chosen moves to the front of the window, to stay in it longer. Deltas are encoded
 * by {@link BlockIndex}, which stops as soon as a delta grows too large.
 *
 * <p>The window holds at most {@link Settings#window()} objects and {@link Settings#memory()} bytes of
 * bodies and indexes (the oldest leave first; the newest always stays). It knows where each of its
 * objects starts, relative to the batch being written; a batch that continues the objects of the one
 * before it (in the middle of a path) continues its window too ({@link #rebase}), so that where batches
 * end does not change the deltas. Used by one thread at a time.
 */
final class DeltaWindow {
    /** How wide and deep the search goes. */
    record Settings(int window, int maxDepth, long memory) {
        Settings {
            if (window < 1 || maxDepth < 1 || memory < 1) {
                throw new IllegalArgumentException("window, depth and memory must be positive");
            }
        }
    }

    /** An object stored as a delta: how many bytes before its own entry its base's entry starts, and the delta. */
    record Delta(long distance, byte[] data) {
    }

    private static final int HASH_LENGTH = 20;

    private final Settings settings;
    private final List<Slot> slots = new ArrayList<>();
    private final BlockIndex.Output output = new BlockIndex.Output();
    private long memory;

    private static final class Slot {
        long start;
        final GitObjectType type;
        final byte[] body;
        final int depth;
        BlockIndex index;

        Slot(long start, GitObjectType type, byte[] body, int depth) {
            this.start = start;
            this.type = type;
            this.body = body;
            this.depth = depth;
        }
    }

    DeltaWindow(Settings settings) {
        this.settings = settings;
    }

    /**
     * Searches a delta for the object whose entry starts at {@code start} in the batch (called for each
     * object in order), then lets it into the window.
     *
     * @return the delta to store, or null to store the object whole
     */
    Delta next(long start, GitObjectType type, byte[] body) {
        Slot best = null;
        byte[] bestDelta = null;
        int depth = 0;
        for (int i = slots.size() - 1; i >= 0 && body.length > 0; i--) {
            Slot base = slots.get(i);
            if (base.type != type) {
                break; // in delta order, every older slot is of another type too
            }
            long maxSize;
            int refDepth;
            if (bestDelta == null) {
                maxSize = body.length / 2 - HASH_LENGTH;
                refDepth = 1;
            } else {
                maxSize = bestDelta.length;
                refDepth = depth;
            }
            if (base.depth >= settings.maxDepth() || base.body.length == 0 || maxSize <= 0) {
                continue;
            }
            maxSize = maxSize * (settings.maxDepth() - base.depth) / (settings.maxDepth() - refDepth + 1);
            long sizeDiff = Math.max(0, body.length - base.body.length);
            if (maxSize == 0 || sizeDiff >= maxSize || body.length < base.body.length / 32) {
                continue;
            }
            byte[] delta = encode(base, body, maxSize);
            if (delta == null || (bestDelta != null && delta.length == bestDelta.length && base.depth + 1 >= depth)) {
                continue;
            }
            best = base;
            bestDelta = delta;
            depth = base.depth + 1;
        }
        admit(new Slot(start, type, body, depth), best);
        return best == null ? null : new Delta(start - best.start, bestDelta);
    }

    /** Makes the window's positions relative to the next batch, once a batch of {@code length} bytes is complete. */
    void rebase(long length) {
        for (Slot s : slots) {
            s.start -= length;
        }
    }

    /** Returns the delta of {@code body} against {@code base} if it is smaller than {@code maxSize} bytes. */
    private byte[] encode(Slot base, byte[] body, long maxSize) {
        if (base.index == null) {
            base.index = new BlockIndex(base.body);
            memory += base.index.memory(); // trimmed once the object is admitted
        }
        return base.index.encode(body, (int) Math.min(Integer.MAX_VALUE, maxSize), output) ? output.toByteArray() : null;
    }

    /** Lets an object into the window, then moves its base to the front, so that the base stays longer. */
    private void admit(Slot slot, Slot base) {
        if (slot.depth < settings.maxDepth()) {
            // An object at the maximum depth cannot be a base: it would only take a place.
            slots.add(slot);
            memory += slot.body.length;
        }
        if (base != null && slots.remove(base)) {
            slots.add(base);
        }
        while (slots.size() > settings.window()) {
            evict(0);
        }
        trim();
    }

    /** Evicts the oldest objects while the window is over its memory, keeping the newest. */
    private void trim() {
        while (memory > settings.memory() && slots.size() > 1) {
            evict(0);
        }
    }

    private void evict(int at) {
        Slot s = slots.remove(at);
        memory -= s.body.length + (s.index == null ? 0 : s.index.memory());
    }
}
