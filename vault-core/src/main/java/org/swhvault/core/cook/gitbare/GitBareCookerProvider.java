package org.swhvault.core.cook.gitbare;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.cook.CookerProvider;

/**
 * Creates {@link GitBareCooker}s, found through {@link java.util.ServiceLoader}. Settings:
 * {@code tmpdir} (an existing directory where packs are built; default: the system's temporary
 * directory), {@code threads} (compression threads; default: one per processor) and {@code level}
 * (zlib level of pack entries, 0 to 9; default {@value GitBareCooker#DEFAULT_LEVEL}).
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
     *     existing directory, {@code threads} is not a positive integer or {@code level} not 0 to 9
     */
    @Override
    public Cooker create(Map<String, String> config) {
        Path tmp = null;
        String dir = config.get("tmpdir");
        if (dir != null) {
            try {
                tmp = Path.of(dir);
            } catch (InvalidPathException e) {
                tmp = null;
            }
            if (tmp == null || !Files.isDirectory(tmp)) {
                throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                        "The git-bare cooker setting tmpdir must be an existing directory, got '" + dir + "'.");
            }
        }
        int threads = 0;
        String count = config.get("threads");
        if (count != null) {
            try {
                threads = Integer.parseInt(count.trim());
            } catch (NumberFormatException e) {
                threads = -1;
            }
            if (threads < 1) {
                throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                        "The git-bare cooker setting threads must be a positive integer, got '" + count + "'.");
            }
        }
        int level = GitBareCooker.DEFAULT_LEVEL;
        String zlib = config.get("level");
        if (zlib != null) {
            level = zlib.trim().matches("[0-9]") ? Integer.parseInt(zlib.trim()) : -1;
            if (level < 0) {
                throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                        "The git-bare cooker setting level must be a zlib level from 0 to 9, got '" + zlib + "'.");
            }
        }
        return new GitBareCooker(tmp, threads, level);
    }
}
