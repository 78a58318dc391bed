package org.swhvault.core.cook.internal;

/** How progress messages write counts and sizes, so that every cooker reads the same. */
public final class Quantities {
    private Quantities() {
    }

    /**
     * Returns {@code n} with its noun in the right number: {@code 1 reference}, {@code 2 references}.
     *
     * @param n the count
     * @param noun the noun in the singular; the plural adds an {@code s}
     * @return the text
     */
    public static String count(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }

    /**
     * Returns a byte size in the unit that keeps it readable: {@code 930 bytes}, {@code 12.4 KiB},
     * {@code 37.8 MiB}, {@code 1.2 GiB}.
     *
     * @param bytes the size
     * @return the text
     */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return count(bytes, "byte");
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
