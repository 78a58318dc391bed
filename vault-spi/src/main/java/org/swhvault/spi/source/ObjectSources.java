package org.swhvault.spi.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static java.util.Objects.requireNonNull;

/**
 * Finds {@link ObjectSourceProvider}s through {@link ServiceLoader} and creates sources by name.
 * Discovery is a convenience: a host may as well construct a source directly.
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
        return providers(Thread.currentThread().getContextClassLoader());
    }

    /**
     * Returns every provider visible to {@code loader}, in discovery order. Blocks while the class
     * path is scanned.
     *
     * @param loader the class loader to search; {@code null} means the system class loader
     * @return the providers, possibly empty
     * @throws VaultException with {@link ErrorCode#PLUGIN_NOT_FOUND} if a registered provider cannot
     *     be loaded or instantiated
     */
    public static List<ObjectSourceProvider> providers(ClassLoader loader) {
        List<ObjectSourceProvider> found = new ArrayList<>();
        try {
            for (ObjectSourceProvider provider : ServiceLoader.load(ObjectSourceProvider.class, loader)) {
                found.add(provider);
            }
        } catch (ServiceConfigurationError e) {
            throw new VaultException(ErrorCode.PLUGIN_NOT_FOUND,
                    "an object source provider could not be loaded: " + e.getMessage(), e);
        }
        return List.copyOf(found);
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
     * Creates a source with the provider named {@code name}. The caller closes the source.
     *
     * @param name the provider name, such as {@code git} or {@code memory}
     * @param config the source's settings, documented by each provider
     * @return the new source
     * @throws VaultException with {@link ErrorCode#PLUGIN_NOT_FOUND} as {@link #provider(String)} does,
     *     or with {@link ErrorCode#INVALID_ARGUMENT} if the provider rejects {@code config}
     */
    public static ObjectSource create(String name, Map<String, String> config) {
        requireNonNull(config, "config is null");
        return provider(name).create(Map.copyOf(config));
    }

    static ObjectSourceProvider select(String name, List<ObjectSourceProvider> providers) {
        requireNonNull(name, "name is null");
        List<ObjectSourceProvider> named = providers.stream().filter(p -> name.equals(p.name())).toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        if (named.isEmpty()) {
            TreeSet<String> names = providers.stream().map(ObjectSourceProvider::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            throw new VaultException(ErrorCode.PLUGIN_NOT_FOUND, "no object source is named '" + name
                    + "'; available: " + (names.isEmpty() ? "none (no ObjectSourceProvider is registered)"
                            : String.join(", ", names)));
        }
        String classes = named.stream().map(p -> p.getClass().getName()).collect(Collectors.joining(", "));
        throw new VaultException(ErrorCode.PLUGIN_NOT_FOUND, "several object source providers are named '"
                + name + "' (" + classes + "); keep only one of them on the class path");
    }
}
