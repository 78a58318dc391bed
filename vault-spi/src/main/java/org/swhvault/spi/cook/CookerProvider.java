package org.swhvault.spi.cook;

import java.util.Map;

/**
 * Creates a {@link Cooker}, found through {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/org.swhvault.spi.cook.CookerProvider}).
 */
public interface CookerProvider {
    /** Returns the bundle type the cookers of this provider write; also the provider's name. */
    BundleType bundleType();

    /**
     * Creates a cooker.
     *
     * @param config cooker-specific settings (may be empty)
     * @return the cooker
     */
    Cooker create(Map<String, String> config);
}
