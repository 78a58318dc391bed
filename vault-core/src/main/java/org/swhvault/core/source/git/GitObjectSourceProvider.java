package org.swhvault.core.source.git;

import java.nio.file.Path;
import java.util.Map;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Settings;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.source.ObjectSourceProvider;

/**
 * The {@code git} object source: a {@link GitObjectSource} on a local repository.
 *
 * <p>Configuration keys:
 * <ul>
 *   <li>{@code path} (required): the repository directory, bare or not.</li>
 * </ul>
 * Any other key is refused, so that a misspelt key does not go unnoticed.
 */
public final class GitObjectSourceProvider implements ObjectSourceProvider {
    /** The configuration key naming the repository directory. */
    public static final String PATH = "path";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public GitObjectSourceProvider() {
    }

    /** Returns {@code git}. */
    @Override
    public String name() {
        return "git";
    }

    /**
     * Opens the repository named by {@code path}. Blocks while the repository is opened.
     *
     * @param config {@code path} and nothing else
     * @param context unused
     * @return a new {@link GitObjectSource}
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if {@code path} is missing, is not a
     *     valid path or not a git repository, or another key is given
     */
    @Override
    public ObjectSource create(Map<String, String> config, PluginContext context) {
        Settings settings = Settings.of("git source", config);
        Path path = settings.path(PATH, "the repository directory, bare or not");
        settings.rejectUnknown();
        return GitObjectSource.open(path);
    }
}
