package org.swhvault.testing.store;

import java.util.Set;

import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;

/** The suite passes on a correct store. */
class InMemoryBundleStoreConformanceTest extends BundleStoreConformanceTest {
    @Override
    protected BundleStore newStore() {
        return new InMemoryBundleStore(Set.of());
    }

    @Override
    protected void corrupt(BundleStore store, BundleKey key) throws Exception {
        ((InMemoryBundleStore) store).corrupt(key);
    }
}
