package org.swhvault.core.request;

import java.util.Map;

import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Settings;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.request.RequestStoreProvider;

/**
 * The {@code memory} request store: a new {@link MemoryRequestStore}, forgotten when the process ends. It
 * takes no settings.
 */
public final class MemoryRequestStoreProvider implements RequestStoreProvider {
    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public MemoryRequestStoreProvider() {
    }

    /** Returns {@code memory}. */
    @Override
    public String name() {
        return "memory";
    }

    /**
     * Returns a new, empty store.
     *
     * @throws org.swhvault.spi.VaultException with {@link org.swhvault.spi.ErrorCode#INVALID_ARGUMENT} if
     *     any setting is given
     */
    @Override
    public RequestStore create(Map<String, String> config, PluginContext context) {
        Settings.of("memory request store", config).rejectUnknown();
        return new MemoryRequestStore();
    }
}
