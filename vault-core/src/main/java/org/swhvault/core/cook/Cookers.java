package org.swhvault.core.cook;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleCompression;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.cook.CookerProvider;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Plugins;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.ObjectType;

import static java.util.Objects.requireNonNull;

/**
 * A set of cookers, one per bundle type, and the rules for which object can be cooked as which
 * bundle. Immutable and thread-safe.
 */
public final class Cookers {
    private final Map<BundleType, Cooker> cookers;

    private Cookers(Map<BundleType, Cooker> cookers) {
        this.cookers = cookers;
    }

    /**
     * Returns the cookers found through {@link ServiceLoader} ({@link CookerProvider}), each created with its
     * defaults in a {@linkplain PluginContext#standalone(String) standalone context}.
     *
     * @return the discovered cookers
     * @throws VaultException with {@link ErrorCode#PLUGIN_NOT_FOUND} if two providers write the same bundle type
     */
    public static Cookers discover() {
        return discover(Map.of(), PluginContext.standalone("cookers"));
    }

    /**
     * Returns the cookers found through {@link ServiceLoader} ({@link CookerProvider}), one per provider, each
     * created with its settings from {@code settings} (none if absent) and the host's context.
     *
     * @param settings each cooker's settings, by its name ({@code flat}, {@code gitfast}, {@code git-bare})
     * @param context what the host lends the cookers
     * @return the discovered cookers
     * @throws VaultException with {@link ErrorCode#PLUGIN_NOT_FOUND} if a name in {@code settings} has no
     *     provider or two providers write the same bundle type (naming their classes); with
     *     {@link ErrorCode#INVALID_ARGUMENT} if a cooker refuses its settings
     */
    public static Cookers discover(Map<String, Map<String, String>> settings, PluginContext context) {
        requireNonNull(settings, "settings is null");
        requireNonNull(context, "context is null");
        List<CookerProvider> providers = Plugins.all(CookerProvider.class, Cookers.class.getClassLoader());
        Set<String> names = new TreeSet<>(settings.keySet());
        providers.forEach(p -> names.add(p.name()));
        Map<BundleType, Cooker> found = new EnumMap<>(BundleType.class);
        for (String name : names) {
            CookerProvider provider = Plugins.select(CookerProvider.class, CookerProvider::name, name, providers);
            found.put(provider.bundleType(), provider.create(settings.getOrDefault(name, Map.of()),
                    context.named(name)));
        }
        return new Cookers(found);
    }

    /**
     * Returns a set made of the given cookers.
     *
     * @param cookers the cookers, at most one per bundle type
     * @return the set
     * @throws IllegalArgumentException if two cookers write the same bundle type
     */
    public static Cookers of(List<Cooker> cookers) {
        Map<BundleType, Cooker> map = new EnumMap<>(BundleType.class);
        for (Cooker cooker : cookers) {
            requireNonNull(cooker, "cooker is null");
            if (map.putIfAbsent(cooker.bundleType(), cooker) != null) {
                throw new IllegalArgumentException("two cookers for bundle type " + cooker.bundleType());
            }
        }
        return new Cookers(map);
    }

    /** Returns the cookers, in bundle type order. */
    public List<Cooker> all() {
        return new ArrayList<>(cookers.values());
    }

    /**
     * Returns the cooker for a bundle type and object type, or explains why there is none with the
     * reference vault's wording.
     *
     * @param bundleType the requested bundle type
     * @param objectType the type of the object to cook
     * @return the cooker
     * @throws VaultException with {@link ErrorCode#UNSUPPORTED} if no cooker accepts the pair
     */
    public Cooker forObject(BundleType bundleType, ObjectType objectType) {
        requireNonNull(bundleType, "bundleType is null");
        requireNonNull(objectType, "objectType is null");
        Cooker cooker = cookers.get(bundleType);
        if (cooker != null && cooker.objectTypes().contains(objectType)) {
            return cooker;
        }
        throw new VaultException(ErrorCode.UNSUPPORTED, refusal(bundleType, objectType, cooker != null));
    }

    /**
     * Returns the cooker of the bundle {@code key} names: {@link #forObject} compressed as the key asks.
     *
     * @param key the bundle
     * @return the cooker
     * @throws VaultException with {@link ErrorCode#UNSUPPORTED} if no cooker accepts the object type, or the
     *     cooker cannot compress that way
     */
    public Cooker forKey(BundleKey key) {
        requireNonNull(key, "key is null");
        Cooker cooker = forObject(key.type(), key.swhid().type());
        return cooker.compressedWith(key.compression()).orElseThrow(() -> new VaultException(ErrorCode.UNSUPPORTED,
                "This vault does not compress '" + key.type().apiName() + "' bundles with " + key.compression() + "."));
    }

    /**
     * Returns how the cooker of {@code type} can compress its bundles, {@link BundleCompression#GZIP} first.
     *
     * @param type the bundle type
     * @return the compressions, empty if no cooker is installed for the type
     */
    public Set<BundleCompression> compressions(BundleType type) {
        requireNonNull(type, "type is null");
        Cooker cooker = cookers.get(type);
        Set<BundleCompression> found = EnumSet.noneOf(BundleCompression.class);
        if (cooker != null) {
            for (BundleCompression c : BundleCompression.values()) {
                if (c.appliesTo(type) && cooker.compressedWith(c).isPresent()) {
                    found.add(c);
                }
            }
        }
        return found;
    }

    private static String refusal(BundleType bundleType, ObjectType objectType, boolean installed) {
        if (!installed) {
            return "No cooker is installed for '" + bundleType.apiName() + "' bundles.";
        }
        if (objectType == ObjectType.CONTENT && bundleType != BundleType.GIT_BARE) {
            return "Content objects do not need to be cooked, use `/api/1/content/raw/` instead.";
        }
        return switch (bundleType) {
            case FLAT -> "Only directories and revisions can be cooked as 'flat' bundles.";
            case GITFAST -> "Only revisions can be cooked as 'gitfast' bundles." + (objectType == ObjectType.DIRECTORY
                    ? " Use `/api/1/vault/flat/` to cook directories, as flat bundles." : "");
            case GIT_BARE -> "Object type " + objectType.name() + " cannot be cooked as 'git-bare' bundle.";
        };
    }
}
