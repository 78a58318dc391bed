package org.swhvault.examples.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.spi.store.BundleWriter;

/**
 * A file store that also signs download URLs, as an object store does: every call goes to the real store
 * except {@link #downloadUrl}, answered by the given function.
 */
final class SigningStore implements BundleStore {
    private final BundleStore store;
    private final BiFunction<BundleKey, Duration, Optional<URI>> signer;

    SigningStore(BundleStore store, BiFunction<BundleKey, Duration, Optional<URI>> signer) {
        this.store = store;
        this.signer = signer;
    }

    @Override
    public BundleWriter create(BundleKey key) throws IOException {
        return store.create(key);
    }

    @Override
    public Optional<BundleInfo> stat(BundleKey key) throws IOException {
        return store.stat(key);
    }

    @Override
    public InputStream open(BundleKey key, long offset, long length) throws IOException {
        return store.open(key, offset, length);
    }

    @Override
    public boolean delete(BundleKey key) throws IOException {
        return store.delete(key);
    }

    @Override
    public Stream<BundleInfo> list() throws IOException {
        return store.list();
    }

    @Override
    public boolean verify(BundleKey key) throws IOException {
        return store.verify(key);
    }

    @Override
    public Optional<URI> downloadUrl(BundleKey key, Duration validity) {
        return signer.apply(key, validity);
    }

    @Override
    public void close() {
        store.close();
    }
}
