package org.swhvault.spi.model.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * BLAKE2s with a 32-byte digest and no key (RFC 7693), as a {@link MessageDigest}: the JDK has none,
 * and the archive records this hash of every content. Not thread-safe, like every digest.
 */
public final class Blake2s256 extends MessageDigest implements Cloneable {
    /** The digest length in bytes. */
    public static final int DIGEST_LENGTH = 32;

    private static final int BLOCK = 64;
    private static final VarHandle LITTLE_ENDIAN_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int[] IV = {
        0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19,
    };
    private static final byte[][] SIGMA = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
        {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
        {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
        {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
        {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
        {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
        {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
        {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
        {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
        {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    };

    private int[] h = new int[8];
    private int[] m = new int[16];
    private byte[] buffer = new byte[BLOCK];
    private int buffered;
    private long counter;

    /** Creates a digest ready for input. */
    public Blake2s256() {
        super("BLAKE2s-256");
        engineReset();
    }

    @Override
    protected int engineGetDigestLength() {
        return DIGEST_LENGTH;
    }

    @Override
    protected void engineReset() {
        System.arraycopy(IV, 0, h, 0, 8);
        // Parameter block: digest length 32, no key, fanout 1, depth 1.
        h[0] ^= 0x01010000 ^ DIGEST_LENGTH;
        buffered = 0;
        counter = 0;
    }

    @Override
    protected void engineUpdate(byte input) {
        if (buffered == BLOCK) {
            counter += BLOCK;
            compress(buffer, 0, false);
            buffered = 0;
        }
        buffer[buffered++] = input;
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        if (len <= 0) {
            return;
        }
        // The last block must be compressed with the final flag, so a full block is kept back until more
        // input shows it is not the last one.
        if (buffered > 0) {
            int take = Math.min(BLOCK - buffered, len);
            System.arraycopy(input, offset, buffer, buffered, take);
            buffered += take;
            offset += take;
            len -= take;
            if (len == 0) {
                return;
            }
            counter += BLOCK;
            compress(buffer, 0, false);
            buffered = 0;
        }
        while (len > BLOCK) {
            counter += BLOCK;
            compress(input, offset, false);
            offset += BLOCK;
            len -= BLOCK;
        }
        System.arraycopy(input, offset, buffer, 0, len);
        buffered = len;
    }

    @Override
    protected byte[] engineDigest() {
        counter += buffered;
        Arrays.fill(buffer, buffered, BLOCK, (byte) 0);
        compress(buffer, 0, true);
        byte[] out = new byte[DIGEST_LENGTH];
        for (int i = 0; i < 8; i++) {
            int v = h[i];
            out[4 * i] = (byte) v;
            out[4 * i + 1] = (byte) (v >>> 8);
            out[4 * i + 2] = (byte) (v >>> 16);
            out[4 * i + 3] = (byte) (v >>> 24);
        }
        engineReset();
        return out;
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        Blake2s256 copy = (Blake2s256) super.clone();
        copy.h = h.clone();
        copy.m = m.clone();
        copy.buffer = buffer.clone();
        return copy;
    }

    private void compress(byte[] block, int offset, boolean last) {
        int[] m = this.m;
        for (int i = 0; i < 16; i++) {
            m[i] = (int) LITTLE_ENDIAN_INT.get(block, offset + 4 * i);
        }
        int v0 = h[0], v1 = h[1], v2 = h[2], v3 = h[3], v4 = h[4], v5 = h[5], v6 = h[6], v7 = h[7];
        int v8 = IV[0], v9 = IV[1], v10 = IV[2], v11 = IV[3];
        int v12 = IV[4] ^ (int) counter;
        int v13 = IV[5] ^ (int) (counter >>> 32);
        int v14 = last ? ~IV[6] : IV[6];
        int v15 = IV[7];
        for (int r = 0; r < 10; r++) {
            byte[] s = SIGMA[r];
            // Column step.
            v0 += v4 + m[s[0]]; v12 = Integer.rotateRight(v12 ^ v0, 16);
            v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 12);
            v0 += v4 + m[s[1]]; v12 = Integer.rotateRight(v12 ^ v0, 8);
            v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 7);

            v1 += v5 + m[s[2]]; v13 = Integer.rotateRight(v13 ^ v1, 16);
            v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 12);
            v1 += v5 + m[s[3]]; v13 = Integer.rotateRight(v13 ^ v1, 8);
            v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 7);

            v2 += v6 + m[s[4]]; v14 = Integer.rotateRight(v14 ^ v2, 16);
            v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 12);
            v2 += v6 + m[s[5]]; v14 = Integer.rotateRight(v14 ^ v2, 8);
            v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 7);

            v3 += v7 + m[s[6]]; v15 = Integer.rotateRight(v15 ^ v3, 16);
            v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 12);
            v3 += v7 + m[s[7]]; v15 = Integer.rotateRight(v15 ^ v3, 8);
            v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 7);

            // Diagonal step.
            v0 += v5 + m[s[8]]; v15 = Integer.rotateRight(v15 ^ v0, 16);
            v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 12);
            v0 += v5 + m[s[9]]; v15 = Integer.rotateRight(v15 ^ v0, 8);
            v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 7);

            v1 += v6 + m[s[10]]; v12 = Integer.rotateRight(v12 ^ v1, 16);
            v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 12);
            v1 += v6 + m[s[11]]; v12 = Integer.rotateRight(v12 ^ v1, 8);
            v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 7);

            v2 += v7 + m[s[12]]; v13 = Integer.rotateRight(v13 ^ v2, 16);
            v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 12);
            v2 += v7 + m[s[13]]; v13 = Integer.rotateRight(v13 ^ v2, 8);
            v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 7);

            v3 += v4 + m[s[14]]; v14 = Integer.rotateRight(v14 ^ v3, 16);
            v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 12);
            v3 += v4 + m[s[15]]; v14 = Integer.rotateRight(v14 ^ v3, 8);
            v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 7);
        }
        h[0] ^= v0 ^ v8;
        h[1] ^= v1 ^ v9;
        h[2] ^= v2 ^ v10;
        h[3] ^= v3 ^ v11;
        h[4] ^= v4 ^ v12;
        h[5] ^= v5 ^ v13;
        h[6] ^= v6 ^ v14;
        h[7] ^= v7 ^ v15;
    }
}
