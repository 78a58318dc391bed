package org.swhvault.spi.model;

import static java.util.Objects.requireNonNull;

/**
 * One entry of a directory. Names are kept as found, even when they are invalid (contain {@code /}
 * or NUL, or are {@code .} or {@code ..}): consumers that write to disk must check them.
 *
 * @param name the raw entry name
 * @param type what the entry points to
 * @param perms the git mode as an integer (for example {@code 0100644}); odd values are kept
 * @param target the id of the content, directory or revision
 */
public record DirectoryEntry(Bytes name, EntryType type, int perms, ObjectId target) {
    /** Mode of a regular file. */
    public static final int FILE_PERMS = 0100644;
    /** Mode of an executable file. */
    public static final int EXECUTABLE_PERMS = 0100755;
    /** Mode of a symbolic link. */
    public static final int SYMLINK_PERMS = 0120000;
    /** Mode of a directory. */
    public static final int DIRECTORY_PERMS = 040000;
    /** Mode of a submodule (gitlink). */
    public static final int REVISION_PERMS = 0160000;

    /** Validates the components. */
    public DirectoryEntry {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(target, "target is null");
    }

    /** Returns whether this entry is a symbolic link (mode {@code 120000}). */
    public boolean isSymlink() {
        return type == EntryType.FILE && perms == SYMLINK_PERMS;
    }

    /** Returns whether this entry is an executable file (any x bit set, not a symlink). */
    public boolean isExecutable() {
        return type == EntryType.FILE && !isSymlink() && (perms & 0111) != 0;
    }
}
