package org.swhvault.spi.swhid;

import java.math.BigInteger;
import java.util.Optional;

/**
 * Parses {@code lines} and {@code bytes} values. Strict: ASCII digits only, lines from 1, ranges in
 * order. Lenient ({@code lines} only): exactly what the reference does, which is to split on
 * {@code -} into one or two parts and convert each with Python's {@code int()}.
 */
final class RangeSyntax {
    /** Python refuses to convert longer decimal strings (CPython's default int_max_str_digits). */
    static final int MAX_DIGITS = 4300;

    private RangeSyntax() {
    }

    static Range parse(String s, int from, int to, boolean strict, boolean lines) {
        String name = lines ? "lines" : "bytes";
        int dash = s.indexOf('-', from);
        dash = dash >= to ? -1 : dash;
        if (!strict) {
            int second = dash < 0 ? -1 : s.indexOf('-', dash + 1);
            BigInteger start = pythonInt(s, from, dash < 0 ? to : dash);
            BigInteger end = dash < 0 ? null : pythonInt(s, dash + 1, to);
            if (start == null || (dash >= 0 && (end == null || (second >= 0 && second < to)))) {
                throw SwhidScanner.fail(s, from, "invalid " + name + " qualifier '" + s.substring(from, to) + "'",
                        "expected a number N or a range N-M");
            }
            return new Range(start, Optional.ofNullable(end));
        }
        BigInteger start = asciiNumber(s, from, dash < 0 ? to : dash, name);
        BigInteger end = dash < 0 ? null : asciiNumber(s, dash + 1, to, name);
        if (lines && start.signum() == 0) {
            throw SwhidScanner.fail(s, from, "line number 0", "line numbers start at 1");
        }
        if (end != null && end.compareTo(start) < 0) {
            throw SwhidScanner.fail(s, from, "reversed range " + name + "=" + s.substring(from, to),
                    "expected the end to be at least the start");
        }
        return new Range(start, Optional.ofNullable(end));
    }

    private static BigInteger asciiNumber(String s, int from, int to, String name) {
        for (int i = from; i <= to; i++) {
            char c = i < to ? s.charAt(i) : 0;
            if (i == to ? i == from : c < '0' || c > '9') {
                throw SwhidScanner.fail(s, i, i == to ? "missing number in " + name + " qualifier"
                                : "unexpected " + Chars.describe(s, i) + " in " + name + " qualifier",
                        "expected a number N or a range N-M of ASCII digits");
            }
        }
        if (to - from > MAX_DIGITS) {
            throw SwhidScanner.fail(s, from, "number in " + name + " qualifier too long",
                    "expected at most " + MAX_DIGITS + " digits");
        }
        return toBigInteger(s, from, to);
    }

    /**
     * Converts like Python's {@code int(text)} on a string without whitespace: an optional
     * {@code +}, then decimal digits of any script (Unicode category Nd) with single underscores
     * between them, at most 4300 digits. Returns null where Python raises ValueError.
     */
    static BigInteger pythonInt(String s, int from, int to) {
        int i = from;
        if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            if (s.charAt(i) == '-') {
                return null; // never reached: the value was split on '-'
            }
            i++;
        }
        char[] digits = new char[to - i];
        int count = 0;
        boolean afterDigit = false;
        while (i < to) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '_' && afterDigit && i < to) {
                afterDigit = false;
                continue;
            }
            int d = Character.digit(cp, 10);
            if (d < 0) {
                return null;
            }
            digits[count++] = (char) ('0' + d);
            afterDigit = true;
        }
        if (count == 0 || !afterDigit || count > MAX_DIGITS) {
            return null;
        }
        return toBigInteger(new String(digits, 0, count), 0, count);
    }

    private static BigInteger toBigInteger(String s, int from, int to) {
        if (to - from <= 18) {
            long v = 0;
            for (int i = from; i < to; i++) {
                v = v * 10 + (s.charAt(i) - '0');
            }
            return BigInteger.valueOf(v);
        }
        return new BigInteger(s.substring(from, to));
    }
}
