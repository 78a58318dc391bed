package org.swhvault.spi.source;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Plugins;

/**
 * Finds {@link ObjectSourceProvider}s through {@link ServiceLoader} and creates sources by name, with the
 * rules of {@link Plugins}. Discovery is a convenience: a host may as well construct a source directly.
 *
 * <p>Names are unique: when two providers on the class path claim the same name, creating a source
 * of that name fails and names both classes, rather than silently picking one.
 */
public final class ObjectSources {
    private ObjectSources() {
    }

    /**
     * Returns every provider visible to the thread's context class loader, in discovery order.
     * Blocks while the class path is scanned.
     *
     * @return the providers, possibly empty
     * @throws VaultException with {@link ErrorCode#PLUGIN_NOT_FOUND} if a registered provider cannot
     *     be loaded or instantiated
     */
    public static List<ObjectSourceProvider> providers() {
        return Plugins.all(ObjectSourceProvider.class, Thread.currentThread().getContextClassLoader());
    }

    /**
     * Returns the provider named {@code name} among {@link #providers()}.
     *
     * @param name the provider name, such as {@code git} or {@code memory}
     * @return the provider
     * @throws VaultException with {@link ErrorCode#PLUGIN_NOT_FOUND} if no provider has that name (the
     *     message lists the names available) or if several have it (the message names their classes)
     */
    public static ObjectSourceProvider provider(String name) {
        return select(name, providers());
    }

    /**
     * Creates a source with the provider named {@code name}, in a {@linkplain PluginContext#standalone(String)
     * standalone context}. The caller closes the source.
     *
     * @param name the provider name, such as {@code git} or {@code memory}
     * @param config the source's settings, documented by each provider
     * @return the new source
     * @throws VaultException with {@link ErrorCode#PLUGIN_NOT_FOUND} as {@link #provider(String)} does,
     *     or with {@link ErrorCode#INVALID_ARGUMENT} if the provider rejects {@code config}
     */
    public static ObjectSource create(String name, Map<String, String> config) {
        return Plugins.create(ObjectSourceProvider.class, name, config, PluginContext.standalone(name),
                Thread.currentThread().getContextClassLoader());
    }

    static ObjectSourceProvider select(String name, List<ObjectSourceProvider> providers) {
        return Plugins.select(ObjectSourceProvider.class, ObjectSourceProvider::name, name, providers);
    }
}
