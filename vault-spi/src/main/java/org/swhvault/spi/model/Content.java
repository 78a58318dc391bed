package org.swhvault.spi.model;

import static java.util.Objects.requireNonNull;

/**
 * Metadata of a content. The bytes themselves are read as a stream from an object source.
 *
 * @param sha1Git the intrinsic id (git blob id)
 * @param length the length in bytes
 * @param status whether the bytes are available
 */
public record Content(ObjectId sha1Git, long length, ContentStatus status) {
    /** Validates the components. */
    public Content {
        requireNonNull(sha1Git, "sha1Git is null");
        requireNonNull(status, "status is null");
        if (length < 0) {
            throw new IllegalArgumentException("length must be non-negative, got " + length);
        }
    }
}
