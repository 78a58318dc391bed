package org.swhvault.http;

import java.util.Locale;

/**
 * What a {@code Range} header asks of a bundle of a known size (RFC 9110 §14). One range is served;
 * a header this server does not serve (another unit, several ranges, bad syntax) is ignored, which the RFC
 * allows, and the whole bundle is sent.
 */
sealed interface RangeRequest {
    /** Send the whole bundle with 200. */
    record Whole() implements RangeRequest {
    }

    /**
     * Send bytes {@code start} to {@code start + length - 1} with 206.
     *
     * @param start the first byte
     * @param length how many bytes, at least 1
     */
    record Part(long start, long length) implements RangeRequest {
        /** Returns the last byte's offset. */
        long last() {
            return start + length - 1;
        }
    }

    /** No byte of the bundle is in the range: answer 416. */
    record Unsatisfiable() implements RangeRequest {
    }

    /**
     * Resolves a {@code Range} header against a size.
     *
     * @param header the header's value, or null
     * @param size the bundle's size in bytes
     * @return what to send
     */
    static RangeRequest resolve(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        String h = header.strip();
        int eq = h.indexOf('=');
        if (eq < 0 || !h.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return new Whole();
        }
        String spec = h.substring(eq + 1).strip();
        int dash = spec.indexOf('-');
        if (spec.indexOf(',') >= 0 || dash < 0) {
            return new Whole();
        }
        String first = spec.substring(0, dash).strip();
        String last = spec.substring(dash + 1).strip();
        if (first.isEmpty()) {
            long suffix = digits(last);
            if (suffix < 0) {
                return new Whole();
            }
            if (suffix == 0 || size == 0) {
                return new Unsatisfiable();
            }
            long n = Math.min(suffix, size);
            return new Part(size - n, n);
        }
        long start = digits(first);
        long end = last.isEmpty() ? Long.MAX_VALUE : digits(last);
        if (start < 0 || end < 0 || end < start) {
            return new Whole();
        }
        if (start >= size) {
            return new Unsatisfiable();
        }
        return new Part(start, Math.min(end, size - 1) - start + 1);
    }

    /** Returns the value of a run of ASCII digits (saturating at Long.MAX_VALUE), or -1 if not one. */
    private static long digits(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : v * 10 + (c - '0');
        }
        return v;
    }
}
