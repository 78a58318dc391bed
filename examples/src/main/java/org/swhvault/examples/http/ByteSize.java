package org.swhvault.examples.http;

import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads sizes such as {@code 1048576}, {@code 512M}, {@code 1G} or {@code 1GiB} (powers of 1024). */
public final class ByteSize implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        return parse(value);
    }

    /** Reads a size where {@code 0} is allowed too (it means "no limit" to the option). */
    public static final class ZeroMeansNone implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            if (value.strip().equals("0")) {
                return 0L;
            }
            try {
                return parse(value);
            } catch (TypeConversionException e) {
                throw new TypeConversionException("expected a size such as 512MiB or 4GiB, or 0 for no limit, got '"
                        + value + "'");
            }
        }
    }

    /**
     * Shows a size the way users write it: {@code 1GiB}, {@code 512MiB}, or bytes when not a whole unit.
     *
     * @param bytes the size
     * @return the text
     */
    public static String format(long bytes) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (40 - 10 * i);
            if (bytes >= unit && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return bytes + " bytes";
    }

    static long parse(String value) {
        String v = value.strip().toUpperCase(Locale.ROOT);
        if (v.endsWith("IB")) {
            v = v.substring(0, v.length() - 2);
        } else if (v.endsWith("B")) {
            v = v.substring(0, v.length() - 1);
        }
        int shift = 0;
        if (!v.isEmpty()) {
            switch (v.charAt(v.length() - 1)) {
                case 'K' -> shift = 10;
                case 'M' -> shift = 20;
                case 'G' -> shift = 30;
                case 'T' -> shift = 40;
                default -> shift = 0;
            }
        }
        String digits = shift == 0 ? v : v.substring(0, v.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n < 1 || n > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("expected a positive size such as 1048576, 512M or 1G, got '" + value
                    + "'");
        }
    }
}
