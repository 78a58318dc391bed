package org.swhvault.spi.model;

import static java.util.Objects.requireNonNull;

/**
 * A point in time with the time zone offset exactly as the original object wrote it.
 *
 * @param seconds seconds since the epoch, may be negative
 * @param microseconds 0 to 999999; non-zero only for sources finer than git (Mercurial and others)
 * @param offset the raw offset bytes, normally {@code [+-]HHMM} and possibly {@code -0000} or malformed;
 *     hashed verbatim
 */
public record Timestamp(long seconds, int microseconds, Bytes offset) {
    /** Validates the components. */
    public Timestamp {
        requireNonNull(offset, "offset is null");
        if (microseconds < 0 || microseconds > 999_999) {
            throw new IllegalArgumentException("microseconds must be in 0..999999, got " + microseconds);
        }
    }

    /**
     * Returns a whole-second timestamp.
     *
     * @param seconds seconds since the epoch
     * @param offset the offset as text, such as {@code +0200}
     * @return the timestamp
     */
    public static Timestamp of(long seconds, String offset) {
        return new Timestamp(seconds, 0, Bytes.utf8(offset));
    }
}
