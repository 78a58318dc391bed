package org.swhvault.spi.cook;

import org.swhvault.spi.plugin.PluginProvider;

/**
 * Creates a {@link Cooker}, found through {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/org.swhvault.spi.cook.CookerProvider}). Its name is its bundle type's
 * {@linkplain BundleType#apiName() API name}; its settings may be empty, every setting having a default.
 */
public interface CookerProvider extends PluginProvider<Cooker> {
    /**
     * Returns the bundle type the cookers of this provider write.
     *
     * @return the bundle type
     */
    BundleType bundleType();

    /** Returns the bundle type's API name, such as {@code flat} or {@code git-bare}. */
    @Override
    default String name() {
        return bundleType().apiName();
    }
}
