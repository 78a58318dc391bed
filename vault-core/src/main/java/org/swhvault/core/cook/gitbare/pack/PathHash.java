package org.swhvault.core.cook.gitbare.pack;

import org.swhvault.spi.model.Bytes;

/**
 * Where an object was first seen, as two 32-bit hashes packed in a long, so that a walk keeps 8 bytes
 * per queued directory instead of its path. The high half is git's name hash ({@code pack_name_hash}:
 * the last sixteen non-blank characters of the path, the last ones weighing most, so that files of the
 * same name sort together wherever they are); the low half is FNV-1a of the whole path, so that the
 * versions of one path sort together among those. Both continue over a child's name, so the hash of
 * {@code a/b} is computed from that of {@code a} without the string.
 */
public final class PathHash {
    /** The hash of the root (the empty path), and of objects that have no path (commits and tags). */
    public static final long ROOT = 0x811c9dc5L;

    private static final int FNV_PRIME = 0x01000193;

    private PathHash() {
    }

    /** Returns the hash of the path {@code parent/name}, from the hash of {@code parent}. */
    public static long child(long parent, Bytes name) {
        int git = (int) (parent >>> 32);
        int fnv = (int) parent;
        git = step(git, '/');
        fnv = (fnv ^ '/') * FNV_PRIME;
        for (int i = 0; i < name.length(); i++) {
            int c = name.byteAt(i) & 0xff;
            git = step(git, c);
            fnv = (fnv ^ c) * FNV_PRIME;
        }
        return ((long) git << 32) | (fnv & 0xffffffffL);
    }

    /** Returns the name hash: the high half. */
    static int nameHash(long pathHash) {
        return (int) (pathHash >>> 32);
    }

    private static int step(int hash, int c) {
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            return hash;
        }
        return (hash >>> 2) + (c << 24);
    }
}
