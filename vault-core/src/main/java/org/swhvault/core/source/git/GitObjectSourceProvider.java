package org.swhvault.core.source.git;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
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
     * @return a new {@link GitObjectSource}
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if {@code path} is missing, or is
     *     not a git repository, or another key is given
     */
    @Override
    public ObjectSource create(Map<String, String> config) {
        Set<String> unknown = new TreeSet<>(config.keySet());
        unknown.remove(PATH);
        if (!unknown.isEmpty()) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                    "unknown git source setting(s) " + unknown + "; the only setting is 'path'");
        }
        String path = config.get(PATH);
        if (path == null || path.isBlank()) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                    "the git source needs 'path', the repository directory (bare or not)");
        }
        try {
            return GitObjectSource.open(Path.of(path));
        } catch (InvalidPathException e) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, "git source 'path' is not a valid path: " + path, e);
        }
    }
}
