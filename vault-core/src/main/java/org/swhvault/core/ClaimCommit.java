package org.swhvault.core;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.request.RowCreation;

/**
 * The commit of a request created already claimed, shared by the caller that created it and the worker that
 * cooks it: whichever asks first commits, once, and the other gets the outcome. The caller commits while the
 * worker cooks; the worker publishes the bundle, and changes the request, only once the commit succeeded. When
 * the worker runs on the caller's thread (a direct executor), it commits itself before publishing. Thread-safe.
 */
final class ClaimCommit {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimCommit.class);

    private final RowCreation creation;
    private volatile boolean done;
    private volatile RuntimeException failure;

    ClaimCommit(RowCreation creation) {
        this.creation = creation;
    }

    /**
     * Commits the claim unless that was done already, blocking while another thread does it.
     *
     * @return empty if the claim is stored, or why it is not
     */
    synchronized Optional<RuntimeException> commit() {
        if (!done) {
            try {
                creation.commit();
            } catch (RuntimeException e) {
                LOG.warn("The request for {} could not be recorded: {}", creation.row().key(), e.getMessage());
                failure = e;
            }
            done = true;
        }
        return Optional.ofNullable(failure);
    }

    /** Gives the claim up unless it was committed: for a caller that cannot go on to commit it. */
    synchronized void abort(RuntimeException why) {
        if (!done) {
            creation.abort();
            failure = why;
            done = true;
        }
    }

    /** Returns true once the claim is known not to be stored; never blocks. */
    boolean hasFailed() {
        return done && failure != null;
    }

    /** Returns true once the claim is stored; never blocks. */
    boolean isCommitted() {
        return done && failure == null;
    }
}
