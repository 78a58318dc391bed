package org.swhvault.source.swhpg;

import java.util.Arrays;

import org.swhvault.spi.model.Bytes;

/**
 * The {@code name} and {@code email} columns of a {@code person} row, guessed from the full name as swh-model's
 * {@code Person.from_fullname} guesses them ({@code name <email>}): the name is what comes before the first
 * {@code <}, trimmed of ASCII white space; the email what lies between it and the last {@code >} (or the rest
 * when there is none); without {@code <} the whole full name is the name. Empty parts are null. The vault reads
 * only the full name; the parts are for swh-storage's other readers.
 *
 * @param name the name, or null
 * @param email the email, or null
 */
record PersonParts(byte[] name, byte[] email) {
    static PersonParts of(Bytes fullname) {
        byte[] f = fullname.toByteArray();
        int open = indexOf(f, (byte) '<');
        if (open < 0) {
            return new PersonParts(orNull(f), null);
        }
        byte[] name = strip(Arrays.copyOfRange(f, 0, open));
        byte[] rest = Arrays.copyOfRange(f, open + 1, f.length);
        int close = -1;
        for (int i = rest.length - 1; i >= 0; i--) {
            if (rest[i] == '>') {
                close = i;
                break;
            }
        }
        byte[] email = close < 0 ? rest : Arrays.copyOfRange(rest, 0, close);
        return new PersonParts(orNull(name), orNull(email));
    }

    private static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Python's {@code bytes.strip()}: ASCII space, tab, newline, return, vertical tab and form feed. */
    private static byte[] strip(byte[] b) {
        int from = 0;
        int to = b.length;
        while (from < to && isSpace(b[from])) {
            from++;
        }
        while (to > from && isSpace(b[to - 1])) {
            to--;
        }
        return Arrays.copyOfRange(b, from, to);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c;
    }

    private static byte[] orNull(byte[] b) {
        return b.length == 0 ? null : b;
    }
}
