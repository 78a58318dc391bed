package org.swhvault.spi.model;

/** Where a revision comes from. Not part of its identity. */
public enum RevisionType {
    /** A git commit. */
    GIT,
    /** A synthetic revision made from a tarball. */
    TAR,
    /** A synthetic revision made from a Debian source package. */
    DSC,
    /** A Subversion revision. */
    SUBVERSION,
    /** A Mercurial changeset. */
    MERCURIAL,
    /** A CVS revision. */
    CVS,
    /** A Bazaar revision. */
    BAZAAR
}
