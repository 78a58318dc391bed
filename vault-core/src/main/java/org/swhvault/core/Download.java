package org.swhvault.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;

import static java.util.Objects.requireNonNull;

/**
 * A cooked bundle about to be downloaded, as {@link Vault#download(org.swhvault.spi.cook.BundleType,
 * org.swhvault.spi.swhid.Swhid, java.time.Duration)} found it: the request was read and the store asked once,
 * so a server decides between a redirect, a whole answer and a range from one look, then opens the bytes it
 * chose at most once. Not thread-safe; use it for one answer.
 */
public final class Download {
    private final BundleKey key;
    private final BundleInfo info;
    private final Optional<URI> url;
    private final BundleStore store;

    Download(BundleKey key, BundleInfo info, Optional<URI> url, BundleStore store) {
        this.key = requireNonNull(key, "key is null");
        this.info = requireNonNull(info, "info is null");
        this.url = requireNonNull(url, "url is null");
        this.store = requireNonNull(store, "store is null");
    }

    /**
     * Returns what the store knows about the bundle: its size, and its checksum when the store keeps one.
     *
     * @return the bundle's description
     */
    public BundleInfo info() {
        return info;
    }

    /**
     * Returns a URL the client can fetch the bundle from directly, if one was asked for and the store can sign
     * one (an object store).
     *
     * @return the URL, or empty to serve the bytes with {@link #open(long, long)}
     */
    public Optional<URI> url() {
        return url;
    }

    /**
     * Opens the whole bundle.
     *
     * @return the open bundle, which the caller closes
     * @throws VaultException as {@link #open(long, long)} does
     */
    public OpenBundle open() {
        return open(0, Long.MAX_VALUE);
    }

    /**
     * Opens a byte range of the bundle. Blocks until the store answers.
     *
     * @param offset the first byte, at most the bundle's size
     * @param length how many bytes at most; {@code Long.MAX_VALUE} for the rest of the bundle
     * @return the open bundle, which the caller closes; its length may be shorter than asked
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if the offset or the length is negative or
     *     the offset is past the end; {@link ErrorCode#OBJECT_NOT_FOUND} if the bundle left the store since;
     *     {@link ErrorCode#STORE_FAILURE} if the store fails
     */
    public OpenBundle open(long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, "A byte range needs a non-negative offset and"
                    + " length, got offset " + offset + " and length " + length + ".");
        }
        if (offset > info.size()) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                    "The range starts at byte " + offset + " but the bundle has " + info.size() + " bytes.");
        }
        long n = Math.min(length, info.size() - offset);
        InputStream stream;
        try {
            stream = store.open(key, offset, n);
        } catch (NoSuchFileException e) {
            throw Requests.notCooked(key);
        } catch (IOException e) {
            throw Failures.storeFailure(e);
        }
        return new OpenBundle(info, offset, n, stream);
    }

    @Override
    public String toString() {
        return "Download[" + key + ", " + info.size() + " bytes" + url.map(u -> ", redirect").orElse("") + "]";
    }
}
