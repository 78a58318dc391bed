package org.swhvault.core.cook.gitbare;

import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.core.cook.gitbare.pack.GitObjectType;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.Swhid;

/**
 * What one cook tells its caller: progress, and every object or branch it had to leave out or
 * replace, both as a progress message and in the log. Not thread-safe (the cook runs on one thread).
 */
final class CookReport {
    private static final Logger LOG = LoggerFactory.getLogger(GitBareCooker.class);

    private final CookContext context;
    private final Swhid swhid;
    private final Set<ObjectId> placeholders = new HashSet<>();
    private long done;
    private long total = -1;

    CookReport(CookContext context, Swhid swhid) {
        this.context = context;
        this.swhid = swhid;
    }

    /** Reports progress and checks for cancellation. */
    void progress(String message, long done, long total) {
        this.done = done;
        this.total = total;
        context.progress(message, done, total);
        context.checkCancelled();
    }

    /** Returns whether the caller asked the cook to stop. */
    boolean isCancelled() {
        return context.isCancelled();
    }

    /** Throws {@link org.swhvault.spi.ErrorCode#CANCELLED} if the caller asked the cook to stop. */
    void checkCancelled() {
        context.checkCancelled();
    }

    /** Reports something left out or replaced, keeping the counts of the last progress. */
    void note(String message) {
        LOG.warn("Cooking git-bare {}: {}", swhid, message);
        context.progress(message, done, total);
    }

    /** Records that {@code id} holds a placeholder, whose bytes do not hash to it on purpose. */
    void placeholder(ObjectId id, String message) {
        placeholders.add(id);
        note(message);
    }

    /** Called by the pack writer for an object whose bytes do not hash to its id. */
    void mismatch(GitObjectType type, ObjectId given, ObjectId actual) {
        if (!placeholders.contains(given)) {
            note("The " + type.gitName() + " " + given + " does not hash to its id (its bytes hash to " + actual
                    + "); it is kept under its id.");
        }
    }
}
