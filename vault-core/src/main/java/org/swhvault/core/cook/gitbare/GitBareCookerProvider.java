package org.swhvault.core.cook.gitbare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.cook.CookerProvider;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Settings;

/**
 * Creates {@link GitBareCooker}s, found through {@link java.util.ServiceLoader}. Settings:
 * {@code tmpdir} (an existing directory where packs are built; default: the host's temporary
 * directory, {@link PluginContext#tempDirectory()}), {@code threads} (compression threads; default: one per processor), {@code level}
 * (zlib level of pack entries, 0 to 9; default {@value GitBareCooker#DEFAULT_LEVEL}) and {@code reuse}
 * ({@code true} or {@code false}: whether bundles of a git repository copy its stored objects and
 * deltas; default {@code true}).
 */
public final class GitBareCookerProvider implements CookerProvider {
    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public GitBareCookerProvider() {
    }

    @Override
    public BundleType bundleType() {
        return BundleType.GIT_BARE;
    }

    /**
     * {@inheritDoc}
     *
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if {@code tmpdir} is not an
     *     existing directory, {@code threads} is not a positive integer, {@code level} not 0 to 9 or
     *     {@code reuse} neither {@code true} nor {@code false}
     */
    @Override
    public Cooker create(Map<String, String> config, PluginContext context) {
        Settings settings = Settings.of("git-bare cooker", config);
        Path tmp = settings.optionalPath("tmpdir").orElse(context.tempDirectory());
        if (!Files.isDirectory(tmp)) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                    "The git-bare cooker setting 'tmpdir' must be an existing directory, got '" + tmp + "'.");
        }
        int threads = (int) settings.integer("threads", 0, 1, 1024);
        int level = (int) settings.integer("level", GitBareCooker.DEFAULT_LEVEL, 0, 9);
        boolean reuse = settings.bool("reuse", true);
        settings.rejectUnknown();
        return new GitBareCooker(tmp, threads, level, reuse);
    }
}
