package org.swhvault.objstorage;

import java.util.ArrayList;
import java.util.List;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static java.util.Objects.requireNonNull;

/**
 * Which directories a pathslicing objstorage puts an object in: slices of its hex sha1, written as
 * swh-objstorage's {@code slicing} setting writes them. {@code 0:2/2:4} (a mirror's) puts
 * {@code 34973274ccef…} in {@code 34/97/}; {@code 0:2/2:4/4:6} in {@code 34/97/32/}; {@code 0:1/0:5} in
 * {@code 3/34973/}. Each slice is {@code start:stop} over the 40 hex digits, either bound may be left out
 * ({@code :4} is {@code 0:4}, {@code 2:} is {@code 2:40}), a lone number is a stop as in Python ({@code 4} is
 * {@code 0:4}), and empty slices between slashes are ignored, so {@code /} alone means no directories.
 * Python's negative bounds and steps, and slices that would name an empty directory, are refused.
 */
public final class PathSlicing {
    /** How many hex digits a sha1 has, and so the largest bound. */
    public static final int HEX_DIGITS = 40;
    /** The slicing of a Software Heritage mirror's objstorage: {@code 0:2/2:4}. */
    public static final PathSlicing MIRROR = parse("0:2/2:4");

    private final int[] starts;
    private final int[] stops;

    private PathSlicing(int[] starts, int[] stops) {
        this.starts = starts;
        this.stops = stops;
    }

    /**
     * Reads a slicing.
     *
     * @param slicing such as {@code 0:2/2:4}
     * @return the slicing
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} naming the slice that is wrong and why
     */
    public static PathSlicing parse(String slicing) {
        requireNonNull(slicing, "slicing is null");
        List<int[]> bounds = new ArrayList<>();
        for (String slice : slicing.strip().split("/", -1)) {
            if (slice.isEmpty()) {
                continue;
            }
            String[] parts = slice.split(":", -1);
            if (parts.length > 2) {
                throw invalid(slicing, "slice '" + slice + "' has a step; only start:stop is supported");
            }
            int start = parts.length == 1 ? 0 : bound(slicing, slice, parts[0], 0);
            int stop = bound(slicing, slice, parts[parts.length - 1], HEX_DIGITS);
            if (start >= stop) {
                throw invalid(slicing, "slice '" + slice + "' is empty (" + start + " to " + stop
                        + "), so it names no directory");
            }
            bounds.add(new int[] {start, stop});
        }
        return new PathSlicing(bounds.stream().mapToInt(b -> b[0]).toArray(),
                bounds.stream().mapToInt(b -> b[1]).toArray());
    }

    private static int bound(String slicing, String slice, String text, int missing) {
        if (text.isEmpty()) {
            return missing;
        }
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9') || text.length() > 3) {
            throw invalid(slicing, "slice '" + slice + "' has bound '" + text + "', which is not a number from 0 to "
                    + HEX_DIGITS);
        }
        int value = Integer.parseInt(text);
        if (value > HEX_DIGITS) {
            throw invalid(slicing, "slice '" + slice + "' goes to hex digit " + value + ", past the " + HEX_DIGITS
                    + " of a sha1");
        }
        return value;
    }

    private static VaultException invalid(String slicing, String why) {
        return new VaultException(ErrorCode.INVALID_ARGUMENT, "Invalid objstorage slicing '" + slicing + "': " + why
                + " (write slices such as 0:2/2:4).");
    }

    /** Returns how many directory levels the slicing makes. */
    public int depth() {
        return starts.length;
    }

    /**
     * Returns the directories an object lives in, outermost first.
     *
     * @param hex the object's hex sha1, 40 lowercase digits
     * @return one name per slice
     * @throws IllegalArgumentException if {@code hex} is not 40 characters long
     */
    public List<String> directories(String hex) {
        if (hex.length() != HEX_DIGITS) {
            throw new IllegalArgumentException("a hex sha1 has " + HEX_DIGITS + " digits, got '" + hex + "'");
        }
        List<String> names = new ArrayList<>(starts.length);
        for (int i = 0; i < starts.length; i++) {
            names.add(hex.substring(starts[i], stops[i]));
        }
        return names;
    }

    /** Returns the slicing in the form {@link #parse(String)} reads, each bound written, such as {@code 0:2/2:4}. */
    @Override
    public String toString() {
        if (starts.length == 0) {
            return "/";
        }
        List<String> slices = new ArrayList<>();
        for (int i = 0; i < starts.length; i++) {
            slices.add(starts[i] + ":" + stops[i]);
        }
        return String.join("/", slices);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathSlicing other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
