package org.swhvault.core.cook.gitfast.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/**
 * Paths as {@code git fast-import} reads them: entry names checked, and C-style quoting whenever a
 * path holds a byte that an unquoted path cannot carry or that would be hard to read.
 */
final class Paths {
    private static final byte[] DOT_GIT = ".git".getBytes(StandardCharsets.US_ASCII);

    private Paths() {
    }

    /**
     * Refuses names fast-import would reject or that git refuses to check out: empty, {@code .},
     * {@code ..}, {@code .git}, or holding {@code /} or NUL.
     *
     * @throws VaultException with {@link ErrorCode#CORRUPT_OBJECT} naming the entry and its directory
     */
    static void checkName(Bytes name, ObjectId directory) {
        int n = name.length();
        boolean bad = n == 0 || name.contains((byte) '/') || name.contains((byte) 0)
                || (n == 1 && name.byteAt(0) == '.')
                || (n == 2 && name.byteAt(0) == '.' && name.byteAt(1) == '.')
                || isDotGit(name);
        if (bad) {
            String display = new String(quote(name.toByteArray(), name.length(), true), StandardCharsets.US_ASCII);
            throw new VaultException(ErrorCode.CORRUPT_OBJECT, "Directory "
                    + Swhid.of(ObjectType.DIRECTORY, directory) + " has an entry named " + display
                    + ", which a fast-import stream cannot hold safely: names must not be empty, '.', '..' or"
                    + " '.git', nor contain '/' or NUL.");
        }
    }

    private static boolean isDotGit(Bytes name) {
        if (name.length() != DOT_GIT.length) {
            return false;
        }
        for (int i = 0; i < DOT_GIT.length; i++) {
            if (name.byteAt(i) != DOT_GIT[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the path as fast-import reads it: verbatim when every byte is printable ASCII other than
     * {@code "} and {@code \}, otherwise C-quoted ({@code \"}, {@code \\}, {@code \t}, {@code \n} ...,
     * three-digit octal for other control and non-ASCII bytes), which fast-import decodes back to the
     * same bytes.
     *
     * @param path the raw path bytes
     * @param length how many bytes of {@code path} to use
     * @param always whether to quote even when not needed (for messages)
     */
    static byte[] quote(byte[] path, int length, boolean always) {
        if (!always && !needsQuoting(path, length)) {
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
