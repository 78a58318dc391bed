package org.swhvault.spi.source;

import java.util.Map;
import java.util.Set;

/**
 * Creates {@link ObjectSource}s of one kind, found by name through {@link java.util.ServiceLoader}
 * (register the class in {@code META-INF/services/org.swhvault.spi.source.ObjectSourceProvider}).
 */
public interface ObjectSourceProvider {
    /** Returns the name the source is selected by in configuration, such as {@code git}. */
    String name();

    /**
     * Creates a source.
     *
     * @param config the source's settings; keys are provider-specific and documented by the provider
     * @return a new source, which the caller closes
     * @throws org.swhvault.spi.VaultException with {@link org.swhvault.spi.ErrorCode#INVALID_ARGUMENT} if
     *     the configuration is incomplete or wrong
     */
    ObjectSource create(Map<String, String> config);

    /** Returns the configuration keys whose values are secret and must be masked in logs. */
    default Set<String> secretProperties() {
        return Set.of();
    }
}
