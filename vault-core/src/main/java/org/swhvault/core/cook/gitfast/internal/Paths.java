package org.swhvault.core.cook.gitfast.internal;

import java.io.ByteArrayOutputStream;

/**
 * Paths as {@code git fast-import} reads them: C-style quoting whenever a path holds a byte that an
 * unquoted path cannot carry or that would be hard to read. Entry names are checked before, by
 * {@link org.swhvault.core.cook.internal.EntryNames}.
 */
final class Paths {
    private Paths() {
    }

    /**
     * Returns the path as fast-import reads it: verbatim when every byte is printable ASCII other than
     * {@code "} and {@code \}, otherwise C-quoted ({@code \"}, {@code \\}, {@code \t}, {@code \n} ...,
     * three-digit octal for other control and non-ASCII bytes), which fast-import decodes back to the
     * same bytes.
     *
     * @param path the raw path bytes
     * @param length how many bytes of {@code path} to use
     */
    static byte[] quote(byte[] path, int length) {
        if (!needsQuoting(path, length)) {
            return java.util.Arrays.copyOf(path, length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 8);
        out.write('"');
        for (int i = 0; i < length; i++) {
            int b = path[i] & 0xff;
            switch (b) {
                case '"', '\\' -> {
                    out.write('\\');
                    out.write(b);
                }
                case 0x07 -> escape(out, 'a');
                case '\b' -> escape(out, 'b');
                case '\t' -> escape(out, 't');
                case '\n' -> escape(out, 'n');
                case 0x0b -> escape(out, 'v');
                case '\f' -> escape(out, 'f');
                case '\r' -> escape(out, 'r');
                default -> {
                    if (b < 0x20 || b >= 0x7f) {
                        out.write('\\');
                        out.write('0' + (b >> 6));
                        out.write('0' + ((b >> 3) & 7));
                        out.write('0' + (b & 7));
                    } else {
                        out.write(b);
                    }
                }
            }
        }
        out.write('"');
        return out.toByteArray();
    }

    private static boolean needsQuoting(byte[] path, int length) {
        for (int i = 0; i < length; i++) {
            int b = path[i] & 0xff;
            if (b < 0x20 || b >= 0x7f || b == '"' || b == '\\') {
                return true;
            }
        }
        return false;
    }

    private static void escape(ByteArrayOutputStream out, char c) {
        out.write('\\');
        out.write(c);
    }
}
