package org.swhvault.spi.store;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A bundle being written. Nothing is visible to readers until {@link #commit()} returns; closing a
 * writer that was not committed discards everything written (also after a failure). Not thread-safe.
 */
public interface BundleWriter extends AutoCloseable {
    /**
     * Returns the stream to write the bundle's bytes to. Do not close it; call {@link #commit()} or
     * {@link #close()}.
     *
     * @return the stream
     */
    OutputStream stream();

    /**
     * Publishes the bundle atomically, replacing any previous bundle under the same key. Blocks until
     * the bytes are durable.
     *
     * @return what the store now knows about the bundle
     * @throws IOException if the bytes cannot be made durable; nothing is published then
     */
    BundleInfo commit() throws IOException;

    /** Discards the bundle unless it was committed. Idempotent; never throws. */
    @Override
    void close();
}
