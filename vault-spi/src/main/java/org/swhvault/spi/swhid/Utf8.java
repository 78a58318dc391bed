package org.swhvault.spi.swhid;

/**
 * UTF-8 checking and decoding by Unicode Table 3-7 (no overlongs, no surrogates, nothing above
 * U+10FFFF). Decoding replaces each maximal ill-formed subpart by one U+FFFD, as Python does; Java's
 * own decoder groups some of them differently (for example {@code ED A0}), which would make lenient
 * origins differ from the reference.
 */
final class Utf8 {
    private Utf8() {
    }

    /** Returns the index of the first byte of the first ill-formed sequence in {@code b[0, len)}, or -1. */
    static int firstMalformed(byte[] b, int len) {
        for (int i = 0; i < len; ) {
            int n = sequenceLength(b, i, len);
            if (n < 0) {
                return i;
            }
            i += n;
        }
        return -1;
    }

    /** Appends {@code b[0, len)} decoded to {@code sb}, with U+FFFD for each maximal ill-formed subpart. */
    static void decode(byte[] b, int len, StringBuilder sb) {
        for (int i = 0; i < len; ) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
                continue;
            }
            int n = sequenceLength(b, i, len);
            if (n < 0) {
                sb.append('\uFFFD');
                i += -n;
                continue;
            }
            int cp = n == 2 ? c & 0x1f : n == 3 ? c & 0x0f : c & 0x07;
            for (int k = 1; k < n; k++) {
                cp = cp << 6 | (b[i + k] & 0x3f);
            }
            sb.appendCodePoint(cp);
            i += n;
        }
    }

    /**
     * Returns the length of the well-formed sequence at {@code i}, or minus the length of the
     * maximal ill-formed subpart there (at least 1).
     */
    private static int sequenceLength(byte[] b, int i, int len) {
        int c = b[i] & 0xff;
        int n;
        int lo = 0x80;
        int hi = 0xbf;
        if (c < 0x80) {
            return 1;
        } else if (c >= 0xc2 && c <= 0xdf) {
            n = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 3;
            lo = c == 0xe0 ? 0xa0 : 0x80;
            hi = c == 0xed ? 0x9f : 0xbf;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 4;
            lo = c == 0xf0 ? 0x90 : 0x80;
            hi = c == 0xf4 ? 0x8f : 0xbf;
        } else {
            return -1;
        }
        for (int k = 1; k < n; k++) {
            int x = i + k < len ? b[i + k] & 0xff : -1;
            if (x < lo || x > hi) {
                return -k;
            }
            lo = 0x80;
            hi = 0xbf;
        }
        return n;
    }
}
