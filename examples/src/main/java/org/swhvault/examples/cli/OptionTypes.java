package org.swhvault.examples.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Picocli converters for the option values the commands share. A value they refuse is a usage error:
 * picocli names the option and the converter says what is allowed.
 */
public final class OptionTypes {
    private OptionTypes() {
    }

    /** A TCP port, 0 (any free one) to 65535. */
    public static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return bounded(value, 0, 65_535, "a port from 0 (any free port) to 65535");
        }
    }

    /** A count of at least 1, such as a number of threads. */
    public static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return bounded(value, 1, 100_000, "a whole number from 1 to 100000");
        }
    }

    /** A positive duration, such as {@code 30s}, {@code 5m} or {@code PT1H}. */
    public static final class PositiveDuration implements ITypeConverter<java.time.Duration> {
        @Override
        public java.time.Duration convert(String value) {
            return duration(value, false);
        }
    }

    /** A duration that may be zero, such as {@code 0}, {@code 30s} or {@code 24h}. */
    public static final class NonNegativeDuration implements ITypeConverter<java.time.Duration> {
        @Override
        public java.time.Duration convert(String value) {
            return duration(value, true);
        }
    }

    private static java.time.Duration duration(String value, boolean zero) {
        return org.swhvault.spi.plugin.Settings.parseDuration(value).filter(d -> zero || !d.isZero())
                .orElseThrow(() -> new TypeConversionException("expected a duration such as 30s, 5m, 2h or PT1H,"
                        + " got '" + value + "'"));
    }

    /** An absolute http or https URL with a host, such as {@code https://archive.softwareheritage.org}. */
    public static final class HttpUrl implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                URI uri = new URI(value.strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // said below
            }
            throw new TypeConversionException("expected an http or https URL such as "
                    + "https://archive.softwareheritage.org, got '" + value + "'");
        }
    }

    private static int bounded(String value, int min, int max, String allowed) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new TypeConversionException("expected " + allowed + ", got '" + value + "'");
    }
}
