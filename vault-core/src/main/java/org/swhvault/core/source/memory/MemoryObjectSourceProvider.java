package org.swhvault.core.source.memory;

import java.util.Map;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Settings;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.source.ObjectSourceProvider;

/**
 * The {@code memory} object source: an empty {@link MemoryObjectSource}. It takes no configuration
 * keys (any key is refused); to get a source holding objects, build one with
 * {@link MemoryObjectSource#builder()} and pass it directly.
 */
public final class MemoryObjectSourceProvider implements ObjectSourceProvider {
    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public MemoryObjectSourceProvider() {
    }

    /** Returns {@code memory}. */
    @Override
    public String name() {
        return "memory";
    }

    /**
     * Returns an empty in-memory source.
     *
     * @param config must be empty
     * @param context unused
     * @return the empty source
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if {@code config} has any key
     */
    @Override
    public ObjectSource create(Map<String, String> config, PluginContext context) {
        Settings.of("memory source", config).rejectUnknown();
        return MemoryObjectSource.empty();
    }
}
