package org.swhvault.core.internal.io;

import java.util.ArrayDeque;
import java.util.zip.Deflater;

/**
 * Reuses {@link Deflater}s of one level and framing: creating one allocates a few hundred KiB of
 * native memory, too costly per block or per small object. Thread-safe.
 */
public class DeflaterPool implements AutoCloseable {
    private final int level;
    private final boolean nowrap;
    private final ArrayDeque<Deflater> idle = new ArrayDeque<>();
    private boolean closed;

    public DeflaterPool(int level, boolean nowrap) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("compression level must be 0 to 9: " + level);
        }
        this.level = level;
        this.nowrap = nowrap;
    }

    int level() {
        return level;
    }

    /** Returns a reset deflater. */
    public synchronized Deflater acquire() {
        Deflater d = idle.pollFirst();
        return d != null ? d : new Deflater(level, nowrap);
    }

    /** Takes back a deflater obtained from {@link #acquire()}; ends it if the pool is closed. */
    public synchronized void release(Deflater deflater) {
        deflater.reset();
        if (closed) {
            deflater.end();
        } else {
            idle.addFirst(deflater);
        }
    }

    /** Ends the idle deflaters; those still in use are ended when released. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Deflater d : idle) {
            d.end();
        }
        idle.clear();
    }
}
