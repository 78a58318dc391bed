package org.swhvault.spi.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where cooked bundles live. Implementations are thread-safe: any number of concurrent readers and
 * writers, writers of the same key race and exactly one complete bundle wins, readers never see a
 * partial bundle. All methods block. Failures of the underlying storage are thrown as
 * {@link IOException} (or {@link org.swhvault.spi.VaultException} with
 * {@link org.swhvault.spi.ErrorCode#STORE_FAILURE}).
 */
public interface BundleStore extends AutoCloseable {
    /**
     * Starts writing a bundle.
     *
     * @param key the bundle
     * @return a writer; the caller commits or closes it
     * @throws IOException if the store cannot accept a new bundle
     */
    BundleWriter create(BundleKey key) throws IOException;

    /**
     * Returns what the store knows about a bundle.
     *
     * @param key the bundle
     * @return its information, or empty if the store does not hold it
     * @throws IOException if the store cannot be read
     */
    Optional<BundleInfo> stat(BundleKey key) throws IOException;

    /**
     * Opens part of a bundle.
     *
     * @param key the bundle
     * @param offset the first byte to read
     * @param length how many bytes to read at most ({@code Long.MAX_VALUE} for the rest)
     * @return the bytes; the caller closes the stream
     * @throws java.nio.file.NoSuchFileException if the store does not hold the bundle
     * @throws IOException if the store cannot be read
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative
     */
    InputStream open(BundleKey key, long offset, long length) throws IOException;

    /**
     * Opens a whole bundle.
     *
     * @param key the bundle
     * @return the bytes; the caller closes the stream
     * @throws java.nio.file.NoSuchFileException if the store does not hold the bundle
     * @throws IOException if the store cannot be read
     */
    default InputStream open(BundleKey key) throws IOException {
        return open(key, 0, Long.MAX_VALUE);
    }

    /**
     * Deletes a bundle.
     *
     * @param key the bundle
     * @return true if the store held it
     * @throws IOException if the store cannot be changed
     */
    boolean delete(BundleKey key) throws IOException;

    /**
     * Lists every bundle the store holds. The caller closes the stream.
     *
     * @return the bundles, in no particular order
     * @throws IOException if the store cannot be read
     */
    Stream<BundleInfo> list() throws IOException;

    /**
     * Checks a bundle's bytes against the checksum recorded when it was published.
     *
     * @param key the bundle
     * @return true if the bytes match, or the store records no checksum; false if they differ
     * @throws java.nio.file.NoSuchFileException if the store does not hold the bundle
     * @throws IOException if the store cannot be read
     */
    boolean verify(BundleKey key) throws IOException;

    /**
     * Returns a URL that lets anyone download the bundle directly for a while, when the store can sign
     * one (object stores); the default has none.
     *
     * @param key the bundle
     * @param validity how long the URL stays valid
     * @return the URL, or empty when the store cannot sign URLs
     * @throws IOException if the store cannot be reached
     */
    default Optional<URI> downloadUrl(BundleKey key, Duration validity) throws IOException {
        return Optional.empty();
    }

    /** Releases resources held by the store. The default does nothing. */
    @Override
    default void close() {
    }
}
