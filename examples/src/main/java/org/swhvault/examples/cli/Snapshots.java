package org.swhvault.examples.cli;

import java.nio.file.Path;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.swhid.Swhid;

/** The snapshot of a git repository on disk: every ref, plus HEAD as an alias. */
final class Snapshots {
    private Snapshots() {
    }

    static Swhid swhid(Path repository) {
        // TODO(h3-sources): GitObjectSource.currentSnapshot()
        throw new VaultException(ErrorCode.UNSUPPORTED, repository + ": snapshots are not available yet");
    }
}
