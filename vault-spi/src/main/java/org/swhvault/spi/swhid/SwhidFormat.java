package org.swhvault.spi.swhid;

import java.nio.charset.StandardCharsets;

import org.swhvault.spi.model.Bytes;

/** Writes the canonical string form of SWHIDs and qualifiers. */
final class SwhidFormat {
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private SwhidFormat() {
    }

    static String toString(Swhid swhid) {
        String core = "swh:1:" + swhid.type().tag() + ":" + swhid.id().toHex();
        if (swhid.qualifiers().isEmpty()) {
            return core;
        }
        StringBuilder sb = new StringBuilder(128).append(core);
        appendQualifiers(sb, swhid.qualifiers());
        return sb.toString();
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
