package org.swhvault.core.cook.flat;

import java.util.Map;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.cook.CookerProvider;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Settings;

/**
 * Provides {@link FlatCooker}s to {@link java.util.ServiceLoader}. Settings, all optional:
 * {@code level} (gzip level 0–9, default {@value FlatCooker#DEFAULT_LEVEL}), {@code threads}
 * (compression threads, default the number of processors), {@code cache-entries} (directory entries
 * cached per cook, default {@value FlatCooker#DEFAULT_CACHE_ENTRIES}).
 */
public final class FlatCookerProvider implements CookerProvider {
    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public FlatCookerProvider() {
    }

    @Override
    public BundleType bundleType() {
        return BundleType.FLAT;
    }

    /**
     * {@inheritDoc}
     *
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if a setting is unknown or not a
     *     number in range
     */
    @Override
    public Cooker create(Map<String, String> config, PluginContext context) {
        Settings settings = Settings.of("flat cooker", config);
        int level = (int) settings.integer("level", FlatCooker.DEFAULT_LEVEL, 0, 9);
        int threads = (int) settings.integer("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
        long cacheEntries = settings.integer("cache-entries", FlatCooker.DEFAULT_CACHE_ENTRIES, 0, Long.MAX_VALUE);
        settings.rejectUnknown();
        return new FlatCooker(level, threads, cacheEntries);
    }
}
