package org.swhvault.http;

import java.time.Duration;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * A request budget per client address: {@code permits} requests per {@code period}, refilled smoothly
 * (a token bucket holding at most {@code permits}).
 *
 * @param permits how many requests, at least 1
 * @param period the period they are spread over, positive
 */
public record RateLimit(long permits, Duration period) {
    /** Validates the components. */
    public RateLimit {
        requireNonNull(period, "period is null");
        if (permits < 1) {
            throw new IllegalArgumentException("a rate limit needs at least 1 request per period, got " + permits);
        }
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a rate limit's period must be positive, got " + period);
        }
    }

    /**
     * Parses {@code N/UNIT} where UNIT is {@code s}, {@code min}, {@code h} or {@code d} (also {@code sec},
     * {@code second}, {@code m}, {@code minute}, {@code hour}, {@code day}), such as {@code 60/min}.
     *
     * @param text the text
     * @return the rate limit
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static RateLimit parse(String text) {
        requireNonNull(text, "text is null");
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw invalid(text);
        }
        long permits;
        try {
            permits = Long.parseLong(text.substring(0, slash).strip());
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
        Duration period = switch (text.substring(slash + 1).strip().toLowerCase(Locale.ROOT)) {
            case "s", "sec", "second" -> Duration.ofSeconds(1);
            case "m", "min", "minute" -> Duration.ofMinutes(1);
            case "h", "hour" -> Duration.ofHours(1);
            case "d", "day" -> Duration.ofDays(1);
            default -> throw invalid(text);
        };
        if (permits < 1) {
            throw invalid(text);
        }
        return new RateLimit(permits, period);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(expectedGot("", text));
    }

    /** The sentence for a text that is no rate limit: what is expected, with the caller's alternatives, then it. */
    static String expectedGot(String alternatives, String text) {
        return "expected a rate limit such as 60/min (N/s, N/min, N/h or N/d)" + alternatives + ", got '" + text
                + "'";
    }

    @Override
    public String toString() {
        String unit = period.equals(Duration.ofSeconds(1)) ? "s" : period.equals(Duration.ofMinutes(1)) ? "min"
                : period.equals(Duration.ofHours(1)) ? "h" : period.equals(Duration.ofDays(1)) ? "d" : period.toString();
        return permits + "/" + unit;
    }
}
