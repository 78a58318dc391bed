package org.swhvault.core;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * How far a running cook has got, in numbers: what a progress bar shows. A cooker reports it through
 * {@link org.swhvault.spi.cook.CookContext#progress}; {@link Vault#progress} gives the latest report of a cook
 * running in this vault, and {@link #parse} reads the counts back from the progress message every vault
 * sharing a request store sees.
 *
 * @param phase what the cook is doing, one line a person reads, such as {@code Writing objects}
 * @param done units of work done, at least 0
 * @param total units of work in all, or -1 when not known (yet)
 */
public record CookProgress(String phase, long done, long total) {
    /** "(4/10)" or "(57)" at the end: the counters {@link ProgressText} adds to words that have none. */
    private static final Pattern SUFFIX = Pattern.compile("^(.*\\S) \\((\\d{1,18})(?:/(\\d{1,18}))?\\)$");
    /** "3 of 40" in the words themselves, whole numbers only ("1.2 MiB of 3.4 MiB" is not a count). */
    private static final Pattern OF = Pattern.compile("(?<![\\d.])(\\d{1,18}) of (\\d{1,18})(?![\\d.])");

    /** Validates the components. */
    public CookProgress {
        requireNonNull(phase, "phase is null");
        if (done < 0) {
            throw new IllegalArgumentException("done must be non-negative, got " + done);
        }
        if (total < -1) {
            throw new IllegalArgumentException("total must be -1 (unknown) or more, got " + total);
        }
    }

    /** Returns the part done, from 0 to 1, when the total is known. */
    public OptionalDouble fraction() {
        if (total < 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(total == 0 ? 1 : Math.min(1, (double) done / total));
    }

    /**
     * Reads the counts back from a progress message as the vault writes it: "{@code Writing objects (4/10)}",
     * "{@code Writing the directory tree (57)}", or words that carry them, "{@code Writing revision 3 of 40}".
     *
     * @param message a status's progress message
     * @return the progress, or empty if the message holds no counts
     */
    public static Optional<CookProgress> parse(String message) {
        requireNonNull(message, "message is null");
        Matcher suffix = SUFFIX.matcher(message);
        if (suffix.matches()) {
            long done = Long.parseLong(suffix.group(2));
            long total = suffix.group(3) == null ? -1 : Long.parseLong(suffix.group(3));
            return Optional.of(new CookProgress(suffix.group(1), done, total));
        }
        Matcher of = OF.matcher(message);
        if (of.find()) {
            return Optional.of(new CookProgress(message, Long.parseLong(of.group(1)), Long.parseLong(of.group(2))));
        }
        return Optional.empty();
    }
}
