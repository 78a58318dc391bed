package org.swhvault.spi.plugin;

import java.util.Map;
import java.util.Set;

/**
 * The one shape of every extension point's provider ({@link org.swhvault.spi.source.ObjectSourceProvider},
 * {@link org.swhvault.spi.cook.CookerProvider}, {@link org.swhvault.spi.store.BundleStoreProvider},
 * {@link org.swhvault.spi.request.RequestStoreProvider}, {@link org.swhvault.spi.objstorage.ObjStorageProvider}):
 * a name to be selected by, a factory that reads its
 * settings with {@link Settings} and receives the host's {@link PluginContext}, and the keys whose values
 * are secret. Providers are found by {@link Plugins} through {@link java.util.ServiceLoader}; they have a
 * public no-argument constructor and are stateless, so one provider may create any number of plug-ins.
 *
 * @param <T> what the provider creates
 */
public interface PluginProvider<T> {
    /**
     * Returns the name the plug-in is selected by in configuration, such as {@code fs} or {@code git}: lower
     * case letters, digits and {@code -}, unique among the providers of one extension point.
     *
     * @return the name
     */
    String name();

    /**
     * Creates a plug-in. Blocks while it opens what it needs.
     *
     * @param config the plug-in's settings; keys are documented by the provider, and unknown keys are refused
     * @param context what the host lends the plug-in
     * @return a new plug-in; the caller closes it if it is {@link AutoCloseable}
     * @throws org.swhvault.spi.VaultException with {@link org.swhvault.spi.ErrorCode#INVALID_ARGUMENT} if the
     *     settings are incomplete or wrong, or another code if what the plug-in opens fails
     */
    T create(Map<String, String> config, PluginContext context);

    /**
     * Creates a plug-in outside a host, with {@link PluginContext#standalone(String)}: for tools and tests.
     *
     * @param config the plug-in's settings
     * @return a new plug-in
     * @throws org.swhvault.spi.VaultException as {@link #create(Map, PluginContext)} does
     */
    default T create(Map<String, String> config) {
        return create(config, PluginContext.standalone(name()));
    }

    /**
     * Returns the configuration keys whose values are secret: they are never logged, and a command line
     * refuses them (other users can read it).
     *
     * @return the secret keys, possibly empty
     */
    default Set<String> secretProperties() {
        return Set.of();
    }
}
