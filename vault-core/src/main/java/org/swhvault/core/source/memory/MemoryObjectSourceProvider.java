package org.swhvault.core.source.memory;

import java.util.Map;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
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
     * @return the empty source
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if {@code config} has any key
     */
    @Override
    public ObjectSource create(Map<String, String> config) {
        if (!config.isEmpty()) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                    "the memory source takes no settings, got " + new java.util.TreeSet<>(config.keySet()));
        }
        return MemoryObjectSource.empty();
    }
}
