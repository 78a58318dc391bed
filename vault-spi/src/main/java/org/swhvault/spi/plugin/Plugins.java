package org.swhvault.spi.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static java.util.Objects.requireNonNull;

/**
 * One discovery for every extension point: finds providers of a type through {@link ServiceLoader} and
 * selects one by name, with messages in the manner of SLF4J's binding warnings. When no provider has
 * the name, the message says which artifact to add and which names are available; when several have it,
 * it names every class so the user knows which jar to remove.
 */
public final class Plugins {
    private Plugins() {
    }

    /**
     * Returns every provider of {@code type} visible to {@code loader}, in discovery order. Blocks while
     * the class path is scanned.
     *
     * @param type the provider interface, such as {@code BundleStoreProvider.class}
     * @param loader the class loader to search; {@code null} means the system class loader
     * @param <P> the provider type
     * @return the providers, possibly empty
     * @throws VaultException with {@link ErrorCode#PLUGIN_NOT_FOUND} if a registered provider cannot be
     *     loaded or instantiated
     */
    public static <P> List<P> all(Class<P> type, ClassLoader loader) {
        requireNonNull(type, "type is null");
        List<P> found = new ArrayList<>();
        // as a named module this one may only load the services it uses: declare any provider type, so that a
        // host's own extension point is found as well on the module path
        Plugins.class.getModule().addUses(type);
        try {
            for (P provider : ServiceLoader.load(type, loader)) {
                found.add(provider);
            }
        } catch (ServiceConfigurationError e) {
            throw new VaultException(ErrorCode.PLUGIN_NOT_FOUND,
                    "A " + type.getSimpleName() + " could not be loaded: " + e.getMessage(), e);
        }
        return List.copyOf(found);
    }

    /**
     * Returns the one provider of {@code type} visible to {@code loader} whose name is {@code name}.
     *
     * @param type the provider interface
     * @param nameOf how to read a provider's name, such as {@code BundleStoreProvider::name}
     * @param name the wanted name, such as {@code fs}
     * @param loader the class loader to search; {@code null} means the system class loader
     * @param <P> the provider type
     * @return the provider
     * @throws VaultException with {@link ErrorCode#PLUGIN_NOT_FOUND} if none or several have that name
     */
    public static <P> P find(Class<P> type, Function<? super P, String> nameOf, String name,
            ClassLoader loader) {
        return select(type, nameOf, name, all(type, loader));
    }

    /**
     * Creates the plug-in named {@code name} with the provider of that name among those of {@code type}.
     *
     * @param type the provider interface, such as {@code BundleStoreProvider.class}
     * @param name the wanted name, such as {@code fs}
     * @param config the plug-in's settings
     * @param context what the host lends the plug-in; its name is replaced by {@code name}
     * @param loader the class loader to search; {@code null} means the system class loader
     * @param <T> what the provider creates
     * @param <P> the provider type
     * @return the new plug-in
     * @throws VaultException with {@link ErrorCode#PLUGIN_NOT_FOUND} if none or several have that name, or as
     *     the provider's {@code create} does
     */
    public static <T, P extends PluginProvider<T>> T create(Class<P> type, String name, Map<String, String> config,
            PluginContext context, ClassLoader loader) {
        requireNonNull(config, "config is null");
        requireNonNull(context, "context is null");
        return find(type, PluginProvider::name, name, loader).create(Map.copyOf(config), context.named(name));
    }

    /**
     * Returns the one provider among {@code providers} whose name is {@code name}, for hosts that list
     * providers themselves.
     *
     * @param type the provider interface, for messages
     * @param nameOf how to read a provider's name
     * @param name the wanted name
     * @param providers the candidates
     * @param <P> the provider type
     * @return the provider
     * @throws VaultException with {@link ErrorCode#PLUGIN_NOT_FOUND} if none or several have that name
     */
    public static <P> P select(Class<P> type, Function<? super P, String> nameOf, String name, List<P> providers) {
        requireNonNull(name, "name is null");
        List<P> named = providers.stream().filter(p -> name.equals(nameOf.apply(p))).toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        String kind = type.getSimpleName();
        if (named.isEmpty()) {
            TreeSet<String> names = providers.stream().map(nameOf)
                    .collect(Collectors.toCollection(TreeSet::new));
            // a typo ("postgres") is more likely than a missing artifact when a name is that close
            String closest = names.stream().filter(n -> {
                int distance = Settings.distance(n, name);
                return distance <= 2 && distance * 2 < name.length();
            }).findFirst().map(n -> " (did you mean '" + n + "'?)").orElse("");
            throw new VaultException(ErrorCode.PLUGIN_NOT_FOUND, "No " + kind + " named '" + name
                    + "' is on the class path" + closest + "; add the artifact that provides it (available: "
                    + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
        }
        String classes = named.stream().map(p -> p.getClass().getName()).collect(Collectors.joining(", "));
        throw new VaultException(ErrorCode.PLUGIN_NOT_FOUND, "Several " + kind + "s are named '" + name
                + "' (" + classes + "); keep only one of them on the class path");
    }
}
