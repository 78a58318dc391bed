package org.swhvault.storage.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/**
 * Reproducible test bytes: byte {@code p} of pattern {@code seed} is a function of both, so any range
 * can be checked without holding the whole pattern.
 */
final class Patterns {
    private static final int CHUNK = 64 * 1024;

    private Patterns() {
    }

    static byte at(long seed, long position) {
        long word = mix(seed * 0x9E3779B97F4A7C15L + (position >>> 3));
        return (byte) (word >>> (8 * (position & 7)));
    }

    static void fill(byte[] buf, int len, long seed, long position) {
        for (int i = 0; i < len; i++) {
            buf[i] = at(seed, position + i);
        }
    }

    /** Writes {@code size} bytes of pattern {@code seed} in chunks. */
    static void write(OutputStream out, long seed, long size) throws IOException {
        byte[] buf = new byte[CHUNK];
        for (long pos = 0; pos < size; ) {
            int n = (int) Math.min(CHUNK, size - pos);
            fill(buf, n, seed, pos);
            out.write(buf, 0, n);
            pos += n;
        }
    }

    /**
     * Reads {@code in} to its end and returns the index of the first byte that differs from pattern
     * {@code seed} at {@code offset}, or -1 if exactly {@code length} matching bytes were read.
     */
    static long firstMismatch(InputStream in, long seed, long offset, long length) throws IOException {
        byte[] buf = new byte[CHUNK];
        byte[] expected = new byte[CHUNK];
        long read = 0;
        for (int n; (n = in.read(buf)) >= 0; ) {
            fill(expected, n, seed, offset + read);
            for (int i = 0; i < n; i++) {
                if (read + i >= length || buf[i] != expected[i]) {
                    return read + i;
                }
            }
            read += n;
        }
        return read == length ? -1 : read;
    }

    static String sha256Hex(long seed, long size) throws IOException {
        MessageDigest digest = newDigest();
        write(new OutputStream() {
            @Override
            public void write(int b) {
                digest.update((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                digest.update(b, off, len);
            }
        }, seed, size);
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256Hex(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buf = new byte[CHUNK];
        for (int n; (n = in.read(buf)) >= 0; ) {
            digest.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A key whose object id is derived from {@code n}. */
    static BundleKey key(BundleType type, ObjectType objectType, int n) {
        byte[] id = new byte[ObjectId.LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = at(n, i);
        }
        return new BundleKey(type, Swhid.of(objectType, ObjectId.of(id)));
    }

    static BundleKey key(int n) {
        return key(BundleType.FLAT, ObjectType.DIRECTORY, n);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
