package org.swhvault.core.cook.gitbare;

import org.eclipse.jgit.lib.ProgressMonitor;

/**
 * Forwards JGit's progress (its task titles, such as {@code Counting objects}, with counts) to the
 * cook's report, every {@value #EVERY} units, and JGit's cancellation checks to the caller's context.
 * An update after the caller cancelled throws {@link org.swhvault.spi.ErrorCode#CANCELLED}, so that
 * phases which never ask {@link #isCancelled()} (counting) stop too.
 */
final class JGitProgress implements ProgressMonitor {
    private static final int EVERY = 256;

    private final CookReport report;
    private String task = "Packing objects";
    private long total = -1;
    private long done;
    private long reported;

    JGitProgress(CookReport report) {
        this.report = report;
    }

    @Override
    public void start(int totalTasks) {
    }

    @Override
    public void beginTask(String title, int totalWork) {
        task = title;
        total = totalWork == UNKNOWN ? -1 : totalWork;
        done = 0;
        reported = 0;
        report.progress(message(), 0, total);
    }

    @Override
    public void update(int completed) {
        done += completed;
        if (done - reported >= EVERY) {
            reported = done;
            report.progress(message(), done, total);
        }
    }

    @Override
    public void endTask() {
        report.progress(message(), done, total);
    }

    @Override
    public boolean isCancelled() {
        return report.isCancelled();
    }

    @Override
    public void showDuration(boolean enabled) {
    }

    private String message() {
        if (total < 0 && done == 0) {
            return task; // "Counting objects: 0" would read as "none"
        }
        return task + ": " + done + (total >= 0 ? " of " + total : "");
    }
}
