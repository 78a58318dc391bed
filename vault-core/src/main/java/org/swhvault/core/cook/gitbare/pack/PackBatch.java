package org.swhvault.core.cook.gitbare.pack;

import org.swhvault.core.internal.io.DeflaterPool;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.swhvault.spi.model.ObjectId;

/**
 * Compresses a batch of small objects into consecutive pack entries, on a worker thread; with delta
 * settings, an object may be stored as an offset delta of an earlier object of the batch
 * ({@link DeltaWindow}).
 */
final class PackBatch {
    /** An object waiting to be compressed. */
    record Entry(GitObjectType type, ObjectId id, byte[] body) {
    }

    /** An object whose body does not hash to its id. */
    record Mismatch(GitObjectType type, ObjectId given, ObjectId actual) {
    }

    /**
     * The entries' bytes ({@code data[0, length)}), and per object its id, where its entry starts in
     * {@code data} and the CRC32 of its entry; with deltas, the window as the batch left it.
     */
    record Result(byte[] data, int length, ObjectId[] ids, int[] starts, int[] crcs, List<Mismatch> mismatches,
            DeltaWindow window) {
    }

    private PackBatch() {
    }

    private static final int OFS_DELTA = 6;

    /**
     * Compresses a batch; with a window (new, or continued from the batch before), searches deltas, and
     * leaves the window ready for a batch that continues this one.
     */
    static Result compress(List<Entry> entries, DeflaterPool deflaters, boolean verify, DeltaWindow window) {
        int n = entries.size();
        long estimate = 64L * n;
        for (Entry e : entries) {
            estimate += e.body().length;
        }
        // Deltas and zlib usually shrink a batch several times: start small, grow if needed.
        byte[] buf = new byte[(int) Math.min(window == null ? estimate : estimate / 4 + 64, Integer.MAX_VALUE - 16)];
        int pos = 0;
        ObjectId[] ids = new ObjectId[n];
        int[] starts = new int[n];
        int[] crcs = new int[n];
        List<Mismatch> mismatches = List.of();
        MessageDigest sha1 = verify ? Sha1.newDigest() : null;
        CRC32 crc = new CRC32();
        Deflater deflater = deflaters.acquire();
        try {
            for (int i = 0; i < n; i++) {
                Entry e = entries.get(i);
                byte[] body = e.body();
                if (sha1 != null) {
                    sha1.update(e.type().objectHeader(body.length));
                    ObjectId actual = ObjectId.of(sha1.digest(body));
                    if (!actual.equals(e.id())) {
                        if (mismatches.isEmpty()) {
                            mismatches = new ArrayList<>();
                        }
                        mismatches.add(new Mismatch(e.type(), e.id(), actual));
                    }
                }
                ids[i] = e.id();
                starts[i] = pos;
                DeltaWindow.Delta delta = window == null ? null : window.next(pos, e.type(), body);
                byte[] header = delta == null ? entryHeader(e.type(), body.length)
                        : deltaHeader(delta.data().length, delta.distance());
                byte[] data = delta == null ? body : delta.data();
                if (buf.length - pos < header.length + 64) {
                    buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + header.length + 64));
                }
                System.arraycopy(header, 0, buf, pos, header.length);
                pos += header.length;
                deflater.reset();
                deflater.setInput(data);
                deflater.finish();
                while (!deflater.finished()) {
                    if (pos == buf.length) {
                        buf = Arrays.copyOf(buf, buf.length * 2);
                    }
                    pos += deflater.deflate(buf, pos, buf.length - pos);
                }
                crc.reset();
                crc.update(buf, starts[i], pos - starts[i]);
                crcs[i] = (int) crc.getValue();
            }
        } finally {
            deflaters.release(deflater);
        }
        if (window != null) {
            window.rebase(pos);
        }
        return new Result(buf, pos, ids, starts, crcs, mismatches, window);
    }

    /** Returns a pack entry header: type and size, 4 bits then 7 bits per byte, low bits first. */
    static byte[] entryHeader(GitObjectType type, long size) {
        return entryHeader(type.packCode(), size);
    }

    /**
     * Returns the header of an offset delta: type 6 and the delta's size, then how far back its base
     * starts, 7 bits per byte, high bits first, each continued byte counting one more.
     */
    static byte[] deltaHeader(long size, long distance) {
        byte[] head = entryHeader(OFS_DELTA, size);
        byte[] back = new byte[10];
        int p = back.length - 1;
        back[p] = (byte) (distance & 127);
        for (long d = distance >>> 7; d != 0; d >>>= 7) {
            back[--p] = (byte) (128 | (--d & 127));
        }
        byte[] out = Arrays.copyOf(head, head.length + back.length - p);
        System.arraycopy(back, p, out, head.length, back.length - p);
        return out;
    }

    /** The header of a pack entry: its type code and size, in git's variable-length encoding. */
    static byte[] entryHeader(int packCode, long size) {
        byte[] out = new byte[10];
        int n = 0;
        int c = (packCode << 4) | (int) (size & 15);
        size >>>= 4;
        while (size != 0) {
            out[n++] = (byte) (c | 0x80);
            c = (int) (size & 0x7f);
            size >>>= 7;
        }
        out[n++] = (byte) c;
        return Arrays.copyOf(out, n);
    }
}
