package org.swhvault.core.cook.gitfast;

import java.util.Map;

import org.swhvault.spi.cook.BundleCompression;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.cook.CookerProvider;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Settings;

/**
 * Provides the {@link GitfastCooker} to {@link java.util.ServiceLoader}. Takes no settings; its cooks put their
 * temporary files in the host's temporary directory, {@link PluginContext#tempDirectory()}.
 */
public final class GitfastCookerProvider implements CookerProvider {
    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public GitfastCookerProvider() {
    }

    @Override
    public BundleType bundleType() {
        return BundleType.GITFAST;
    }

    /**
     * {@inheritDoc}
     *
     * @throws org.swhvault.spi.VaultException with {@link org.swhvault.spi.ErrorCode#INVALID_ARGUMENT} if
     *     any setting is given
     */
    @Override
    public Cooker create(Map<String, String> config, PluginContext context) {
        Settings.of("gitfast cooker", config).rejectUnknown();
        return new GitfastCooker(BundleCompression.GZIP, context.tempDirectory());
    }
}
