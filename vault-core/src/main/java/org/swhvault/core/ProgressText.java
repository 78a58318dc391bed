package org.swhvault.core;

/** Turns a cooker's progress report into the one line a user reads. */
final class ProgressText {
    private static final int MAX_LENGTH = 200;

    private ProgressText() {
    }

    static String format(String message, long done, long total) {
        String text = message == null ? "" : message.strip().lines().findFirst().orElse("").strip();
        if (text.isEmpty()) {
            text = "Processing...";
        } else if (text.length() > MAX_LENGTH) {
            text = text.substring(0, MAX_LENGTH - 1) + "…";
        }
        if (total > 0) {
            return text + " (" + done + "/" + total + ")";
        }
        if (done > 0) {
            return text + " (" + done + ")";
        }
        return text;
    }
}
