package org.swhvault.spi.store;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a store knows about a published bundle.
 *
 * @param key the bundle
 * @param size its size in bytes
 * @param sha256 the hex SHA-256 of its bytes, when the store records one
 * @param created when it was published
 */
public record BundleInfo(BundleKey key, long size, Optional<String> sha256, Instant created) {
    /** Validates the components. */
    public BundleInfo {
        requireNonNull(key, "key is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(created, "created is null");
        if (size < 0) {
            throw new IllegalArgumentException("size must be non-negative, got " + size);
        }
    }
}
