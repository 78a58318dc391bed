package org.swhvault.examples.cli;

import java.nio.file.Path;

import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/** The snapshot of a git repository on disk: every ref, plus HEAD as an alias. */
final class Snapshots {
    private Snapshots() {
    }

    /**
     * Returns the SWHID of the repository's current snapshot.
     *
     * @throws org.swhvault.spi.VaultException if {@code repository} is not a git repository or cannot be read
     */
    static Swhid swhid(Path repository) {
        try (GitObjectSource source = GitObjectSource.open(repository)) {
            return Swhid.of(ObjectType.SNAPSHOT, source.currentSnapshot().id());
        }
    }
}
