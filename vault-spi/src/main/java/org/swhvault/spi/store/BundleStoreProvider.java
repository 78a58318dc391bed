package org.swhvault.spi.store;

import org.swhvault.spi.plugin.PluginProvider;

/**
 * Creates {@link BundleStore}s of one kind, found by name through {@link java.util.ServiceLoader}
 * (register the class in {@code META-INF/services/org.swhvault.spi.store.BundleStoreProvider}). Besides
 * {@link org.swhvault.spi.ErrorCode#INVALID_ARGUMENT} for wrong settings, {@code create} throws
 * {@link org.swhvault.spi.ErrorCode#STORE_FAILURE} if the store cannot be reached. A store is closed by
 * whoever created it.
 */
public interface BundleStoreProvider extends PluginProvider<BundleStore> {
}
