package org.swhvault.spi.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A growable byte buffer that manifests are written into, reused per thread so that serialising many
 * small objects allocates only the final arrays. Not thread-safe; obtain one with {@link #acquire()}
 * and hand it back with {@link #release()}.
 */
final class ManifestBuffer {
    private static final int INITIAL_CAPACITY = 4096;
    // Bigger buffers (huge directories) are dropped after use rather than pinned to the thread.
    private static final int MAX_RETAINED_CAPACITY = 1 << 20;
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<ManifestBuffer> CACHED = new ThreadLocal<>();
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(ManifestBuffer::newSha1);

    private byte[] buf;
    private int len;
    private boolean inUse;

    private ManifestBuffer(int capacity) {
        this.buf = new byte[capacity];
    }

    /** Returns an empty buffer for the current thread (a fresh one if the cached one is in use). */
    static ManifestBuffer acquire() {
        ManifestBuffer b = CACHED.get();
        if (b == null || b.inUse) {
            b = new ManifestBuffer(INITIAL_CAPACITY);
            if (CACHED.get() == null) {
                CACHED.set(b);
            }
        }
        b.inUse = true;
        b.len = 0;
        return b;
    }

    /** Returns the bytes {@code writer} writes. */
    static byte[] bytesOf(Consumer<ManifestBuffer> writer) {
        ManifestBuffer out = acquire();
        try {
            writer.accept(out);
            return out.toByteArray();
        } finally {
            out.release();
        }
    }

    /** Returns {@code gitType SP length NUL} followed by the bytes {@code writer} writes. */
    static byte[] gitObjectOf(String gitType, Consumer<ManifestBuffer> writer) {
        ManifestBuffer out = acquire();
        try {
            writer.accept(out);
            return out.toGitObject(gitType);
        } finally {
            out.release();
        }
    }

    /** Returns the SHA-1 of {@code gitType SP length NUL} followed by the bytes {@code writer} writes. */
    static ObjectId sha1GitOf(String gitType, Consumer<ManifestBuffer> writer) {
        ManifestBuffer out = acquire();
        try {
            writer.accept(out);
            return out.sha1Git(gitType);
        } finally {
            out.release();
        }
    }

    /** Hands the buffer back for reuse by the current thread. */
    void release() {
        inUse = false;
        if (buf.length > MAX_RETAINED_CAPACITY && CACHED.get() == this) {
            CACHED.remove();
        }
    }

    /** Returns a SHA-1 digest owned by the current thread, reset. */
    static MessageDigest sha1() {
        MessageDigest md = SHA1.get();
        md.reset();
        return md;
    }

    static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    int length() {
        return len;
    }

    private void ensure(int extra) {
        int need = len + extra;
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        }
    }

    ManifestBuffer write(int b) {
        ensure(1);
        buf[len++] = (byte) b;
        return this;
    }

    ManifestBuffer write(byte[] b) {
        return write(b, 0, b.length);
    }

    ManifestBuffer write(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    ManifestBuffer write(Bytes b) {
        return write(b.array());
    }

    /** Writes ASCII text (callers pass only ASCII constants). */
    ManifestBuffer ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** Writes UTF-8 text. */
    ManifestBuffer utf8(String s) {
        return write(s.getBytes(StandardCharsets.UTF_8));
    }

    ManifestBuffer decimal(long v) {
        if (v < 0) {
            write('-');
            if (v == Long.MIN_VALUE) {
                return ascii("9223372036854775808");
            }
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        ensure(digits);
        for (int i = len + digits - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        len += digits;
        return this;
    }

    /** Writes the octal digits of {@code v}, without leading zeros, as Python's {@code %o} does. */
    ManifestBuffer octal(int v) {
        long x = v;
        if (x < 0) {
            write('-');
            x = -x;
        }
        int digits = 1;
        for (long t = x; t >= 8; t >>>= 3) {
            digits++;
        }
        ensure(digits);
        for (int i = len + digits - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + (x & 7));
            x >>>= 3;
        }
        len += digits;
        return this;
    }

    /** Writes the 40 lowercase hex digits of an id. */
    ManifestBuffer hex(ObjectId id) {
        byte[] b = id.array();
        ensure(ObjectId.HEX_LENGTH);
        for (byte x : b) {
            buf[len++] = HEX_DIGITS[(x >> 4) & 0xf];
            buf[len++] = HEX_DIGITS[x & 0xf];
        }
        return this;
    }

    /** Writes the 20 raw bytes of an id. */
    ManifestBuffer raw(ObjectId id) {
        return write(id.array());
    }

    /** Writes bytes with every LF followed by a space, as git continues a header value. */
    ManifestBuffer escaped(byte[] b) {
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                write(b, start, i + 1 - start);
                write(' ');
                start = i + 1;
            }
        }
        return write(b, start, b.length - start);
    }

    ManifestBuffer escaped(Bytes b) {
        return escaped(b.array());
    }

    /** Writes {@code key SP escaped(value) LF}. */
    ManifestBuffer header(String key, Bytes value) {
        return ascii(key).write(' ').escaped(value).write('\n');
    }

    /** Writes {@code key SP escaped(value) LF}. */
    ManifestBuffer header(String key, byte[] value) {
        return ascii(key).write(' ').escaped(value).write('\n');
    }

    /** Writes {@code <seconds>[.<micros without trailing zeros>]}, by integer arithmetic only. */
    ManifestBuffer timestamp(long seconds, int microseconds) {
        decimal(seconds);
        if (microseconds != 0) {
            int digits = 6;
            int m = microseconds;
            while (m % 10 == 0) {
                m /= 10;
                digits--;
            }
            write('.');
            ensure(digits);
            for (int i = len + digits - 1; i >= len; i--) {
                buf[i] = (byte) ('0' + (m % 10));
                m /= 10;
            }
            len += digits;
        }
        return this;
    }

    /** Returns a copy of the contents. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    /** Returns {@code gitType SP length NUL contents}. */
    byte[] toGitObject(String gitType) {
        byte[] header = headerBytes(gitType, len);
        byte[] out = Arrays.copyOf(header, header.length + len);
        System.arraycopy(buf, 0, out, header.length, len);
        return out;
    }

    /** Returns the SHA-1 of {@code gitType SP length NUL contents}. */
    ObjectId sha1Git(String gitType) {
        MessageDigest md = sha1();
        md.update(headerBytes(gitType, len));
        md.update(buf, 0, len);
        return ObjectId.wrap(md.digest());
    }

    /** Returns {@code gitType SP length NUL}. */
    static byte[] headerBytes(String gitType, long length) {
        int digits = 1;
        for (long t = length; t >= 10; t /= 10) {
            digits++;
        }
        int typeLength = gitType.length();
        byte[] out = new byte[typeLength + 1 + digits + 1];
        for (int i = 0; i < typeLength; i++) {
            out[i] = (byte) gitType.charAt(i);
        }
        out[typeLength] = ' ';
        for (int i = typeLength + digits; i > typeLength; i--) {
            out[i] = (byte) ('0' + length % 10);
            length /= 10;
        }
        return out; // the last byte stays NUL
    }
}
