package org.swhvault.spi.request;

import org.swhvault.spi.plugin.PluginProvider;

/**
 * Creates {@link RequestStore}s of one kind, found by name through {@link java.util.ServiceLoader}
 * (register the class in {@code META-INF/services/org.swhvault.spi.request.RequestStoreProvider}). Besides
 * {@link org.swhvault.spi.ErrorCode#INVALID_ARGUMENT} for wrong settings, {@code create} throws
 * {@link org.swhvault.spi.ErrorCode#STORE_FAILURE} if the store cannot be opened. A request store is closed
 * by whoever created it.
 */
public interface RequestStoreProvider extends PluginProvider<RequestStore> {
}
