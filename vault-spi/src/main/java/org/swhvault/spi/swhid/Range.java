package org.swhvault.spi.swhid;

import java.math.BigInteger;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The value of a {@code lines} or {@code bytes} fragment qualifier: a single number {@code N} or an
 * inclusive range {@code N-M}. Numbers are {@link BigInteger}s because the reference implementation
 * accepts numbers of any size, and lenient parsing must give back the same value.
 *
 * <p>The record does not check that a range is in order or that a line number is at least 1: the
 * reference accepts {@code lines=0} and {@code lines=3-2}, so lenient parsing can produce them.
 * Strict parsing rejects them (see {@link Swhid}).
 *
 * @param start the first line (from 1) or byte (from 0); never negative
 * @param end the last line or byte, inclusive; empty for a single number
 */
public record Range(BigInteger start, Optional<BigInteger> end) {
    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if a number is negative
     */
    public Range {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        if (start.signum() < 0 || (end.isPresent() && end.get().signum() < 0)) {
            throw new IllegalArgumentException("range numbers must not be negative: " + start + "-" + end.orElse(null));
        }
    }

    /**
     * Returns a single number.
     *
     * @param start the number, at least 0
     * @return the range {@code start}
     * @throws IllegalArgumentException if {@code start} is negative
     */
    public static Range of(long start) {
        return new Range(BigInteger.valueOf(start), Optional.empty());
    }

    /**
     * Returns an inclusive range.
     *
     * @param start the first number, at least 0
     * @param end the last number, at least 0
     * @return the range {@code start-end}
     * @throws IllegalArgumentException if a number is negative
     */
    public static Range of(long start, long end) {
        return new Range(BigInteger.valueOf(start), Optional.of(BigInteger.valueOf(end)));
    }

    /** Returns whether this is a single number rather than a range {@code N-M}. */
    public boolean isSingle() {
        return end.isEmpty();
    }

    /** Returns whether the end, if any, is at least the start. */
    public boolean isOrdered() {
        return end.isEmpty() || end.get().compareTo(start) >= 0;
    }

    /** Returns the qualifier value: {@code N} or {@code N-M} in plain decimal. */
    @Override
    public String toString() {
        return end.isEmpty() ? start.toString() : start + "-" + end.get();
    }
}
