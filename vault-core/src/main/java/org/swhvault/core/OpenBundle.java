package org.swhvault.core;

import java.io.IOException;
import java.io.InputStream;

import org.swhvault.spi.store.BundleInfo;

import static java.util.Objects.requireNonNull;

/**
 * A cooked bundle opened for reading, whole or a byte range of it. Close it to release the stream.
 *
 * @param info what the store knows about the whole bundle (its size, checksum…)
 * @param offset the first byte {@link #stream()} returns
 * @param length how many bytes {@link #stream()} returns: at most {@code info.size() - offset}
 * @param stream the bytes
 */
public record OpenBundle(BundleInfo info, long offset, long length, InputStream stream) implements AutoCloseable {
    /** Validates the components. */
    public OpenBundle {
        requireNonNull(info, "info is null");
        requireNonNull(stream, "stream is null");
        if (offset < 0 || length < 0 || offset + length > info.size()) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " is not inside a bundle of "
                    + info.size() + " bytes");
        }
    }

    /** Returns whether this is the whole bundle rather than a part of it. */
    public boolean isWhole() {
        return offset == 0 && length == info.size();
    }

    /**
     * Closes the stream.
     *
     * @throws IOException if closing the stream fails
     */
    @Override
    public void close() throws IOException {
        stream.close();
    }
}
