package org.swhvault.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A reproducible stream of pseudo-random bytes of a given size, for writing test bundles of any size
 * without holding them in memory. The byte at each position depends only on the seed and the position,
 * so any slice can be produced on its own and two streams with different seeds differ almost everywhere.
 *
 * @param seed selects the bytes
 * @param size how many bytes there are
 */
public record PseudoRandomBytes(long seed, long size) {
    private static final int CHUNK = 64 * 1024;
    private static final HexFormat HEX = HexFormat.of();

    /** Validates the components. */
    public PseudoRandomBytes {
        if (size < 0) {
            throw new IllegalArgumentException("size must be non-negative, got " + size);
        }
    }

    /**
     * Returns the byte at a position.
     *
     * @param position from 0 to {@code size() - 1}
     * @return the byte
     * @throws IndexOutOfBoundsException if the position is outside the bytes
     */
    public byte byteAt(long position) {
        Objects.checkIndex(position, size);
        return unchecked(position);
    }

    /**
     * Returns a copy of part of the bytes; the part is cut at the end.
     *
     * @param offset the first position
     * @param length how many bytes at most
     * @return the bytes from {@code offset}, empty when {@code offset >= size()}
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative, or the part is
     *     longer than an array can be
     */
    public byte[] slice(long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must be non-negative, got " + offset + " and "
                    + length);
        }
        long n = offset >= size ? 0 : Math.min(length, size - offset);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a slice of " + n + " bytes does not fit in an array");
        }
        byte[] out = new byte[(int) n];
        fill(out, 0, out.length, offset);
        return out;
    }

    /**
     * Writes all the bytes, in chunks of 64 KiB. Does not close the stream.
     *
     * @param out where to write
     * @throws IOException if writing fails
     */
    public void writeTo(OutputStream out) throws IOException {
        writeTo(out, 0, size);
    }

    /**
     * Writes part of the bytes, in chunks of 64 KiB; the part is cut at the end. Does not close the stream.
     *
     * @param out where to write
     * @param offset the first position
     * @param length how many bytes at most
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative
     */
    public void writeTo(OutputStream out, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must be non-negative, got " + offset + " and "
                    + length);
        }
        long end = offset >= size ? offset : offset + Math.min(length, size - offset);
        byte[] chunk = new byte[CHUNK];
        for (long p = offset; p < end; p += CHUNK) {
            int n = (int) Math.min(CHUNK, end - p);
            fill(chunk, 0, n, p);
            out.write(chunk, 0, n);
        }
    }

    /**
     * Opens a stream of all the bytes.
     *
     * @return a new stream that needs no closing
     */
    public InputStream openStream() {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                return position < size ? unchecked(position++) & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Objects.checkFromIndexSize(off, len, b.length);
                if (len == 0) {
                    return 0;
                }
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - position);
                fill(b, off, n, position);
                position += n;
                return n;
            }
        };
    }

    /**
     * Returns the hex SHA-256 of the bytes, computed by streaming them.
     *
     * @return 64 lowercase hex digits
     */
    public String sha256() {
        MessageDigest digest = newSha256();
        byte[] chunk = new byte[CHUNK];
        for (long p = 0; p < size; p += CHUNK) {
            int n = (int) Math.min(CHUNK, size - p);
            fill(chunk, 0, n, p);
            digest.update(chunk, 0, n);
        }
        return HEX.formatHex(digest.digest());
    }

    /**
     * Reads a stream to its end and finds where it first differs from these bytes, like
     * {@link java.util.Arrays#mismatch(byte[], byte[])}. Does not close the stream.
     *
     * @param in the stream to compare
     * @return -1 if the stream holds exactly these bytes; otherwise the first position where they differ,
     *     which is the shorter length when one is a prefix of the other
     * @throws UncheckedIOException if reading fails
     */
    public long mismatch(InputStream in) {
        byte[] actual = new byte[CHUNK];
        byte[] expected = new byte[CHUNK];
        long position = 0;
        try {
            int n;
            while ((n = in.readNBytes(actual, 0, CHUNK)) > 0) {
                int m = (int) Math.min(n, Math.max(0, size - position));
                fill(expected, 0, m, position);
                int at = Arrays.mismatch(actual, 0, m, expected, 0, m);
                if (at >= 0) {
                    return position + at;
                }
                if (m < n) {
                    return position + m;
                }
                position += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stream to compare at position " + position, e);
        }
        return position == size ? -1 : position;
    }

    /**
     * Returns the hex SHA-256 of what a stream holds, reading it to its end. Does not close the stream.
     *
     * @param in the stream
     * @return 64 lowercase hex digits
     * @throws UncheckedIOException if reading fails
     */
    public static String sha256Of(InputStream in) {
        MessageDigest digest = newSha256();
        byte[] chunk = new byte[CHUNK];
        try {
            int n;
            while ((n = in.read(chunk)) > 0) {
                digest.update(chunk, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stream to hash", e);
        }
        return HEX.formatHex(digest.digest());
    }

    private void fill(byte[] dest, int from, int length, long position) {
        int i = from;
        int end = from + length;
        long p = position;
        while (i < end && (p & 7) != 0) {
            dest[i++] = unchecked(p++);
        }
        while (end - i >= 8) {
            long word = word(p >>> 3);
            for (int k = 0; k < 8; k++) {
                dest[i++] = (byte) (word >>> (8 * k));
            }
            p += 8;
        }
        while (i < end) {
            dest[i++] = unchecked(p++);
        }
    }

    private byte unchecked(long position) {
        return (byte) (word(position >>> 3) >>> (8 * (position & 7)));
    }

    /** The SplitMix64 finaliser of the word's index: cheap, and every bit depends on the seed and index. */
    private long word(long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
