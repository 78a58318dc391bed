package org.swhvault.core.cook.flat;

import java.util.Map;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.cook.CookerProvider;

import static java.util.Objects.requireNonNull;

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
    public Cooker create(Map<String, String> config) {
        requireNonNull(config, "config is null");
        for (String key : config.keySet()) {
            if (!key.equals("level") && !key.equals("threads") && !key.equals("cache-entries")) {
                throw new VaultException(ErrorCode.INVALID_ARGUMENT, "Unknown setting '" + key
                        + "' for the flat cooker; expected level, threads or cache-entries.");
            }
        }
        int level = (int) number(config, "level", FlatCooker.DEFAULT_LEVEL);
        int threads = (int) number(config, "threads", Runtime.getRuntime().availableProcessors());
        long cacheEntries = number(config, "cache-entries", FlatCooker.DEFAULT_CACHE_ENTRIES);
        return new FlatCooker(level, threads, cacheEntries);
    }

    private static long number(Map<String, String> config, String key, long fallback) {
        String value = config.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (!key.equals("cache-entries") && (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE)) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                    "The flat cooker setting '" + key + "' must be a whole number, got '" + value + "'.");
        }
    }
}
