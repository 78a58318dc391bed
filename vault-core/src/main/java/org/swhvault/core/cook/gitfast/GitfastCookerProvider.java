package org.swhvault.core.cook.gitfast;

import java.util.Map;

import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.cook.CookerProvider;

/** Provides the {@link GitfastCooker} to {@link java.util.ServiceLoader}. Takes no settings. */
public final class GitfastCookerProvider implements CookerProvider {
    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public GitfastCookerProvider() {
    }

    @Override
    public BundleType bundleType() {
        return BundleType.GITFAST;
    }

    @Override
    public Cooker create(Map<String, String> config) {
        return new GitfastCooker();
    }
}
