package org.swhvault.core;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.spi.store.BundleWriter;
import org.swhvault.testing.store.ForwardingBundleStore;

/** A real store whose {@link #create} fails a given number of times first, as a flaky disk or network would. */
final class FailingStore extends ForwardingBundleStore {
    private final AtomicInteger failuresLeft;

    FailingStore(BundleStore store, int failures) {
        super(store);
        this.failuresLeft = new AtomicInteger(failures);
    }

    @Override
    public BundleWriter create(BundleKey key) throws IOException {
        if (failuresLeft.getAndDecrement() > 0) {
            throw new IOException("No space left on device");
        }
        return super.create(key);
    }
}
