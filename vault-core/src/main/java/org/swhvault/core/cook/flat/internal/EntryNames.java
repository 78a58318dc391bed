package org.swhvault.core.cook.flat.internal;

import org.swhvault.spi.model.Bytes;

/** Which directory entry names can be written to a flat bundle, and how to show a name in a message. */
final class EntryNames {
    private EntryNames() {
    }

    /**
     * Returns why {@code name} cannot be a path component of an extracted tree, or null if it can.
     * {@code .git} is refused whatever its case, as git itself does, because on a case-insensitive
     * file system {@code .GIT} is the same directory.
     */
    static String problem(Bytes name) {
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
     * Returns the name for display: printable ASCII as is, {@code \\}, {@code \'}, {@code \t},
     * {@code \n}, {@code \r}, other bytes as {@code \xNN}.
     */
    static String display(Bytes name) {
        StringBuilder sb = new StringBuilder(name.length() + 8);
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
        return sb.toString();
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }
}
