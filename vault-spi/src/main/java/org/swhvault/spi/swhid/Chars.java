package org.swhvault.spi.swhid;

/** Character classes used by the SWHID scanner and formatter. */
final class Chars {
    /** Lowercase-only hex digit values, -1 elsewhere; index by char below 128. */
    private static final byte[] LOWER_HEX = new byte[128];
    /** Hex digit values of either case, -1 elsewhere. */
    private static final byte[] ANY_HEX = new byte[128];

    static {
        java.util.Arrays.fill(LOWER_HEX, (byte) -1);
        java.util.Arrays.fill(ANY_HEX, (byte) -1);
        for (int i = 0; i < 10; i++) {
            LOWER_HEX['0' + i] = (byte) i;
            ANY_HEX['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            LOWER_HEX['a' + i] = (byte) (10 + i);
            ANY_HEX['a' + i] = (byte) (10 + i);
            ANY_HEX['A' + i] = (byte) (10 + i);
        }
    }

    private Chars() {
    }

    static int lowerHex(char c) {
        return c < 128 ? LOWER_HEX[c] : -1;
    }

    static int anyHex(char c) {
        return c < 128 ? ANY_HEX[c] : -1;
    }

    /**
     * Returns whether Python's {@code str.isspace()} (and so the reference's {@code \S}) treats
     * {@code c} as whitespace: exactly 29 code points, including U+001C..U+001F that Java's
     * {@code \s} misses.
     */
    static boolean isWhitespace(char c) {
        if (c <= ' ') {
            return (c >= 0x09 && c <= 0x0d) || c >= 0x1c;
        }
        if (c < 0x85) {
            return false;
        }
        return c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a)
                || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
    }

    /** Returns whether {@code c} is a C0 or C1 control character or DEL. */
    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    /** Returns the index of the first unpaired surrogate in {@code s[from, to)}, or -1. */
    static int firstUnpairedSurrogate(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Describes the character at {@code index} for an error message: {@code 'x'} or {@code whitespace U+0020}. */
    static String describe(CharSequence s, int index) {
        int cp = Character.codePointAt(s, index);
        String code = String.format("U+%04X", cp);
        if (cp < 0x10000 && isWhitespace((char) cp)) {
            return "whitespace " + code;
        }
        if (cp < 0x10000 && isControl((char) cp)) {
            return "control character " + code;
        }
        if (cp < 0x10000 && Character.isSurrogate((char) cp)) {
            return "unpaired surrogate " + code;
        }
        return "'" + new String(Character.toChars(cp)) + "'";
    }
}
