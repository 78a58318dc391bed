package org.swhvault.spi.swhid;

import java.util.Arrays;
import java.util.Optional;

import org.swhvault.spi.model.ObjectId;

import static java.util.Objects.requireNonNull;

/**
 * The hand-written SWHID scanner behind {@link SwhidParser}: one left-to-right pass over the core,
 * one over the qualifier pieces, then each kept value is decoded. Errors carry the column of the
 * first character that does not fit.
 */
final class SwhidScanner {
    static final String[] KEYS = {"origin", "visit", "anchor", "path", "lines", "bytes"};
    /** " in visit qualifier" and so on, for errors inside a qualifier value. */
    private static final String[] IN_KEY = Arrays.stream(KEYS).map(k -> " in " + k + " qualifier").toArray(String[]::new);
    private static final int ORIGIN = 0;
    private static final int VISIT = 1;
    private static final int ANCHOR = 2;
    private static final int PATH = 3;
    private static final int LINES = 4;
    private static final int BYTES = 5;
    private static final String CORE_TYPES = "cnt, dir, rev, rel, snp";
    private static final String ALL_TYPES = CORE_TYPES + ", ori, emd";
    private static final int CORE_LENGTH = 50;

    private SwhidScanner() {
    }

    static Swhid parse(String s, boolean strict, boolean extendedTypes, boolean qualifiers) {
        requireNonNull(s, "swhid is null");
        int n = s.length();
        Swhid core = parseCore(s, 0, n, extendedTypes, "");
        if (n == CORE_LENGTH) {
            return core;
        }
        if (s.charAt(CORE_LENGTH) != ';') {
            throw afterCore(s, CORE_LENGTH, "", "';' or the end of the SWHID");
        }
        if (!qualifiers) {
            throw fail(s, CORE_LENGTH, "unexpected qualifiers", "expected a SWHID without qualifiers");
        }
        if (!core.type().isCore()) {
            throw fail(s, CORE_LENGTH, "qualifiers on an extended SWHID (" + core.type().tag() + ")",
                    "ori and emd SWHIDs take no qualifiers");
        }
        return new Swhid(core.type(), core.id(), parseQualifiers(s, CORE_LENGTH + 1, strict));
    }

    /** Parses exactly {@code swh:1:<type>:<40 hex>} at {@code from}, not looking past it. */
    private static Swhid parseCore(String s, int from, int to, boolean extendedTypes, String where) {
        for (int i = s.startsWith("swh:1:", from) && from + 6 <= to ? 6 : 0; i < 6; i++) {
            int at = from + i;
            if (at >= to || s.charAt(at) != "swh:1:".charAt(i)) {
                if (i >= 4) {
                    // "swh:10:" and "swh:1x:" are wrong versions too: point at the version
                    throw failCore(s, i == 5 && at < to ? from + 4 : at, to, "invalid scheme version", where, "expected 1");
                }
                // a wrong namespace is wrong as a whole ("ssh", "SWH", "swhx"): point at its start
                throw failCore(s, at < to && !Chars.isWhitespace(s.charAt(at)) ? from : at, to,
                        "invalid namespace", where, "expected 'swh'");
            }
        }
        int t = from + 6;
        ObjectType type = t + 3 <= to ? typeAt(s, t) : null;
        if (type == null || (t + 3 < to && s.charAt(t + 3) != ':')) {
            throw failCore(s, t, to, "invalid object type", where,
                    "expected one of " + (extendedTypes ? ALL_TYPES : CORE_TYPES));
        }
        if (!extendedTypes && !type.isCore()) {
            throw fail(s, t, "object type '" + type.tag() + "'" + where + " is not a core type",
                    "expected one of " + CORE_TYPES);
        }
        if (t + 3 == to) {
            throw failCore(s, to, to, "", where, "");
        }
        byte[] id = new byte[ObjectId.LENGTH];
        int h = from + 10;
        for (int k = 0; k < ObjectId.LENGTH; k++, h += 2) {
            int hi = h < to ? Chars.lowerHex(s.charAt(h)) : -1;
            int lo = hi >= 0 && h + 1 < to ? Chars.lowerHex(s.charAt(h + 1)) : -1;
            if (lo < 0) {
                int at = hi < 0 ? h : h + 1;
                throw at >= to ? fail(s, at, "invalid object id" + where, "expected 40 lowercase hex digits")
                        : failCore(s, at, to, "invalid object id", where, "expected 40 lowercase hex digits");
            }
            id[k] = (byte) (hi << 4 | lo);
        }
        return new Swhid(type, ObjectId.of(id));
    }

    private static ObjectType typeAt(String s, int i) {
        char a = s.charAt(i);
        char b = s.charAt(i + 1);
        char c = s.charAt(i + 2);
        return switch (a) {
            case 'c' -> b == 'n' && c == 't' ? ObjectType.CONTENT : null;
            case 'd' -> b == 'i' && c == 'r' ? ObjectType.DIRECTORY : null;
            case 'r' -> b != 'e' ? null
                    : c == 'v' ? ObjectType.REVISION : c == 'l' ? ObjectType.RELEASE : null;
            case 's' -> b == 'n' && c == 'p' ? ObjectType.SNAPSHOT : null;
            case 'o' -> b == 'r' && c == 'i' ? ObjectType.ORIGIN : null;
            case 'e' -> b == 'm' && c == 'd' ? ObjectType.RAW_EXTRINSIC_METADATA : null;
            default -> null;
        };
    }

    /** The error for the character at {@code at}, which follows a complete core SWHID. */
    private static InvalidSwhidException afterCore(String s, int at, String where, String expected) {
        if (Chars.lowerHex(s.charAt(at)) >= 0) {
            return fail(s, at, "invalid object id" + where, "expected 40 lowercase hex digits");
        }
        return fail(s, at, "unexpected " + Chars.describe(s, at) + where, "expected " + expected);
    }

    private static Qualifiers parseQualifiers(String s, int first, boolean strict) {
        int n = s.length();
        // where each key's value starts and ends; the last occurrence wins (strict mode has no others)
        int[] from = {-1, -1, -1, -1, -1, -1};
        int[] to = new int[KEYS.length];
        int i = first;
        while (true) {
            int piece = i;
            int eq = -1;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c == ';') {
                    break;
                } else if (c == '=') {
                    eq = eq < 0 ? i : eq;
                } else if (c <= ' ' || c >= 0x7f) {
                    i = checkSpecial(s, i, c, strict);
                }
            }
            if (i == piece) {
                throw fail(s, piece, "empty qualifier", "expected key=value after ';'");
            }
            if (eq < 0) {
                throw fail(s, piece, "missing '=' in qualifier '" + s.substring(piece, i) + "'", "expected key=value");
            }
            int key = keyIndex(s, piece, eq);
            if (key < 0 || (key == BYTES && !strict)) {
                throw fail(s, piece, "unknown qualifier '" + s.substring(piece, eq) + "'", "expected one of "
                        + (strict ? "origin, visit, anchor, path, lines, bytes" : "origin, visit, anchor, path, lines"
                        + (key == BYTES ? " (bytes needs strict mode)" : "")));
            }
            if (strict && from[key] >= 0) {
                throw fail(s, piece, "duplicate qualifier '" + KEYS[key] + "'", null);
            }
            from[key] = eq + 1;
            to[key] = i;
            if (i == n) {
                break;
            }
            i++;
        }
        return new Qualifiers(
                from[ORIGIN] < 0 ? Optional.empty() : Optional.of(PercentDecoding.origin(s, from[ORIGIN], to[ORIGIN], strict)),
                from[VISIT] < 0 ? Optional.empty() : Optional.of(nested(s, VISIT, from[VISIT], to[VISIT])),
                from[ANCHOR] < 0 ? Optional.empty() : Optional.of(nested(s, ANCHOR, from[ANCHOR], to[ANCHOR])),
                from[PATH] < 0 ? Optional.empty() : Optional.of(PercentDecoding.path(s, from[PATH], to[PATH], strict)),
                from[LINES] < 0 ? Optional.empty() : Optional.of(RangeSyntax.parse(s, from[LINES], to[LINES], strict, true)),
                from[BYTES] < 0 ? Optional.empty() : Optional.of(RangeSyntax.parse(s, from[BYTES], to[BYTES], true, false)));
    }

    /** Rejects whitespace anywhere, unpaired surrogates, and (strict) control characters; returns the index to go on from. */
    private static int checkSpecial(String s, int i, char c, boolean strict) {
        if (Chars.isWhitespace(c)) {
            throw fail(s, i, "unexpected " + Chars.describe(s, i), "whitespace must be percent-encoded");
        }
        if (strict && Chars.isControl(c)) {
            throw fail(s, i, "unexpected " + Chars.describe(s, i), "control characters must be percent-encoded");
        }
        if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                return i + 1;
            }
            throw fail(s, i, "unexpected " + Chars.describe(s, i), "expected well-formed UTF-16 text");
        }
        return i;
    }

    private static int keyIndex(String s, int from, int to) {
        for (int k = 0; k < KEYS.length; k++) {
            if (KEYS[k].length() == to - from && s.startsWith(KEYS[k], from)) {
                return k;
            }
        }
        return -1;
    }

    private static Swhid nested(String s, int key, int from, int to) {
        String where = IN_KEY[key];
        Swhid core = parseCore(s, from, to, false, where);
        if (to != from + CORE_LENGTH) {
            throw afterCore(s, from + CORE_LENGTH, where, "the end of the " + KEYS[key] + " qualifier");
        }
        if (key == VISIT && core.type() != ObjectType.SNAPSHOT) {
            throw fail(s, from + 6, "visit qualifier names a '" + core.type().tag() + "'", "expected a snp SWHID");
        }
        if (key == ANCHOR && core.type() == ObjectType.CONTENT) {
            throw fail(s, from + 6, "anchor qualifier names a 'cnt'", "expected a dir, rev, rel or snp SWHID");
        }
        return core;
    }

    /** Like {@link #fail} but names whitespace and early ends, which are common in pasted text. */
    private static InvalidSwhidException failCore(String s, int at, int to, String problem, String where, String detail) {
        if (at >= to) {
            return fail(s, at, "incomplete SWHID" + where, "expected swh:1:<type>:<40 lowercase hex digits>");
        }
        if (Chars.isWhitespace(s.charAt(at))) {
            return fail(s, at, "unexpected " + Chars.describe(s, at) + where, "a SWHID contains no whitespace");
        }
        return fail(s, at, problem + where, detail);
    }

    /** Returns an exception about the character at {@code index}, counting columns in code points. */
    static InvalidSwhidException fail(String s, int index, String problem, String detail) {
        return new InvalidSwhidException(s, s.codePointCount(0, Math.min(index, s.length())) + 1 + Math.max(0, index - s.length()),
                problem, detail);
    }
}
