package org.swhvault.spi.model;

import java.util.List;

/**
 * The canonical git-style serialisation of archive objects. PLACEHOLDER: being written.
 */
public final class Manifests {
    private Manifests() {
    }

    /**
     * Returns the canonical body of a directory (entries sorted git-style, no header).
     *
     * @param entries the entries, in any order
     * @return the body bytes
     */
    public static byte[] directory(List<DirectoryEntry> entries) {
        throw new UnsupportedOperationException("not yet written");
    }

    /**
     * Returns the canonical body of a revision, from its fields (ignoring any raw manifest).
     *
     * @param revision the revision
     * @return the body bytes
     */
    public static byte[] revision(Revision revision) {
        throw new UnsupportedOperationException("not yet written");
    }

    /**
     * Returns the canonical body of a release, from its fields (ignoring any raw manifest).
     *
     * @param release the release
     * @return the body bytes
     */
    public static byte[] release(Release release) {
        throw new UnsupportedOperationException("not yet written");
    }

    /**
     * Returns the canonical body of a snapshot.
     *
     * @param branches the branches, in any order
     * @return the body bytes
     */
    public static byte[] snapshot(List<SnapshotBranch> branches) {
        throw new UnsupportedOperationException("not yet written");
    }

    /**
     * Returns {@code <gitType> SP <length> NUL <body>}.
     *
     * @param gitType the object type name, such as {@code tree}
     * @param body the body
     * @return the full object bytes
     */
    public static byte[] withHeader(String gitType, byte[] body) {
        throw new UnsupportedOperationException("not yet written");
    }
}
