package org.swhvault.spi.objstorage;

import java.io.InputStream;
import java.util.Optional;

import org.swhvault.spi.model.ContentHashes;

/**
 * Content bytes keyed by their hashes, as an swh-objstorage back end holds them (pathslicing files, S3
 * objects, …). The archive's metadata (swh-storage) says which contents exist; an objstorage only holds
 * their bytes. Back ends key objects by the hash their layout uses (sha1 for pathslicing and S3), which is
 * why every call takes the content's {@link ContentHashes}: a back end that needs a hash that is not
 * there fails with {@link org.swhvault.spi.ErrorCode#INVALID_ARGUMENT}. Implementations are thread-safe.
 *
 * <p>Every method may throw {@link org.swhvault.spi.VaultException} with code
 * {@link org.swhvault.spi.ErrorCode#SOURCE_FAILURE} when the storage fails (I/O, network). All methods
 * block.
 */
public interface ObjStorage extends AutoCloseable {

    /**
     * Opens a content's bytes, decompressed. The stream checks what it returns against the content's
     * primary hash (and length) as it is read: on a mismatch, the read that reaches the end throws
     * {@link org.swhvault.spi.VaultException} with {@link org.swhvault.spi.ErrorCode#CORRUPT_OBJECT}, so a
     * reader that consumes the whole stream never takes a corrupt object for a good one. The read that returns
     * the content's last byte checks before it returns, so a reader that stops after the content's length is
     * protected too. Stored bytes that do not decompress are {@code CORRUPT_OBJECT} as well; reads throw
     * {@link org.swhvault.spi.VaultException}, not {@link java.io.IOException}. The caller closes the stream.
     *
     * @param hashes the content's hashes (at least the back end's primary hash)
     * @return the bytes, or empty if the storage does not hold the content
     */
    Optional<InputStream> open(ContentHashes hashes);

    /**
     * Returns whether the storage holds a content.
     *
     * @param hashes the content's hashes
     * @return true if {@link #open} would find it
     */
    boolean contains(ContentHashes hashes);

    /**
     * Adds a content, compressed as the back end is configured to. Idempotent: adding a content the
     * storage holds already does nothing (and need not read {@code data}). Atomic: the content becomes visible
     * complete or not at all; bytes refused as corrupt leave nothing behind.
     *
     * @param hashes the content's hashes, which the back end checks against the bytes it writes
     * @param data the content's bytes, read up to the content's length (and one byte further, to find a
     *     stream that is too long) but not closed
     * @throws org.swhvault.spi.VaultException with {@link org.swhvault.spi.ErrorCode#UNSUPPORTED} if the
     *     back end is read-only, {@link org.swhvault.spi.ErrorCode#CORRUPT_OBJECT} if the bytes do not
     *     match {@code hashes}
     */
    void add(ContentHashes hashes, InputStream data);

    /** Releases resources held by the storage. The default does nothing. */
    @Override
    default void close() {
    }
}
