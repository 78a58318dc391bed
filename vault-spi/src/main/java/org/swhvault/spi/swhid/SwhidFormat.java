package org.swhvault.spi.swhid;

import java.nio.charset.StandardCharsets;

import org.swhvault.spi.model.Bytes;

/** Writes the canonical string form of SWHIDs and qualifiers. */
final class SwhidFormat {
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();
    private static final char[] LOWER_HEX = "0123456789abcdef".toCharArray();

    private SwhidFormat() {
    }

    static String toString(Swhid swhid) {
        String core = core(swhid);
        if (swhid.qualifiers().isEmpty()) {
            return core;
        }
        StringBuilder sb = new StringBuilder(128).append(core);
        appendQualifiers(sb, swhid.qualifiers());
        return sb.toString();
    }

    /** Returns {@code swh:1:<type>:<hex>}, built in one Latin-1 array: SWHIDs are printed a lot. */
    private static String core(Swhid swhid) {
        byte[] out = new byte[50];
        String tag = swhid.type().tag();
        out[0] = 's';
        out[1] = 'w';
        out[2] = 'h';
        out[3] = ':';
        out[4] = '1';
        out[5] = ':';
        out[6] = (byte) tag.charAt(0);
        out[7] = (byte) tag.charAt(1);
        out[8] = (byte) tag.charAt(2);
        out[9] = ':';
        // the raw id goes at the end, then expands forwards into hex: each read happens before its slot is written
        swhid.id().copyTo(out, 30);
        for (int k = 0; k < 20; k++) {
            int b = out[30 + k];
            out[10 + 2 * k] = (byte) LOWER_HEX[(b >> 4) & 0xf];
            out[11 + 2 * k] = (byte) LOWER_HEX[b & 0xf];
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** Appends the present qualifiers in the canonical order origin, visit, anchor, path, lines, bytes. */
    static void appendQualifiers(StringBuilder sb, Qualifiers q) {
        q.origin().ifPresent(o -> appendOrigin(sb.append(";origin="), o));
        q.visit().ifPresent(v -> sb.append(";visit=").append(v));
        q.anchor().ifPresent(a -> sb.append(";anchor=").append(a));
        q.path().ifPresent(p -> appendPath(sb.append(";path="), p));
        q.lines().ifPresent(l -> sb.append(";lines=").append(l));
        q.bytes().ifPresent(b -> sb.append(";bytes=").append(b));
    }

    /**
     * Escapes {@code %} and {@code ;} as the reference does, and also whitespace and control
     * characters, which the reference writes raw, making its output unparseable.
     */
    static void appendOrigin(StringBuilder sb, String origin) {
        for (int i = 0, n = origin.length(); i < n; i++) {
            char c = origin.charAt(i);
            if (c == '%' || c == ';' || Chars.isWhitespace(c) || Chars.isControl(c)) {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    appendEscape(sb, b);
                }
            } else {
                sb.append(c);
            }
        }
    }

    /** Escapes every byte except ASCII letters, digits and {@code _ . - ~ /}, exactly as the reference. */
    static void appendPath(StringBuilder sb, Bytes path) {
        for (int i = 0, n = path.length(); i < n; i++) {
            byte b = path.byteAt(i);
            if (isPathSafe(b)) {
                sb.append((char) b);
            } else {
                appendEscape(sb, b);
            }
        }
    }

    private static boolean isPathSafe(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '_' || b == '.' || b == '-' || b == '~' || b == '/';
    }

    private static void appendEscape(StringBuilder sb, byte b) {
        sb.append('%').append(UPPER_HEX[(b >> 4) & 0xf]).append(UPPER_HEX[b & 0xf]);
    }
}
