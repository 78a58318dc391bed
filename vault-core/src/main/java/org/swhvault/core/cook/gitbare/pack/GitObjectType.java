package org.swhvault.core.cook.gitbare.pack;

import java.nio.charset.StandardCharsets;

/** The four git object types a pack holds, with their pack type codes. */
public enum GitObjectType {
    /** A commit (SWH revision). */
    COMMIT(1, "commit"),
    /** A tree (SWH directory). */
    TREE(2, "tree"),
    /** A blob (SWH content). */
    BLOB(3, "blob"),
    /** An annotated tag (SWH release). */
    TAG(4, "tag");

    private final int packCode;
    private final String gitName;

    GitObjectType(int packCode, String gitName) {
        this.packCode = packCode;
        this.gitName = gitName;
    }

    /** Returns the 3-bit type code of pack entry headers. */
    public int packCode() {
        return packCode;
    }

    /** Returns the name git uses ({@code blob}, ...), as in object headers. */
    public String gitName() {
        return gitName;
    }

    /** Returns the object header {@code "<type> <size>\0"} that git hashes before the body. */
    public byte[] objectHeader(long size) {
        return (gitName + " " + size + "\0").getBytes(StandardCharsets.US_ASCII);
    }
}
