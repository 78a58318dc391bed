package org.swhvault.examples.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import org.swhvault.spi.cook.CookContext;

/**
 * Shows a cook's progress on standard error: a bar redrawn in place when a person watches a
 * terminal, otherwise a plain line at most every few seconds (logs stay readable).
 */
final class ProgressPrinter implements CookContext {
    private static final long TERMINAL_INTERVAL_NANOS = 100_000_000L;
    private static final long PLAIN_INTERVAL_NANOS = 2_000_000_000L;
    private static final int BAR_WIDTH = 30;

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private long last;

    private String lastPhase = "";
    private String lastLine = "";
    private boolean barShown;

    ProgressPrinter(PrintWriter err, boolean quiet, boolean terminal) {
        this(err, quiet, terminal, System::nanoTime);
    }

    /** With the clock the intervals are measured on, {@link System#nanoTime()} but in tests. */
    ProgressPrinter(PrintWriter err, boolean quiet, boolean terminal, LongSupplier nanoTime) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.last = nanoTime.getAsLong() - PLAIN_INTERVAL_NANOS;
    }

    @Override
    public synchronized void progress(String message, long done, long total) {
        if (quiet) {
            return;
        }
        long now = nanoTime.getAsLong();
        // Cookers put counters in their messages ("Writing revision 12 of 340"): a new phase is a
        // message that differs in more than its numbers.
        String phase = DIGITS.matcher(message).replaceAll("#");
        boolean changed = !phase.equals(lastPhase);
        if (!changed && now - last < (terminal ? TERMINAL_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS)) {
            return;
        }
        last = now;
        lastPhase = phase;
        if (terminal) {
            err.print("\r\033[K" + bar(done, total) + " " + message);
            barShown = true;
        } else {
            String line = plain(message, done, total);
            if (line.equals(lastLine)) {
                return; // the same words again say nothing new
            }
            lastLine = line;
            err.println(line);
        }
        err.flush();
    }

    /**
     * A plain line: the message, with the counters only when it says no number itself ("Writing revision 3
     * of 40" needs no "(2 of 40)"); a count without a known total is said to be one "so far".
     */
    static String plain(String message, long done, long total) {
        if (DIGITS.matcher(message).find() || (done <= 0 && total <= 0)) {
            return message;
        }
        return message + " (" + done + (total > 0 ? " of " + total : " so far") + ")";
    }

    private static String bar(long done, long total) {
        if (total <= 0) {
            // Unknown total: a moving marker and the count, so the bar still shows life.
            int at = (int) (Math.max(0, done) % BAR_WIDTH);
            return "[" + " ".repeat(at) + "=" + " ".repeat(BAR_WIDTH - at - 1) + "] " + Math.max(0, done);
        }
        int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * Math.max(0, done) / total);
        return "[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] "
                + String.format("%3d%%", 100 * Math.min(done, total) / total);
    }

    @Override
    public boolean isCancelled() {
        return Thread.currentThread().isInterrupted();
    }

    /** Ends the progress display with a final line. */
    synchronized void finish(String message) {
        if (quiet) {
            return;
        }
        if (barShown) {
            err.print("\r\033[K");
        }
        err.println(message);
        err.flush();
    }
}
