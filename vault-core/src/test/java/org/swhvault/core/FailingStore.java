package org.swhvault.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.spi.store.BundleWriter;

/** A real store whose {@link #create} fails a given number of times first, as a flaky disk or network would. */
final class FailingStore implements BundleStore {
    private final BundleStore store;
    private final AtomicInteger failuresLeft;

    FailingStore(BundleStore store, int failures) {
        this.store = store;
        this.failuresLeft = new AtomicInteger(failures);
    }

    @Override
    public BundleWriter create(BundleKey key) throws IOException {
        if (failuresLeft.getAndDecrement() > 0) {
            throw new IOException("No space left on device");
        }
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
}
