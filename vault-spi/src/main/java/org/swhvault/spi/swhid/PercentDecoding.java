package org.swhvault.spi.swhid;

import java.util.Arrays;

import org.swhvault.spi.model.Bytes;

/**
 * Percent-decoding of {@code origin} (to text) and {@code path} (to bytes), written by hand because
 * {@code URLDecoder} turns {@code +} into a space and throws on malformed escapes. Escapes may use
 * either case. When lenient, a malformed escape ({@code %GZ}, a {@code %} near the end) is kept
 * literally, as Python's {@code urllib.parse.unquote} does; when strict, it is an error.
 */
final class PercentDecoding {
    private PercentDecoding() {
    }

    /** Decodes {@code s[from, to)} to bytes; raw non-ASCII characters become their UTF-8 bytes. */
    static Bytes path(String s, int from, int to, boolean strict) {
        byte[] out = new byte[to - from];
        int len = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int escaped = c == '%' ? escapeAt(s, i, to, strict) : -1;
            if (escaped >= 0) {
                out[len++] = (byte) escaped;
                i += 2;
            } else if (c < 0x80) {
                out[len++] = (byte) c;
            } else {
                // at most 4 bytes for at least 1 char: grow only when the remaining room may not do
                if (out.length - len < 4 + 3 * (to - i)) {
                    out = Arrays.copyOf(out, len + 4 + 3 * (to - i));
                }
                int cp = s.codePointAt(i);
                len = putUtf8(out, len, cp);
                i += Character.charCount(cp) - 1;
            }
        }
        return Bytes.wrap(len == out.length ? out : Arrays.copyOf(out, len));
    }

    /**
     * Decodes {@code s[from, to)} to text. Like Python's {@code unquote}, each run of ASCII
     * characters is decoded to bytes and then as UTF-8, raw non-ASCII characters are kept as they
     * are. When lenient, bytes that are not UTF-8 become U+FFFD; when strict, they are an error
     * (decoding them would lose data).
     */
    static String origin(String s, int from, int to, boolean strict) {
        int pct = s.indexOf('%', from);
        if (pct < 0 || pct >= to) {
            return s.substring(from, to);
        }
        StringBuilder sb = new StringBuilder(to - from);
        byte[] run = new byte[to - from];
        int[] source = strict ? new int[to - from] : null;
        int len = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int escaped = c == '%' ? escapeAt(s, i, to, strict) : -1;
            if (source != null) {
                source[len] = i;
            }
            if (escaped >= 0) {
                run[len++] = (byte) escaped;
                i += 2;
            } else if (c < 0x80) {
                run[len++] = (byte) c;
            } else {
                flush(sb, run, len, s, source);
                len = 0;
                sb.append(c);
            }
        }
        flush(sb, run, len, s, source);
        return sb.toString();
    }

    private static void flush(StringBuilder sb, byte[] run, int len, String s, int[] source) {
        if (source != null) {
            int bad = Utf8.firstMalformed(run, len);
            if (bad >= 0) {
                throw SwhidScanner.fail(s, source[bad], "percent-escape in origin that is not UTF-8",
                        "the origin is text: escapes must encode UTF-8");
            }
        }
        Utf8.decode(run, len, sb);
    }

    /** Returns the byte escaped at {@code i} (a '%'), or -1 if the escape is malformed and lenient. */
    private static int escapeAt(String s, int i, int to, boolean strict) {
        int hi = i + 2 < to ? Chars.anyHex(s.charAt(i + 1)) : -1;
        int lo = hi >= 0 ? Chars.anyHex(s.charAt(i + 2)) : -1;
        if (lo < 0 && strict) {
            throw SwhidScanner.fail(s, i, "malformed percent-escape", "expected '%' followed by two hex digits");
        }
        return lo < 0 ? -1 : hi << 4 | lo;
    }

    private static int putUtf8(byte[] out, int len, int cp) {
        if (cp < 0x800) {
            out[len++] = (byte) (0xc0 | cp >> 6);
        } else if (cp < 0x10000) {
            out[len++] = (byte) (0xe0 | cp >> 12);
            out[len++] = (byte) (0x80 | (cp >> 6 & 0x3f));
        } else {
            out[len++] = (byte) (0xf0 | cp >> 18);
            out[len++] = (byte) (0x80 | (cp >> 12 & 0x3f));
            out[len++] = (byte) (0x80 | (cp >> 6 & 0x3f));
        }
        out[len++] = (byte) (0x80 | (cp & 0x3f));
        return len;
    }
}
