package org.swhvault.core.source.git;

import org.eclipse.jgit.lib.Repository;

/**
 * A capability of a source that reads a git repository ({@link org.swhvault.spi.source.ObjectSource#unwrap}):
 * the repository itself, whose object ids are the SWHIDs of the source's objects, so that a cooker can copy
 * stored objects and deltas instead of re-encoding every object.
 */
public interface GitStoredObjects {
    /**
     * Returns the repository. The source owns it: do not close it. Does not block.
     *
     * @return the repository
     */
    @SuppressWarnings("exports") // JGit's type: a host that reads it requires org.eclipse.jgit itself
    Repository repository();
}
