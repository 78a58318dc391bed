package org.swhvault.core.source.git.internal;

import java.util.Optional;
import java.util.function.Function;

import org.eclipse.jgit.lib.Repository;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.source.ObjectSource;

/**
 * Gives the vault's own cookers the JGit repository a {@link GitObjectSource} reads, so that they can
 * copy its stored objects as they are, without making JGit part of that class's public API.
 * {@link GitObjectSource} installs the accessor when it is loaded, hence before any instance exists.
 */
public final class SourceRepositories {
    private static volatile Function<GitObjectSource, Repository> accessor;

    private SourceRepositories() {
    }

    /**
     * Installs the accessor; called once by {@link GitObjectSource}.
     *
     * @param repositoryOf returns the repository of a source
     * @throws IllegalStateException if an accessor is already installed
     */
    public static synchronized void install(Function<GitObjectSource, Repository> repositoryOf) {
        if (accessor != null) {
            throw new IllegalStateException("the repository accessor is already installed");
        }
        accessor = repositoryOf;
    }

    /**
     * Returns the repository {@code source} reads if it is a {@link GitObjectSource}: its object ids
     * are the SWHIDs of the source's objects. The source still owns it: the caller must not close it.
     *
     * @param source any source
     * @return the repository, or empty for any other kind of source
     */
    public static Optional<Repository> of(ObjectSource source) {
        return source instanceof GitObjectSource git ? Optional.of(accessor.apply(git)) : Optional.empty();
    }
}
