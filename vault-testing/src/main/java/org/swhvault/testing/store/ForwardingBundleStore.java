package org.swhvault.testing.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.spi.store.BundleWriter;

import static java.util.Objects.requireNonNull;

/**
 * A real store whose answers a test may change by overriding methods, to play a flaky disk, a store
 * that signs URLs, or one that loses bundles. Every method forwards to the wrapped store.
 */
public class ForwardingBundleStore implements BundleStore {
    /** The wrapped store. */
    protected final BundleStore delegate;

    /**
     * Wraps a store.
     *
     * @param delegate the store every call goes to
     */
    public ForwardingBundleStore(BundleStore delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public BundleWriter create(BundleKey key) throws IOException {
        return delegate.create(key);
    }

    @Override
    public Optional<BundleInfo> stat(BundleKey key) throws IOException {
        return delegate.stat(key);
    }

    @Override
    public InputStream open(BundleKey key, long offset, long length) throws IOException {
        return delegate.open(key, offset, length);
    }

    @Override
    public boolean delete(BundleKey key) throws IOException {
        return delegate.delete(key);
    }

    @Override
    public Stream<BundleInfo> list() throws IOException {
        return delegate.list();
    }

    @Override
    public boolean verify(BundleKey key) throws IOException {
        return delegate.verify(key);
    }

    @Override
    public Optional<URI> downloadUrl(BundleKey key, Duration validity) throws IOException {
        return delegate.downloadUrl(key, validity);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
