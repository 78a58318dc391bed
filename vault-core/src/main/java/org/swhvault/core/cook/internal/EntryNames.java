package org.swhvault.core.cook.internal;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/**
 * The one rule for which directory entry names a bundle may hold, shared by every cooker that writes
 * paths, and the one way names are shown in messages.
 */
public final class EntryNames {
    private EntryNames() {
    }

    /**
     * Returns why {@code name} cannot be a path component of an extracted tree, or null if it can.
     * {@code .git} is refused whatever its case, as git itself does, because on a case-insensitive
     * file system {@code .GIT} is the same directory.
     *
     * @param name a raw entry name
     * @return the problem in a few words, or null
     */
    public static String problem(Bytes name) {
        int n = name.length();
        if (n == 0) {
            return "an empty name";
        }
        if (name.contains((byte) '/')) {
            return "a name containing '/'";
        }
        if (name.contains((byte) 0)) {
            return "a name containing a NUL byte";
        }
        if (name.byteAt(0) == '.' && (n == 1 || n == 2 && name.byteAt(1) == '.')) {
            return "a name that means the directory itself or its parent";
        }
        if (n == 4 && name.byteAt(0) == '.' && lower(name.byteAt(1)) == 'g' && lower(name.byteAt(2)) == 'i'
                && lower(name.byteAt(3)) == 't') {
            return "the name of git's own metadata directory";
        }
        return null;
    }

    /**
     * Returns the refusal of a directory that holds an unsafe name.
     *
     * @param directory the directory
     * @param name the entry's name
     * @param problem what {@link #problem} said of it
     * @return a {@link ErrorCode#CORRUPT_OBJECT} exception naming the directory and the entry
     */
    public static VaultException unsafe(ObjectId directory, Bytes name, String problem) {
        return refusal(directory, "has an entry named " + display(name) + " (" + problem + ")");
    }

    /**
     * Returns the refusal of a directory that holds two entries of one name (a symbolic link and a
     * directory of one name would let a file be written through the link).
     *
     * @param directory the directory
     * @param name the repeated name
     * @return a {@link ErrorCode#CORRUPT_OBJECT} exception naming the directory and the entry
     */
    public static VaultException repeated(ObjectId directory, Bytes name) {
        return refusal(directory, "has two entries named " + display(name));
    }

    private static VaultException refusal(ObjectId directory, String what) {
        return new VaultException(ErrorCode.CORRUPT_OBJECT, "Directory " + Swhid.of(ObjectType.DIRECTORY, directory)
                + " " + what + ", which cannot be written safely to a bundle.");
    }

    /**
     * Returns a raw name for messages, in single quotes: printable ASCII as is, {@code \\}, {@code \'},
     * {@code \t}, {@code \n}, {@code \r}, other bytes as {@code \xNN}, so that a name holding a newline
     * or invalid UTF-8 can neither forge nor garble a line.
     *
     * @param name raw bytes
     * @return the quoted name
     */
    public static String display(Bytes name) {
        StringBuilder sb = new StringBuilder(name.length() + 8).append('\'');
        for (int i = 0; i < name.length(); i++) {
            int b = name.byteAt(i) & 0xff;
            switch (b) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (b >= 0x20 && b < 0x7f) {
                        sb.append((char) b);
                    } else {
                        sb.append(String.format("\\x%02x", b));
                    }
                }
            }
        }
        return sb.append('\'').toString();
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }
}
