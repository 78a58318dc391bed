package org.swhvault.core;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static java.util.Objects.requireNonNull;

/**
 * When cooked bundles leave the store. Each limit is optional; sticky bundles are never evicted, and
 * an evicted bundle reads as never requested (the next request cooks it again). The vault applies the
 * policy on its own every {@link #interval()}, and on demand with {@link Vault#expireNow()}.
 *
 * <pre>{@code
 * ExpiryPolicy.keepForever()
 *         .withMaxIdle(Duration.ofDays(7))
 *         .withMaxTotalSize(50L << 30)
 * }</pre>
 *
 * @param maxAge evict bundles cooked longer ago than this
 * @param maxIdle evict bundles neither requested nor fetched for longer than this
 * @param maxTotalSize while the store holds more bytes than this, evict the least recently used bundles
 *     (bundles in the store that no request knows of go first, oldest first)
 * @param interval how often the vault applies the policy
 */
public record ExpiryPolicy(Optional<Duration> maxAge, Optional<Duration> maxIdle, OptionalLong maxTotalSize,
        Duration interval) {
    private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);

    /** Validates the components. */
    public ExpiryPolicy {
        requireNonNull(maxAge, "maxAge is null");
        requireNonNull(maxIdle, "maxIdle is null");
        requireNonNull(maxTotalSize, "maxTotalSize is null");
        requireNonNull(interval, "interval is null");
        maxAge.ifPresent(d -> requirePositive("maxAge", d));
        maxIdle.ifPresent(d -> requirePositive("maxIdle", d));
        requirePositive("interval", interval);
        if (maxTotalSize.isPresent() && maxTotalSize.getAsLong() < 0) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                    "maxTotalSize must be ≥ 0, got " + maxTotalSize.getAsLong());
        }
    }

    /** Returns the policy with no limit (the default): bundles stay until deleted by hand. */
    public static ExpiryPolicy keepForever() {
        return new ExpiryPolicy(Optional.empty(), Optional.empty(), OptionalLong.empty(), DEFAULT_INTERVAL);
    }

    /**
     * Returns this policy with a maximum age.
     *
     * @param maxAge how long after cooking a bundle may stay
     * @return the new policy
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} unless positive and at most 100 years
     */
    public ExpiryPolicy withMaxAge(Duration maxAge) {
        return new ExpiryPolicy(Optional.of(maxAge), maxIdle, maxTotalSize, interval);
    }

    /**
     * Returns this policy with a maximum idle time.
     *
     * @param maxIdle how long a bundle may stay without being requested or fetched
     * @return the new policy
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} unless positive and at most 100 years
     */
    public ExpiryPolicy withMaxIdle(Duration maxIdle) {
        return new ExpiryPolicy(maxAge, Optional.of(maxIdle), maxTotalSize, interval);
    }

    /**
     * Returns this policy with a maximum total size.
     *
     * @param bytes the most bytes the store may hold after an expiry run (sticky bundles may exceed it)
     * @return the new policy
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if negative
     */
    public ExpiryPolicy withMaxTotalSize(long bytes) {
        return new ExpiryPolicy(maxAge, maxIdle, OptionalLong.of(bytes), interval);
    }

    /**
     * Returns this policy applied at another interval.
     *
     * @param interval how often to apply it
     * @return the new policy
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} unless positive and at most 100 years
     */
    public ExpiryPolicy withInterval(Duration interval) {
        return new ExpiryPolicy(maxAge, maxIdle, maxTotalSize, interval);
    }

    /** Returns whether any limit is set; without one, expiry runs have nothing to do. */
    public boolean hasLimits() {
        return maxAge.isPresent() || maxIdle.isPresent() || maxTotalSize.isPresent();
    }

    private static void requirePositive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, name + " must be positive, got " + d);
        }
        VaultSettings.requireAtMostACentury(name, d);
    }
}
