package org.swhvault.spi.model;

import java.util.Arrays;
import java.util.HexFormat;

import static java.util.Objects.requireNonNull;

/**
 * A 20-byte intrinsic object identifier (a {@code sha1_git}), the hash part of a SWHID. Ordered by
 * unsigned bytes.
 */
public final class ObjectId implements Comparable<ObjectId> {
    /** The length of an id in bytes. */
    public static final int LENGTH = 20;
    /** The length of an id in hex digits. */
    public static final int HEX_LENGTH = 40;

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private final int hash;

    private ObjectId(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /**
     * Returns the id made of a copy of {@code bytes}.
     *
     * @param bytes exactly 20 bytes
     * @return the id
     * @throws IllegalArgumentException if {@code bytes} is not 20 bytes long
     */
    public static ObjectId of(byte[] bytes) {
        requireNonNull(bytes, "bytes is null");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("object id must be 20 bytes, got " + bytes.length);
        }
        return new ObjectId(bytes.clone());
    }

    /** Wraps exactly 20 bytes without copying; the caller gives up the array. */
    static ObjectId wrap(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("object id must be 20 bytes, got " + bytes.length);
        }
        return new ObjectId(bytes);
    }

    /**
     * Returns the id made of 20 bytes of {@code bytes} starting at {@code offset}.
     *
     * @param bytes the source array
     * @param offset where the id starts
     * @return the id
     * @throws IndexOutOfBoundsException if fewer than 20 bytes follow {@code offset}
     */
    public static ObjectId of(byte[] bytes, int offset) {
        requireNonNull(bytes, "bytes is null");
        return new ObjectId(Arrays.copyOfRange(bytes, offset, offset + LENGTH));
    }

    /**
     * Parses 40 lowercase hex digits.
     *
     * @param hex the hex form
     * @return the id
     * @throws IllegalArgumentException if {@code hex} is not 40 lowercase hex digits
     */
    public static ObjectId fromHex(CharSequence hex) {
        requireNonNull(hex, "hex is null");
        if (!isHex(hex)) {
            throw new IllegalArgumentException("object id must be 40 lowercase hex digits: " + hex);
        }
        return new ObjectId(HEX.parseHex(hex));
    }

    /**
     * Returns whether {@code s} is exactly 40 lowercase hex digits.
     *
     * @param s the text to check
     * @return true if it is a valid hex object id
     */
    public static boolean isHex(CharSequence s) {
        if (s.length() != HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < HEX_LENGTH; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** Returns the backing array without copying; callers in this package never modify it. */
    byte[] array() {
        return bytes;
    }

    /** Returns a copy of the 20 bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /**
     * Copies the 20 bytes into {@code dest} at {@code offset}.
     *
     * @param dest the destination array
     * @param offset where to write
     */
    public void copyTo(byte[] dest, int offset) {
        System.arraycopy(bytes, 0, dest, offset, LENGTH);
    }

    /** Returns the 40 lowercase hex digits. */
    public String toHex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public int compareTo(ObjectId other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Returns the 40 lowercase hex digits. */
    @Override
    public String toString() {
        return toHex();
    }
}
