package org.swhvault.spi.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

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

    /**
     * Returns a timestamp from a numeric offset, as the archive normalises old-style dates: the sign is
     * {@code -} when {@code offsetMinutes} is negative or {@code negativeUtc} is set, followed by the
     * hours and minutes of its absolute value, each at least two digits ({@code 480 → +0800},
     * {@code -420 → -0700}, {@code 0} with {@code negativeUtc} {@code → -0000}).
     *
     * @param seconds seconds since the epoch
     * @param microseconds 0 to 999999
     * @param offsetMinutes the offset from UTC in minutes
     * @param negativeUtc whether a zero offset is written {@code -0000} (git's "unknown zone")
     * @return the timestamp
     * @throws IllegalArgumentException if {@code microseconds} is out of range
     */
    public static Timestamp ofOffsetMinutes(long seconds, int microseconds, int offsetMinutes, boolean negativeUtc) {
        boolean negative = offsetMinutes < 0 || negativeUtc;
        long abs = Math.abs((long) offsetMinutes);
        String offset = (negative ? "-" : "+") + twoDigits(abs / 60) + twoDigits(abs % 60);
        return new Timestamp(seconds, microseconds, Bytes.utf8(offset));
    }

    private static String twoDigits(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    /**
     * Returns the timestamp of an instant in a zone offset: the epoch second (floored), the microseconds
     * (nanoseconds truncated) and the offset written {@code [+-]HHMM} (seconds of the offset dropped,
     * rounding towards negative infinity as the archive does).
     *
     * @param dateTime the date-time
     * @return the timestamp
     */
    public static Timestamp of(OffsetDateTime dateTime) {
        requireNonNull(dateTime, "dateTime is null");
        return ofOffsetSeconds(dateTime.toInstant(), dateTime.getOffset().getTotalSeconds());
    }

    /**
     * Returns the timestamp of a zoned date-time, using the zone's offset at that instant; see
     * {@link #of(OffsetDateTime)}.
     *
     * @param dateTime the date-time
     * @return the timestamp
     */
    public static Timestamp of(ZonedDateTime dateTime) {
        requireNonNull(dateTime, "dateTime is null");
        return ofOffsetSeconds(dateTime.toInstant(), dateTime.getOffset().getTotalSeconds());
    }

    /**
     * Returns the timestamp of an instant with an offset in minutes. Unlike {@link java.time.ZoneOffset},
     * offsets beyond ±18 hours are allowed (git accepts up to ±23:59 and more).
     *
     * @param instant the instant; microseconds are kept, nanoseconds truncated
     * @param offsetMinutes the offset from UTC in minutes
     * @return the timestamp
     */
    public static Timestamp of(Instant instant, int offsetMinutes) {
        requireNonNull(instant, "instant is null");
        return ofOffsetMinutes(instant.getEpochSecond(), instant.getNano() / 1000, offsetMinutes, false);
    }

    private static Timestamp ofOffsetSeconds(Instant instant, int offsetSeconds) {
        return of(instant, Math.floorDiv(offsetSeconds, 60));
    }

    /** Returns this timestamp's instant (the offset does not change it). */
    public Instant toInstant() {
        return Instant.ofEpochSecond(seconds, microseconds * 1000L);
    }

    /**
     * Returns the seconds as the manifests write them: decimal, followed when {@code microseconds} is
     * not 0 by a dot and the six-digit microseconds with trailing zeros removed
     * ({@code 1448210036.12}; {@code -1} and 500000 give {@code -1.5}).
     *
     * @return the formatted seconds, without the offset
     */
    public String format() {
        return new String(ManifestBuffer.bytesOf(out -> out.timestamp(seconds, microseconds)),
                StandardCharsets.US_ASCII);
    }

    /**
     * Returns the offset in minutes parsed from the raw offset bytes, as the archive does: a sign, then
     * hours and two-digit minutes ({@code +0530 → 330}), or hours alone when at most two digits follow
     * the sign ({@code -02 → -120}). Offsets that cannot be parsed, whose minutes exceed 59, or out of
     * the 16-bit range give 0 (treated as UTC). Never used for hashing.
     *
     * @return the offset in minutes
     */
    public int offsetMinutes() {
        String s = new String(offset.array(), StandardCharsets.UTF_8);
        if (s.isEmpty() || (s.charAt(0) != '+' && s.charAt(0) != '-')) {
            return 0;
        }
        int sign = s.charAt(0) == '-' ? -1 : 1;
        Long hours;
        Long minutes;
        if (s.length() <= 3) {
            hours = parseInt(s.substring(1));
            minutes = 0L;
        } else {
            hours = parseInt(s.substring(1, s.length() - 2));
            minutes = parseInt(s.substring(s.length() - 2));
        }
        if (hours == null || minutes == null || minutes < 0 || minutes > 59) {
            return 0;
        }
        long result = sign * (hours * 60 + minutes);
        return result >= -(1 << 15) && result < (1 << 15) ? (int) result : 0;
    }

    /** Parses an optionally signed run of ASCII digits, saturating huge values; null if malformed. */
    private static Long parseInt(String s) {
        int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        if (s.length() == start) {
            return null;
        }
        long v = 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            // Anything this large is out of range anyway; saturating avoids overflow.
            v = Math.min(v * 10 + (c - '0'), 1_000_000_000L);
        }
        return s.charAt(0) == '-' ? -v : v;
    }
}
