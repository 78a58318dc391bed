package org.swhvault.spi.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * An immutable byte string. Archive names, messages and person fields are bytes, not text: real
 * data is not always UTF-8. Ordering is unsigned lexicographic, as git and Software Heritage sort.
 */
public final class Bytes implements Comparable<Bytes> {
    /** The empty byte string. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] bytes;
    private int hash;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Returns a byte string holding a copy of {@code bytes}.
     *
     * @param bytes the bytes to copy
     * @return the byte string
     */
    public static Bytes of(byte[] bytes) {
        requireNonNull(bytes, "bytes is null");
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /**
     * Returns a byte string holding a copy of part of {@code bytes}.
     *
     * @param bytes the source array
     * @param offset the first byte to copy
     * @param length how many bytes to copy
     * @return the byte string
     */
    public static Bytes of(byte[] bytes, int offset, int length) {
        requireNonNull(bytes, "bytes is null");
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /**
     * Returns the UTF-8 encoding of {@code text}.
     *
     * @param text the text to encode
     * @return the byte string
     */
    public static Bytes utf8(String text) {
        requireNonNull(text, "text is null");
        return text.isEmpty() ? EMPTY : new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Wraps {@code bytes} without copying. The caller promises never to modify the array again.
     *
     * @param bytes the array to wrap, owned by the result from now on
     * @return the byte string
     */
    public static Bytes wrap(byte[] bytes) {
        requireNonNull(bytes, "bytes is null");
        return bytes.length == 0 ? EMPTY : new Bytes(bytes);
    }

    /** Returns the backing array without copying; callers in this package never modify it. */
    byte[] array() {
        return bytes;
    }

    /** Returns the number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** Returns whether this byte string is empty. */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /**
     * Returns one byte.
     *
     * @param index the position, from 0
     * @return the byte at {@code index}
     */
    public byte byteAt(int index) {
        return bytes[index];
    }

    /** Returns a copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /**
     * Writes the bytes to {@code out}.
     *
     * @param out where to write
     * @throws IOException if {@code out} fails
     */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    /**
     * Returns whether this byte string contains {@code b}.
     *
     * @param b the byte to look for
     * @return true if found
     */
    public boolean contains(byte b) {
        for (byte x : bytes) {
            if (x == b) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns whether this byte string starts with {@code prefix}.
     *
     * @param prefix the prefix
     * @return true if it does
     */
    public boolean startsWith(Bytes prefix) {
        return bytes.length >= prefix.bytes.length
                && Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
    }

    /** Returns the bytes decoded as UTF-8, with malformed sequences replaced by U+FFFD. */
    public String toStringUtf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Returns whether the bytes are well-formed UTF-8. */
    public boolean isValidUtf8() {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(bytes);
            hash = h;
        }
        return h;
    }

    /** Returns the bytes as UTF-8 text for display (lossy for bytes that are not UTF-8). */
    @Override
    public String toString() {
        return toStringUtf8();
    }
}
