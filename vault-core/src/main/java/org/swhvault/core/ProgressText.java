package org.swhvault.core;

import java.util.regex.Pattern;

/**
 * Turns a cooker's progress report into the one line a user reads: its counters are added only to words
 * that say no number themselves ("Writing revision 3 of 40" needs no "(2/40)").
 */
final class ProgressText {
    private static final int MAX_LENGTH = 200;
    private static final Pattern DIGIT = Pattern.compile("\\d");

    private ProgressText() {
    }

    static String format(String message, long done, long total) {
        String text = phase(message);
        if (DIGIT.matcher(text).find()) {
            return text;
        }
        if (total > 0) {
            return text + " (" + done + "/" + total + ")";
        }
        if (done > 0) {
            return text + " (" + done + ")";
        }
        return text;
    }

    /** The cooker's words as a user reads them: their first line, cut to a length, "Processing..." if none. */
    static String phase(String message) {
        String text = message == null ? "" : message.strip().lines().findFirst().orElse("").strip();
        if (text.isEmpty()) {
            return "Processing...";
        }
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH - 1) + "…" : text;
    }
}
