package org.swhvault.spi.model;

/** What a directory entry points to. */
public enum EntryType {
    /** A content (regular file or symlink target). */
    FILE,
    /** A directory. */
    DIR,
    /** A revision (a git submodule / gitlink). */
    REV
}
