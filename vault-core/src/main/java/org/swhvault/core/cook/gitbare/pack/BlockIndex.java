package org.swhvault.core.cook.gitbare.pack;

import java.util.Arrays;

/**
 * An index of a base object's 16-byte blocks, and the encoder of git's binary deltas against it: a delta
 * is the sizes of the base and of the result, then instructions that either copy a range of the base or
 * insert literal bytes. The target is scanned with a rolling hash over 16 bytes; where its window hashes
 * like a block of the base, the match is extended forwards and, into the bytes not yet emitted, backwards,
 * and the longest of the first candidates is copied; elsewhere the byte becomes literal. The encoder gives
 * up as soon as the delta would reach the size it is allowed (counting the bytes not matched yet as
 * literal, but for the last two blocks' worth, which a later match may take back), which makes a failed
 * attempt cost about as many bytes of the target as that size, not the whole target.
 *
 * <p>Memory: the base (not copied) and 12 bytes per 16 bytes of it. Immutable once built; {@link #encode}
 * may run on several threads at once with their own buffers.
 */
final class BlockIndex {
    static final int BLOCK = 16;
    private static final int MULTIPLIER = 0x01000193;
    /** {@code MULTIPLIER} to the power {@code BLOCK - 1}: what the byte leaving the window weighs. */
    private static final int OUT_WEIGHT;
    private static final int MAX_CANDIDATES = 64;
    private static final int GOOD_ENOUGH = 4096;
    private static final int MAX_COPY = 0x10000;
    private static final int MAX_INSERT = 0x7f;

    static {
        int w = 1;
        for (int i = 1; i < BLOCK; i++) {
            w *= MULTIPLIER;
        }
        OUT_WEIGHT = w;
    }

    private final byte[] base;
    private final int[] heads;
    private final int[] next;
    private final int[] hashes;
    private final int shift;

    /** Indexes the blocks of {@code base}, which must not change while the index is used. */
    BlockIndex(byte[] base) {
        this.base = base;
        int blocks = base.length / BLOCK;
        // Four buckets per block: most bytes of a target that matches nothing find an empty bucket.
        int bits = Math.max(4, 34 - Integer.numberOfLeadingZeros(Math.max(1, blocks)));
        this.shift = 32 - bits;
        this.heads = new int[1 << bits];
        this.next = new int[blocks];
        this.hashes = new int[blocks];
        // From the last block to the first, so that the first occurrence of a repeated block comes first.
        for (int b = blocks - 1; b >= 0; b--) {
            int h = hash(base, b * BLOCK);
            int bucket = bucket(h);
            hashes[b] = h;
            next[b] = heads[bucket];
            heads[bucket] = b + 1;
        }
    }

    /** Returns the bytes this index holds besides the base. */
    long memory() {
        return 4L * (heads.length + next.length + hashes.length) + 48;
    }

    /**
     * Encodes the delta that turns the base into {@code target}, into {@code out} (reset first), if it is
     * shorter than {@code limit} bytes.
     *
     * @return true if the delta in {@code out} is shorter than {@code limit}; false if it is not, or (rarely,
     *     when a late match would have made it fit) if giving up early missed it; {@code out} then holds
     *     nothing useful
     */
    boolean encode(byte[] target, int limit, Output out) {
        out.reset();
        out.varint(base.length);
        out.varint(target.length);
        int end = target.length;
        int literal = 0;
        int pos = 0;
        if (end >= BLOCK && next.length > 0) {
            int h = hash(target, 0);
            long giveUp = giveUp(literal, limit - out.size());
            while (true) {
                int bestLength = 0;
                int bestFrom = 0;
                int bestBack = 0;
                int candidates = 0;
                for (int b = heads[bucket(h)]; b != 0 && candidates < MAX_CANDIDATES; b = next[b - 1]) {
                    if (hashes[b - 1] != h) {
                        continue;
                    }
                    candidates++;
                    int from = (b - 1) * BLOCK;
                    int length = Arrays.mismatch(target, pos, end, base, from, base.length);
                    if (length < 0) {
                        length = Math.min(end - pos, base.length - from);
                    }
                    if (length < BLOCK) {
                        continue;
                    }
                    int back = 0;
                    while (back < pos - literal && back < from && target[pos - back - 1] == base[from - back - 1]) {
                        back++;
                    }
                    if (length + back > bestLength + bestBack) {
                        bestLength = length;
                        bestFrom = from;
                        bestBack = back;
                        if (length + back >= GOOD_ENOUGH) {
                            break;
                        }
                    }
                }
                if (bestLength > 0) {
                    insert(target, literal, pos - bestBack, out);
                    copy(bestFrom - bestBack, bestLength + bestBack, out);
                    pos += bestLength;
                    literal = pos;
                    if (out.size() >= limit) {
                        return false;
                    }
                    giveUp = giveUp(literal, limit - out.size());
                    if (pos + BLOCK > end) {
                        break;
                    }
                    h = hash(target, pos);
                    continue;
                }
                if (pos >= giveUp) {
                    return false;
                }
                if (pos + BLOCK >= end) {
                    break;
                }
                h = (h - target[pos] * OUT_WEIGHT) * MULTIPLIER + target[pos + BLOCK];
                pos++;
            }
        }
        insert(target, literal, end, out);
        return out.size() < limit;
    }

    /**
     * Returns the position from which the bytes not yet emitted since {@code literal} would not fit in the
     * {@code room} left even as insert instructions (n literal bytes take more than n * 129 / 128), give or
     * take two blocks: a match found later may extend backwards over the last few of them.
     */
    private static long giveUp(int literal, int room) {
        return literal + (room * 128L + 128) / 129 + 2 * BLOCK;
    }

    private int bucket(int h) {
        return (h * 0x9e3779b1) >>> shift;
    }

    private static int hash(byte[] b, int at) {
        int h = 0;
        for (int i = 0; i < BLOCK; i++) {
            h = h * MULTIPLIER + b[at + i];
        }
        return h;
    }

    /** Emits {@code target[from, to)} as insert instructions of at most 127 bytes. */
    private static void insert(byte[] target, int from, int to, Output out) {
        for (int at = from; at < to; at += MAX_INSERT) {
            int n = Math.min(MAX_INSERT, to - at);
            out.write(n);
            out.write(target, at, n);
        }
    }

    /** Emits copy instructions of at most 64 KiB: flags, then the offset's and size's non-zero bytes. */
    private static void copy(int offset, int length, Output out) {
        while (length > 0) {
            int n = Math.min(MAX_COPY, length);
            int at = out.size();
            out.write(0x80);
            int flags = 0x80;
            for (int i = 0; i < 4; i++) {
                int b = (offset >>> (8 * i)) & 0xff;
                if (b != 0) {
                    flags |= 1 << i;
                    out.write(b);
                }
            }
            // A size of 64 KiB is written as no size bytes at all.
            int size = n == MAX_COPY ? 0 : n;
            for (int i = 0; i < 3; i++) {
                int b = (size >>> (8 * i)) & 0xff;
                if (b != 0) {
                    flags |= 0x10 << i;
                    out.write(b);
                }
            }
            out.set(at, flags);
            offset += n;
            length -= n;
        }
    }

    /** A growable byte buffer for deltas, reused from one encoding to the next by one thread. */
    static final class Output {
        private byte[] bytes = new byte[1024];
        private int size;

        void reset() {
            size = 0;
        }

        int size() {
            return size;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        void write(int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2);
            }
            bytes[size++] = (byte) b;
        }

        void write(byte[] b, int from, int n) {
            if (bytes.length - size < n) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
            System.arraycopy(b, from, bytes, size, n);
            size += n;
        }

        void set(int at, int b) {
            bytes[at] = (byte) b;
        }

        void varint(long v) {
            while (v >= 0x80) {
                write((int) (v & 0x7f) | 0x80);
                v >>>= 7;
            }
            write((int) v);
        }
    }
}
