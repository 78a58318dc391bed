package org.swhvault.examples.cli;

import java.io.PrintWriter;

import org.swhvault.spi.cook.CookContext;

/**
 * Shows a cook's progress on standard error: a bar redrawn in place when a person watches a
 * terminal, otherwise a plain line at most every few seconds (logs stay readable).
 */
final class ProgressPrinter implements CookContext {
    private static final long TERMINAL_INTERVAL_NANOS = 100_000_000L;
    private static final long PLAIN_INTERVAL_NANOS = 2_000_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal;
    private long last = System.nanoTime() - PLAIN_INTERVAL_NANOS;
    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d+");

    private String lastPhase = "";
    private boolean barShown;

    ProgressPrinter(PrintWriter err, boolean quiet, boolean terminal) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = terminal;
    }

    @Override
    public synchronized void progress(String message, long done, long total) {
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
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
            err.println(plain(message, done, total));
        }
        err.flush();
    }

    /**
     * A plain line: the message, with the counters only when it does not already say them ("Writing
     * revision 3 of 40" needs no "(2/40)").
     */
    static String plain(String message, long done, long total) {
        if (total <= 0 || message.contains(Long.toString(total)) || message.contains(" of ")) {
            return message;
        }
        return message + " (" + done + " of " + total + ")";
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
