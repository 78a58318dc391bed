package org.swhvault.swhrpc;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The legacy {@code datetime} extra type's ISO 8601 text, as the {@code iso8601} package reads it with no
 * default zone: a date, {@code T} or a space, a time with optional fraction, and an optional zone ({@code Z},
 * {@code ±HH}, {@code ±HHMM}, {@code ±HH:MM}); without a zone the datetime is naive.
 */
final class IsoDates {
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)"
                    + "(?:(Z)|([+-])(\\d{2})(?::?(\\d{2}))?)?");

    private IsoDates() {
    }

    /** Returns an {@link OffsetDateTime}, or a {@link LocalDateTime} for a naive datetime. */
    static Object parse(String text) {
        Matcher m = ISO.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an ISO 8601 datetime: " + text);
        }
        LocalDateTime local = LocalDateTime.parse(m.group(1) + "T" + m.group(2).replace(',', '.'));
        if (m.group(3) != null) {
            return local.atOffset(ZoneOffset.UTC);
        }
        if (m.group(4) == null) {
            return local;
        }
        int sign = m.group(4).equals("-") ? -1 : 1;
        int hours = Integer.parseInt(m.group(5));
        int minutes = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        return local.atOffset(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
    }
}
