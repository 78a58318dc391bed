package org.swhvault.spi.store;

import java.util.Map;
import java.util.Set;

/**
 * Creates {@link BundleStore}s of one kind, found by name through {@link java.util.ServiceLoader}
 * (register the class in {@code META-INF/services/org.swhvault.spi.store.BundleStoreProvider}).
 */
public interface BundleStoreProvider {
    /** Returns the name the store is selected by in configuration, such as {@code fs}. */
    String name();

    /**
     * Creates a store.
     *
     * @param config the store's settings; keys are provider-specific and documented by the provider
     * @return a new store, which the caller closes
     * @throws org.swhvault.spi.VaultException with {@link org.swhvault.spi.ErrorCode#INVALID_ARGUMENT} if
     *     the configuration is incomplete or wrong, {@link org.swhvault.spi.ErrorCode#STORE_FAILURE} if the
     *     store cannot be reached
     */
    BundleStore create(Map<String, String> config);

    /** Returns the configuration keys whose values are secret and must be masked in logs. */
    default Set<String> secretProperties() {
        return Set.of();
    }
}
